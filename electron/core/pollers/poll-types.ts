import type { KeyKind } from '../../../shared/api/contract.js';
import type { ProviderBalance } from '../../../shared/api/contract-providers.js';
import type { Nano } from '../../../shared/money.js';
import type { CostLine } from '../reconcile/cost-lines.js';

/** The id of a provider whose profile has `reports` (shared/providers/) and a poller here. */
export type PolledProvider = string;

/** One row of provider_usage: a provider's bucket (UTC), for one model ('' when not attributed). */
export interface ReportRow {
  kind: 'usage' | 'cost';
  /** Epoch ms, [bucketStart, bucketEnd). */
  bucketStart: number;
  bucketEnd: number;
  model: string;
  inputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  requests: number | null;
  costNano: Nano | null;
}

/** One row of provider_balances, in nano-units of its currency (the contract's shape, less who and when). */
export type BalanceRow = Omit<ProviderBalance, 'provider' | 'fetchedAt'>;

export const EMPTY_BALANCE: Omit<BalanceRow, 'currency'> = Object.freeze({
  remainingNano: null,
  creditsTotalNano: null,
  creditsUsedNano: null,
  grantedNano: null,
  toppedUpNano: null,
  keyLimitNano: null,
  keyLimitRemainingNano: null,
  keyUsageNano: null,
  keyUsageDailyNano: null,
  keyUsageMonthlyNano: null,
  available: null,
});

/** A bucket a poll read: whatever was stored for it before is replaced by the poll's rows. */
export interface ReportBucket {
  kind: ReportRow['kind'];
  bucketStart: number;
  bucketEnd: number;
}

/** What one poll read: stored in one transaction, or not at all. */
export interface PollResult {
  /** Every bucket read, including empty ones (an empty bucket clears what was stored for it). */
  buckets: ReportBucket[];
  rows: ReportRow[];
  /** Replaces the provider's balances when present; undefined for providers without balances. */
  balances?: BalanceRow[];
  /** The cost report broken down (model, cost type, context window): replaces the lines of the cost buckets read. */
  costLines?: CostLine[];
  /** Plain-words remarks that are not failures (e.g. credits need a management key). */
  notes: string[];
}

/** How a poller reaches its provider. Everything here is injectable for tests. */
export interface PollerContext {
  /** The provider's base URL (settings / TOKENTALLY_UPSTREAM_<NAME> / default). */
  baseUrl: URL;
  /** The stored key of that kind, or null. */
  key(kind: KeyKind): string | null;
  fetch: typeof fetch;
  now(): number;
  sleep(ms: number): Promise<void>;
  signal?: AbortSignal;
  /** Start of the window to read (epoch ms, a UTC midnight). */
  since: number;
}

/** A cheap request that proves a key of one kind works ("Test key"). */
export interface KeyProbe {
  path: string;
  query?: Record<string, string>;
  /** What to tell the user when it works. */
  works: string;
}

/**
 * The HTTP side of a provider's reports. What is read and with which key kinds is the profile's
 * `reports` (shared/providers/); the poller is found by the profile's id (pollers.ts).
 */
export interface Poller {
  provider: PolledProvider;
  poll(ctx: PollerContext): Promise<PollResult>;
  /** The request "Test key" makes for a key of this kind; null: list models (the profile's keyCheckPath). */
  probe(kind: KeyKind, todayStartMs: number): KeyProbe | null;
  /** Where the reports live relative to the proxy's upstream (DeepSeek's are above its /v1). */
  reportsBase?(upstream: URL): URL;
}
