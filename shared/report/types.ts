/**
 * What `tokentally report --json` prints (see the README). Costs are dollars for reading only:
 * they are computed from integer nano-dollars summed exactly and divided once.
 * Token fields count disjoint kinds: inputTokens is uncached input, cacheWriteTokens is
 * 5-minute plus 1-hour cache writes, outputTokens excludes reasoningTokens.
 */
import type { Day } from '../api/contract.js';
import type { BillingMode, TokenCounts, UsageRecord } from '../usage.js';

export type ReportGranularity = 'daily' | 'monthly';

export interface ReportTokenFigures {
  costUsd: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
  /** Requests whose model had no known price: their cost is a conservative estimate. */
  unpriced: number;
}

/** costUsd split by how the usage is paid for; subscription usage is at API rates but is not spend. */
export type BillingSplit = Record<BillingMode, number>;

export interface ModelFigures extends ReportTokenFigures {
  model: string;
}

export interface PeriodFigures extends ReportTokenFigures {
  /** "YYYY-MM-DD" (daily) or "YYYY-MM" (monthly), in the report's time zone. */
  period: string;
  byBilling: BillingSplit;
  /** Most expensive first. */
  byModel: ModelFigures[];
}

export interface PeriodReport {
  granularity: ReportGranularity;
  tz: string;
  /** Oldest first; periods without usage are left out. */
  periods: PeriodFigures[];
  totals: ReportTokenFigures & { byBilling: BillingSplit };
  /**
   * Present when a range left open at its end stopped at the day after today (in the report's
   * zone) while the ledger holds later calls (a clock set wrong, on this device or one synced
   * with): how many, left out of periods and totals. Naming --until includes them.
   */
  leftOut?: { requests: number; after: Day };
}

export type RequestLine = Pick<
  UsageRecord,
  | 'id'
  | 'provider'
  | 'model'
  | 'billing'
  | 'source'
  | 'tag'
  | 'status'
  | 'stream'
  | keyof TokenCounts
  | 'priced'
  | 'latencyMs'
  | 'ttftMs'
> & {
  /** ISO 8601 with the report zone's offset, e.g. "2025-03-09T01:59:00.000-05:00". */
  time: string;
  costUsd: number;
  webFetchRequests: number;
  /** How the call was served, as its response said (null: not reported): see shared/pricing/price-rules.ts. */
  serviceTier: string | null;
  speed: string | null;
  inferenceGeo: string | null;
  byok: boolean;
  /** An imported session's working directory, and the session (null for proxied calls). */
  project: string | null;
  sessionId: string | null;
};

export interface RequestsReport {
  tz: string;
  /** Oldest first. */
  requests: RequestLine[];
}
