/**
 * Sums of usage over time periods, read from usage_rollup wherever that is exact and from the
 * usage table elsewhere. A rollup bucket is 15 minutes; a period whose ends fall inside a bucket
 * is split into the whole buckets (rollup) and the partial ends (usage rows, via the time index),
 * so every answer is exact. Status and key filters have no rollup column and read usage only.
 */
import type { Day } from '../../../shared/api/contract.js';
import type { Nano } from '../../../shared/money.js';
import { addDays, listDays, startOfDay } from '../../../shared/time/zoned.js';
import { TOKEN_FIELDS, ZERO_TOKENS, type BillingMode, type ProviderId, type TokenCounts, type UsageSource, type UsageStatus } from '../../../shared/usage.js';
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

export const BUCKET_MS = 900_000;

/** Bounds of all representable time (Date's range); both are whole buckets. */
export const ALL_TIME: TimeRange = Object.freeze({ from: -8_640_000_000_000_000, to: 8_640_000_000_000_000 });

/** [from, to) in epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface AggregateFilter {
  provider?: ProviderId;
  model?: string;
  tag?: string;
  billing?: BillingMode;
  source?: UsageSource;
  status?: UsageStatus;
  /** Fingerprint of the API key (budgets per key). */
  keyRef?: string;
}

/** Filters the rollup has no column for: such sums read the usage rows. */
function usageOnly(filter: AggregateFilter): boolean {
  return filter.status !== undefined || filter.keyRef !== undefined;
}

export interface Period extends TimeRange {
  key: string;
}

export type GroupColumn = 'provider' | 'model' | 'billing';

export interface Sums extends TokenCounts {
  requests: number;
  costNano: Nano;
  /** API and batch cost: what counts as spend. */
  spendNano: Nano;
  unpriced: number;
}

export interface AggregateRow extends Sums {
  key: string;
  provider?: string;
  model?: string;
  billing?: BillingMode;
}

export const SUM_FIELDS = ['requests', ...TOKEN_FIELDS, 'costNano', 'spendNano', 'unpriced'] as const satisfies readonly (keyof Sums)[];

export function zeroSums(): Sums {
  return { requests: 0, ...ZERO_TOKENS, costNano: 0, spendNano: 0, unpriced: 0 };
}

/** Adds b into a (integers only, so the result is exact). */
export function addSums(a: Sums, b: Sums): Sums {
  for (const f of SUM_FIELDS) a[f] += b[f];
  return a;
}

const FILTER_COLUMNS = ['provider', 'model', 'tag', 'billing', 'source'] as const;

function sumList(alias: string, requests: string, unpriced: string): string {
  return [
    `${requests} AS requests`,
    `SUM(${alias}.input_tokens) AS inputTokens`,
    `SUM(${alias}.cache_write_5m_tokens) AS cacheWrite5mTokens`,
    `SUM(${alias}.cache_write_1h_tokens) AS cacheWrite1hTokens`,
    `SUM(${alias}.cache_read_tokens) AS cacheReadTokens`,
    `SUM(${alias}.output_tokens) AS outputTokens`,
    `SUM(${alias}.reasoning_tokens) AS reasoningTokens`,
    `SUM(${alias}.web_search_requests) AS webSearchRequests`,
    `SUM(${alias}.cost_nano) AS costNano`,
    `${spendSum(alias)} AS spendNano`,
    `${unpriced} AS unpriced`,
  ].join(', ');
}

function spendSum(alias: string): string {
  return `SUM(CASE WHEN ${alias}.billing = 'subscription' THEN 0 ELSE ${alias}.cost_nano END)`;
}

type Source = 'rollup' | 'usage';
/**
 * Every sum; or only the money (calls, cost, spend, unpriced: what the glance shows); or only
 * spend (what budgets count). Fewer sums read faster: spend alone about 4× faster than all.
 */
type Measures = 'all' | 'money' | 'spend';

const MEASURED_FIELDS = {
  money: ['requests', 'costNano', 'spendNano', 'unpriced'],
  spend: ['requests', 'spendNano'],
} as const;

/**
 * One range of one table. No GROUP BY unless asked for: a plain aggregate streams through the
 * range, where grouping by a segment key would push every row through a sorter (3× slower).
 */
function buildSql(source: Source, filter: AggregateFilter, groupBy: readonly GroupColumn[], measures: Measures = 'all'): string {
  const [table, alias, timeColumn, requests, unpriced] =
    source === 'rollup'
      ? ['usage_rollup', 'r', 'bucket', 'SUM(r.requests)', 'SUM(r.unpriced)']
      : ['usage', 'u', 'time', 'COUNT(*)', 'SUM(1 - u.priced)'];
  const selected =
    measures === 'all'
      ? sumList(alias, requests, unpriced)
      : measures === 'money'
        ? `${requests} AS requests, SUM(${alias}.cost_nano) AS costNano, ${spendSum(alias)} AS spendNano, ${unpriced} AS unpriced`
        : `${requests} AS requests, ${spendSum(alias)} AS spendNano`;
  const where = [`${alias}.${timeColumn} >= @lo`, `${alias}.${timeColumn} < @hi`];
  for (const c of FILTER_COLUMNS) if (filter[c] !== undefined) where.push(`${alias}.${c} = @${c}`);
  if (source === 'usage' && filter.status !== undefined) where.push(`${alias}.status = @status`);
  if (source === 'usage' && filter.keyRef !== undefined) where.push(`${alias}.key_ref = @keyRef`);
  const groups = groupBy.map((c) => `${alias}.${c} AS ${c}, `).join('');
  return (
    // Table and column names come from the fixed lists above; values are bound parameters.
    `SELECT ${groups}${selected} FROM ${table} ${alias} WHERE ${where.join(' AND ')}` +
    (groupBy.length ? ` GROUP BY ${groupBy.map((c) => `${alias}.${c}`).join(', ')}` : '')
  );
}

function filterParams(filter: AggregateFilter): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const c of [...FILTER_COLUMNS, 'status', 'keyRef'] as const) {
    const v = filter[c];
    if (v !== undefined) params[c] = v;
  }
  return params;
}

function ceilBucket(t: number): number {
  return Math.ceil(t / BUCKET_MS) * BUCKET_MS;
}

function floorBucket(t: number): number {
  return Math.floor(t / BUCKET_MS) * BUCKET_MS;
}

/** Split periods into rollup segments (whole buckets) and usage segments (the rest). */
export function segment(periods: readonly Period[], useRollup: boolean): { rollup: Period[]; usage: Period[] } {
  const rollup: Period[] = [];
  const usage: Period[] = [];
  for (const p of periods) {
    if (!(p.from < p.to)) continue;
    const a = ceilBucket(p.from);
    const b = floorBucket(p.to);
    if (!useRollup || a >= b) {
      usage.push(p);
      continue;
    }
    rollup.push({ key: p.key, from: a, to: b });
    if (p.from < a) usage.push({ key: p.key, from: p.from, to: a });
    if (b < p.to) usage.push({ key: p.key, from: b, to: p.to });
  }
  return { rollup, usage };
}

/**
 * Sums per period key and group columns, in no particular order; a key and group without usage
 * has no row. Periods with the same key are summed together.
 */
export function aggregate(
  db: Db,
  periods: readonly Period[],
  filter: AggregateFilter = {},
  groupBy: readonly GroupColumn[] = [],
): AggregateRow[] {
  const segments = segment(periods, !usageOnly(filter));
  const params = filterParams(filter);
  const merged = new Map<string, AggregateRow>();
  for (const source of ['rollup', 'usage'] as const) {
    if (segments[source].length === 0) continue;
    const statement = cachedStatement(db, buildSql(source, filter, groupBy));
    for (const seg of segments[source]) {
      const rows = statement.all({ ...params, lo: seg.from, hi: seg.to }) as (Omit<AggregateRow, 'key'> & { requests: number | null })[];
      for (const row of rows) {
        // An aggregate without GROUP BY gives one row when nothing matches: NULL sums, COUNT(*) 0.
        if (!row.requests) continue;
        const id = JSON.stringify([seg.key, ...groupBy.map((c) => row[c])]);
        const seen = merged.get(id);
        if (seen) addSums(seen, row as Sums);
        // The row already carries its group columns (selected under their own names).
        else merged.set(id, { ...(row as Omit<AggregateRow, 'key'>), key: seg.key });
      }
    }
  }
  return [...merged.values()];
}

/** Calls, cost, spend and unpriced calls: what the glance shows. */
export interface MoneySums {
  requests: number;
  costNano: Nano;
  spendNano: Nano;
  unpriced: number;
}

/** Some of the sums per period key, read as exactly as `aggregate` reads them; keys without usage are absent. */
function measureByPeriod(db: Db, periods: readonly Period[], filter: AggregateFilter, measures: 'money' | 'spend'): Map<string, Record<string, number>> {
  const fields = MEASURED_FIELDS[measures];
  const segments = segment(periods, !usageOnly(filter));
  const params = filterParams(filter);
  const out = new Map<string, Record<string, number>>();
  for (const source of ['rollup', 'usage'] as const) {
    if (segments[source].length === 0) continue;
    const statement = cachedStatement(db, buildSql(source, filter, [], measures));
    for (const seg of segments[source]) {
      const row = statement.get({ ...params, lo: seg.from, hi: seg.to }) as Record<string, number>;
      if (!row.requests) continue; // nothing matched (see aggregate)
      const seen = out.get(seg.key);
      if (seen) for (const f of fields) seen[f] = seen[f]! + row[f]!;
      else out.set(seg.key, row);
    }
  }
  return out;
}

/** Spend (API + batch) per period key; keys without usage are absent. */
export function spendByPeriod(db: Db, periods: readonly Period[], filter: AggregateFilter = {}): Map<string, Nano> {
  return new Map([...measureByPeriod(db, periods, filter, 'spend')].map(([key, m]) => [key, m.spendNano!]));
}

/** Spend (API + batch) over one range, 0 when nothing matches. */
export function spendOver(db: Db, range: TimeRange, filter: AggregateFilter = {}): Nano {
  return measureByPeriod(db, [{ key: '', from: range.from, to: range.to }], filter, 'spend').get('')?.spendNano ?? 0;
}

/** Calls, cost, spend and unpriced calls over one range; zeros when nothing matches. */
export function moneyOver(db: Db, range: TimeRange, filter: AggregateFilter = {}): MoneySums {
  const m = measureByPeriod(db, [{ key: '', from: range.from, to: range.to }], filter, 'money').get('');
  return m ? { requests: m.requests!, costNano: m.costNano!, spendNano: m.spendNano!, unpriced: m.unpriced! } : { requests: 0, costNano: 0, spendNano: 0, unpriced: 0 };
}

/** Sums over one range, zeros when nothing matches. */
export function totalsOver(db: Db, range: TimeRange, filter: AggregateFilter = {}): Sums {
  const rows = aggregate(db, [{ key: '', from: range.from, to: range.to }], filter);
  const sums = zeroSums();
  for (const row of rows) addSums(sums, row);
  return sums;
}

/** One period per calendar day from since to until inclusive, each [local midnight, next local midnight). */
export function dayPeriods(since: Day, until: Day, tz: string): Period[] {
  const periods: Period[] = [];
  let from = startOfDay(since, tz);
  for (const day of listDays(since, until)) {
    const to = startOfDay(addDays(day, 1), tz);
    periods.push({ key: day, from, to });
    from = to;
  }
  return periods;
}
