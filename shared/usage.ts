import type { Nano } from './money.js';

/** A provider profile's id (shared/providers/): a built-in one, or a user-defined provider's lower-case name. */
export type ProviderId = string;

/** How a call is paid for. Subscription usage is priced at API rates but is never spend. */
export type BillingMode = 'api' | 'batch' | 'subscription';
export const BILLING_MODES: readonly BillingMode[] = ['api', 'batch', 'subscription'];

/** Where a record came from. */
export type UsageSource = 'proxy' | 'import' | 'poll';
export const USAGE_SOURCES: readonly UsageSource[] = ['proxy', 'import', 'poll'];

/**
 * ok: the provider answered with usage. error: the provider answered with an error (costs nothing).
 * incomplete: a stream cut after tokens flowed (usage known so far is kept). blocked: refused by the budget gate.
 */
export type UsageStatus = 'ok' | 'error' | 'incomplete' | 'blocked';
export const USAGE_STATUSES: readonly UsageStatus[] = ['ok', 'error', 'incomplete', 'blocked'];

/**
 * Token counts of one call, as disjoint kinds: each token is counted in exactly one field,
 * so a price is "sum of field × rate". inputTokens is uncached input only; outputTokens
 * excludes reasoningTokens (both are billed at the output rate).
 */
export interface TokenCounts {
  inputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Server-side tool uses billed per request (Anthropic web search). */
  webSearchRequests: number;
}

export const ZERO_TOKENS: Readonly<TokenCounts> = Object.freeze({
  inputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  webSearchRequests: 0,
});

export const TOKEN_FIELDS = [
  'inputTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheReadTokens',
  'outputTokens',
  'reasoningTokens',
  'webSearchRequests',
] as const satisfies readonly (keyof TokenCounts)[];

/** Where the cost figure came from. */
export type CostSource = 'computed' | 'provider' | 'override' | 'fallback';

/** One LLM call or imported message: the only kind of row that spends money. */
export interface UsageRecord extends TokenCounts {
  /** Ledger row id, assigned on insert. */
  id: number;
  /** Start of the call (or the message timestamp for imports), epoch milliseconds UTC. */
  time: number;
  provider: ProviderId;
  model: string;
  billing: BillingMode;
  source: UsageSource;
  tag: string | null;
  status: UsageStatus;
  stream: boolean;
  /**
   * Cost in nano-dollars. For an unpriced record this is a conservative estimate
   * (priced = false, costSource = 'fallback'), never a silent zero.
   */
  costNano: Nano;
  priced: boolean;
  costSource: CostSource;
  /** Version of the price data the cost was computed with. */
  priceVersion: string;
  latencyMs: number | null;
  ttftMs: number | null;
  /** Provider's request id (request-id / x-request-id header), when known. */
  requestId: string | null;
  /** Stable key for de-duplication of imported / polled rows (e.g. message.id:requestId). */
  externalId: string | null;
  /** API endpoint path (e.g. /v1/messages), when known. */
  endpoint: string | null;
  httpStatus: number | null;
  errorMessage: string | null;
  /**
   * How the call was served, as the response reported it (they set the price: shared/pricing/price-rules.ts).
   * Optional on new records (importers and pollers do not know them); always present on stored ones.
   */
  serviceTier?: string | null;
  /** Anthropic fast mode ("fast" | "standard"). */
  speed?: string | null;
  /** Anthropic data residency: where inference ran ("us" | "global"). */
  inferenceGeo?: string | null;
  /** Anthropic web fetches (server_tool_use.web_fetch_requests): no fee beyond tokens. */
  webFetchRequests?: number;
  /** OpenRouter "bring your own key": the cost includes what the user's own provider key was charged. */
  byok?: boolean;
  /**
   * Which API key the provider billed, as a one-way fingerprint ("key:" + 16 hex digits of its
   * SHA-256), for budgets per key; null for imports, subscription calls and calls without a key.
   */
  keyRef: string | null;
  /**
   * The project of an imported coding session: its working directory (the identity) and that
   * folder's name (shared/projects/project-of.ts). Null for proxied calls and logs without one.
   * Optional on new records; always present on stored ones.
   */
  project?: string | null;
  projectName?: string | null;
  /** The coding session an imported call belongs to (Claude Code's sessionId, Codex's session id). */
  sessionId?: string | null;
  /**
   * The device (sync, issue 17) a merged row came from: null (or absent) for this installation's own
   * calls. Its name is in the sync status.
   */
  device?: string | null;
}

/** A record before the ledger assigns its id; keyRef may be left out (no key known). */
export type NewUsageRecord = Omit<UsageRecord, 'id' | 'keyRef'> & { keyRef?: string | null };

export function totalInputTokens(t: TokenCounts): number {
  return t.inputTokens + t.cacheWrite5mTokens + t.cacheWrite1hTokens + t.cacheReadTokens;
}
