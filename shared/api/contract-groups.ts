/**
 * The API contract's part for: usage over any period, grouped any way (issue 15.2). Declare
 * methods on GroupsApi and list them in GROUPS_METHODS; contract.ts merges both.
 */
import type { Nano } from '../money.js';
import type { LatencyPoint } from '../report/latency-buckets.js';
import type { Day, UsageQuery } from './contract.js';

/**
 * What the Overview groups by: a model (with its provider), a provider, a tag, a billing mode, a
 * source, a project (an imported session's working directory; null for proxied calls).
 */
export const USAGE_GROUP_BYS = ['model', 'provider', 'tag', 'billing', 'source', 'project', 'device'] as const;
export type UsageGroupBy = (typeof USAGE_GROUP_BYS)[number];

export interface UsageGroupsQuery {
  /** First day, inclusive; omitted: the day of the ledger's first call (all time). */
  since?: Day;
  /** Last day, inclusive; omitted: today. */
  until?: Day;
  tz?: string;
  groupBy: UsageGroupBy;
}

/** Spend and plan usage of one group in one bucket of the range. */
export interface GroupBucket {
  spendNano: Nano;
  /** Subscription usage at API rates (never spend). */
  subscriptionNano: Nano;
}

export interface UsageGroup {
  /**
   * The group's value: a model id, a provider id, a tag, a billing mode, a source, a project's
   * full path (shared/projects/project-of.ts names it), a machine's device id (sync); null for calls
   * without a tag or project, and for this machine's own calls when grouping by machine.
   */
  value: string | null;
  /** The name to show where the value is an id: a machine's name (grouping by machine). */
  label?: string;
  /** The provider, when grouping by model (one model name can be sold by several). */
  provider?: string;
  requests: number;
  /** API and batch cost: what counts as spend. */
  spendNano: Nano;
  subscriptionNano: Nano;
  unpriced: number;
  /** One entry per bucket of the report, in order. */
  series: GroupBucket[];
}

export interface UsageGroupsReport {
  since: Day;
  until: Day;
  tz: string;
  groupBy: UsageGroupBy;
  /** A bar a day up to 92 days, else a bar a month (shared/report/date-range.ts). */
  bucket: 'day' | 'month';
  /** The buckets' keys: days, or "YYYY-MM" months. */
  buckets: string[];
  /** The day of the ledger's first call in the zone; null for an empty ledger. */
  firstDay: Day | null;
  /** Most spend plus plan usage first. */
  groups: UsageGroup[];
}

/** The Requests page's filters; without `since`, the 30 days up to `until` (or today). */
export type RequestStatsQuery = Omit<UsageQuery, 'limit' | 'cursor'>;

export interface RequestStats {
  since: Day;
  until: Day;
  tz: string;
  /** An hour a point up to two days, else a day. */
  bucket: 'hour' | 'day';
  /** Keys: "YYYY-MM-DD" days, or "YYYY-MM-DDTHH" hours in the zone. */
  points: LatencyPoint[];
}

export interface GroupsApi {
  /** Usage over a period, grouped by model, provider, tag, billing mode, source or project, with each group's spend per day or month. */
  usageGroups(query: UsageGroupsQuery): Promise<UsageGroupsReport>;
  /** Latency (median, 95th percentile) and error rate per hour or day of the calls the Requests filters match. */
  requestStats(query: RequestStatsQuery): Promise<RequestStats>;
}

export const GROUPS_METHODS = {
  usageGroups: true,
  requestStats: true,
} as const satisfies Record<keyof GroupsApi, true>;
