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
