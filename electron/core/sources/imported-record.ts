/**
 * A model call read from a local log (Claude Code transcript, Codex session, Gemini CLI session)
 * as a ledger row: subscription usage, priced at the API rates of its day, so the break-even page
 * can set it against the plan's price. It never counts as spend, unless the log is known to be
 * of calls billed to an API key (billing 'api').
 */
import type { PriceOverride } from '../../../shared/api/contract.js';
import { projectOf } from '../../../shared/projects/project-of.js';
import { priceUsage } from '../../../shared/pricing/index.js';
import type { BillingMode, NewUsageRecord, ProviderId, TokenCounts } from '../../../shared/usage.js';

export interface ImportedCall {
  provider: ProviderId;
  model: string;
  /** Epoch ms. */
  time: number;
  tokens: TokenCounts;
  /** The log's own key for the call: imports are de-duplicated on it. */
  externalId: string;
  /** The provider's request id when the log has it (to match the proxy's row). */
  requestId: string | null;
  tag: string | null;
  /** The API the call would have been on an API key. */
  endpoint: string;
  /** Default 'subscription'. */
  billing?: BillingMode;
  /** The session's working directory, when the log names it: the row's project. */
  cwd?: string | null;
  /** The coding session the call belongs to. */
  sessionId?: string | null;
}

export function importedRecord(c: ImportedCall, overrides: readonly PriceOverride[]): NewUsageRecord {
  const project = projectOf(c.cwd);
  const price = priceUsage({ provider: c.provider, model: c.model, tokens: c.tokens, overrides, at: new Date(c.time) });
  return {
    time: c.time,
    provider: c.provider,
    model: c.model,
    billing: c.billing ?? 'subscription',
    source: 'import',
    tag: c.tag,
    status: 'ok',
    stream: true,
    ...c.tokens,
    costNano: price.totalNano,
    priced: price.priced,
    costSource: price.costSource,
    priceVersion: price.priceVersion,
    latencyMs: null,
    ttftMs: null,
    requestId: c.requestId,
    externalId: c.externalId,
    endpoint: c.endpoint,
    httpStatus: null,
    errorMessage: null,
    project: project?.path ?? null,
    projectName: project?.name ?? null,
    sessionId: c.sessionId ?? null,
  };
}

/**
 * The record, or null when the ledger cannot hold it as it is: its cost is not a whole number of
 * nano-dollars below 2^53 (a price override of absurd rates on a large call: a billion tokens at
 * $1e12 a million is 1e24 nano-dollars, which SQLite refuses as an INTEGER), or the price refused
 * its counts. An import skips such a call on its own, as a malformed line, rather than have the
 * write of its whole batch (every file of it) fail.
 */
export function storableImportedRecord(c: ImportedCall, overrides: readonly PriceOverride[]): NewUsageRecord | null {
  let record: NewUsageRecord;
  try {
    record = importedRecord(c, overrides);
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return Number.isSafeInteger(record.costNano) && record.costNano >= 0 ? record : null;
}
