import type { Budget, Settings } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { ZERO_TOKENS, type NewUsageRecord, type TokenCounts, type UsageRecord } from '../../shared/usage.js';
import { insertUsage, openDatabase, upsertBudget, writeSettings } from '../../electron/core/ledger/index.js';

/**
 * What a plain, successful, non-streamed call through the proxy holds besides its time, model,
 * tokens, cost and latency: the ground the tests' usage records share.
 */
export const PROXIED_CALL = {
  provider: 'anthropic',
  billing: 'api',
  source: 'proxy',
  tag: null,
  status: 'ok',
  stream: false,
  ttftMs: null,
  requestId: null,
  externalId: null,
  endpoint: '/v1/messages',
  httpStatus: 200,
  errorMessage: null,
} as const satisfies Partial<NewUsageRecord>;

/** A usage record priced by the real price data, for seeding ledgers in tests. */
export function pricedRecord(partial: Partial<NewUsageRecord> & { time: number; model: string; tokens?: Partial<TokenCounts> }): NewUsageRecord {
  const provider = partial.provider ?? 'anthropic';
  const tokens: TokenCounts = { ...ZERO_TOKENS, ...partial.tokens };
  const billing = partial.billing ?? 'api';
  const price = priceUsage({ provider, model: partial.model, tokens, batch: billing === 'batch' });
  const { tokens: _omit, ...rest } = partial;
  return {
    ...PROXIED_CALL,
    provider,
    billing,
    costNano: price.totalNano,
    priced: price.priced,
    costSource: price.costSource,
    priceVersion: price.priceVersion,
    latencyMs: 1200,
    ...tokens,
    ...rest,
  };
}

export interface LedgerContents {
  settings?: Partial<Settings>;
  budgets?: readonly Budget[];
  usage?: readonly NewUsageRecord[];
}

/**
 * Writes settings, then budgets, then usage rows into the ledger in `dataDir` (made when new) and
 * closes it, as a test sets a ledger up before the app opens it. Returns the rows as stored, with
 * their ids.
 */
export function fillLedger(dataDir: string, contents: LedgerContents): UsageRecord[] {
  const db = openDatabase(dataDir);
  try {
    if (contents.settings) writeSettings(db, contents.settings);
    for (const budget of contents.budgets ?? []) upsertBudget(db, budget);
    const usage = contents.usage ?? [];
    const ids = insertUsage(db, usage);
    return usage.map((r, i) => ({ ...r, keyRef: r.keyRef ?? null, id: ids[i]! }));
  } finally {
    db.close();
  }
}
