/**
 * The rollups kept beside usage (migrations 1 and 10), as the ledger's code reads and fills them.
 * Each sums usage rows per bucket of time and per key: requests, token counts, cost and
 * unpriced calls (usage_totals also spend: it has no billing key to tell spend by).
 *
 *   month          usage_rollup_month   UTC calendar months  provider, model, billing, source, tag, status
 *   day            usage_rollup_day     UTC days             the same
 *   quarter        usage_rollup         15 minutes           provider, model, billing, source, tag
 *   totalsMonth    usage_totals_month   UTC calendar months  none
 *   totalsDay      usage_totals_day     UTC days             none
 *   totalsQuarter  usage_totals         15 minutes           none
 *
 * Every time zone's offset is a multiple of 15 minutes, so a day in any zone is whole 15-minute
 * buckets; aggregate.ts reads a range as whole months, whole days, whole 15-minute buckets and the
 * rows at its ends.
 */
import { TOKEN_COLUMNS_SQL } from './usage-row.js';

export type RollupName = 'month' | 'day' | 'quarter' | 'totalsMonth' | 'totalsDay' | 'totalsQuarter';

/** Columns a query can filter or group by. */
export type KeyColumn = 'provider' | 'model' | 'billing' | 'source' | 'tag' | 'status';

const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;

export interface Rollup {
  name: RollupName;
  table: string;
  /** Start of the bucket holding t (epoch ms). */
  floor(t: number): number;
  /** Start of the first bucket beginning at or after t. */
  ceil(t: number): number;
  keys: readonly KeyColumn[];
  /** Holds spend_nano (else spend is the cost of rows not billed as subscription). */
  spendColumn: boolean;
  /** SQL: this rollup's bucket holding the 15-minute bucket `q` (an SQL expression). */
  bucketOf(q: string): string;
}

function fixed(size: number): Pick<Rollup, 'floor' | 'ceil'> {
  return {
    floor: (t) => Math.floor(t / size) * size,
    ceil: (t) => Math.ceil(t / size) * size,
  };
}

function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

const ROW_KEYS: readonly KeyColumn[] = ['provider', 'model', 'billing', 'source', 'tag'];

const MONTHS: Pick<Rollup, 'floor' | 'ceil' | 'bucketOf'> = {
  floor: monthStart,
  ceil: (t) => {
    const start = monthStart(t);
    if (start === t) return t;
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  },
  bucketOf: (q) => `unixepoch(${q} / 1000, 'unixepoch', 'start of month') * 1000`,
};
const DAYS = { ...fixed(DAY_MS), bucketOf: (q: string) => `${q} - (${q} % ${DAY_MS})` };
const QUARTERS = { ...fixed(QUARTER_MS), bucketOf: (q: string) => q };
const ALL_KEYS: readonly KeyColumn[] = [...ROW_KEYS, 'status'];

export const ROLLUPS: Record<RollupName, Rollup> = {
  month: { name: 'month', table: 'usage_rollup_month', ...MONTHS, keys: ALL_KEYS, spendColumn: false },
  day: { name: 'day', table: 'usage_rollup_day', ...DAYS, keys: ALL_KEYS, spendColumn: false },
  quarter: { name: 'quarter', table: 'usage_rollup', ...QUARTERS, keys: ROW_KEYS, spendColumn: false },
  totalsMonth: { name: 'totalsMonth', table: 'usage_totals_month', ...MONTHS, keys: [], spendColumn: true },
  totalsDay: { name: 'totalsDay', table: 'usage_totals_day', ...DAYS, keys: [], spendColumn: true },
  totalsQuarter: { name: 'totalsQuarter', table: 'usage_totals', ...QUARTERS, keys: [], spendColumn: true },
};

/**
 * The rollups that can answer a query, coarsest first: those holding every column it filters or
 * groups by. Without a filter or grouping, the keyless totals (one row per bucket instead of one
 * per key).
 */
export function rollupsFor(columns: readonly KeyColumn[]): Rollup[] {
  if (columns.length === 0) return [ROLLUPS.totalsMonth, ROLLUPS.totalsDay, ROLLUPS.totalsQuarter];
  return [ROLLUPS.month, ROLLUPS.day, ROLLUPS.quarter].filter((r) => columns.every((c) => r.keys.includes(c)));
}

/**
 * A bulk write's new rows, summed per 15-minute bucket and every key (temp.rollup_batch), and
 * those sums per UTC day (temp.rollup_batch_day): one pass over the rows, from which each rollup
 * takes its own, much smaller, sums. Both are keyed (bucket first, then every key), so a rollup
 * grouping by a prefix of that key (the 15-minute rollup and totals, the day rollup and totals)
 * reads them in order instead of sorting them again; the months are summed from the days.
 */
const BATCH_COLUMNS = ['requests', ...TOKEN_COLUMNS_SQL, 'cost_nano', 'unpriced'];
const BATCH_KEY = ['bucket', ...ALL_KEYS];
const GROUP_ALL = BATCH_KEY.map((_, i) => i + 1).join(', ');

function batchTable(name: string): string {
  return (
    `CREATE TEMP TABLE IF NOT EXISTS ${name} (bucket INTEGER NOT NULL, ` +
    ALL_KEYS.map((k) => `${k} TEXT NOT NULL`).join(', ') +
    ', ' +
    BATCH_COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ') +
    `, PRIMARY KEY (${BATCH_KEY.join(', ')})) WITHOUT ROWID`
  );
}

export const CREATE_BATCH_SQL = [batchTable('rollup_batch'), batchTable('rollup_batch_day')];

/** SQL summing the usage rows with id >= @from into temp.rollup_batch, then per day into temp.rollup_batch_day (both empty before). */
export const FILL_BATCH_SQL = [
  `INSERT INTO temp.rollup_batch SELECT time - (time % ${QUARTER_MS}), ` +
    ALL_KEYS.map((k) => (k === 'tag' ? "COALESCE(tag, '')" : k)).join(', ') +
    `, COUNT(*), ${TOKEN_COLUMNS_SQL.map((c) => `SUM(${c})`).join(', ')}, SUM(cost_nano), SUM(1 - priced) ` +
    `FROM usage WHERE id >= @from GROUP BY ${GROUP_ALL}`,
  `INSERT INTO temp.rollup_batch_day SELECT ${DAYS.bucketOf('bucket')}, ${ALL_KEYS.join(', ')}, ${BATCH_COLUMNS.map((c) => `SUM(${c})`).join(', ')} ` +
    `FROM temp.rollup_batch GROUP BY ${GROUP_ALL}`,
];

export const CLEAR_BATCH_SQL = ['DELETE FROM temp.rollup_batch', 'DELETE FROM temp.rollup_batch_day'];

/**
 * SQL adding the batch to one rollup: what its insert trigger would have done row by row
 * (migration 10), in one grouped statement, from the 15-minute sums or, for a day or month
 * rollup, the day sums.
 */
export function addBatchSql(r: Rollup): string {
  const source = r.bucketOf === QUARTERS.bucketOf ? 'temp.rollup_batch' : 'temp.rollup_batch_day';
  // A day's sums are in the day's bucket already: the plain column keeps the key's order.
  const bucket = r.bucketOf === DAYS.bucketOf ? 'b.bucket' : r.bucketOf('b.bucket');
  const columns = [...BATCH_COLUMNS.slice(0, -1), ...(r.spendColumn ? ['spend_nano'] : []), 'unpriced'];
  const values = columns.map((c) => (c === 'spend_nano' ? "SUM(CASE WHEN b.billing = 'subscription' THEN 0 ELSE b.cost_nano END)" : `SUM(b.${c})`));
  const groups = Array.from({ length: 1 + r.keys.length }, (_, i) => i + 1).join(', ');
  return (
    `INSERT INTO ${r.table} (bucket, ${[...r.keys, ...columns].join(', ')}) ` +
    // WHERE true: an upsert on INSERT ... SELECT needs a WHERE clause to parse.
    `SELECT ${[bucket, ...r.keys.map((k) => `b.${k}`), ...values].join(', ')} FROM ${source} b WHERE true GROUP BY ${groups} ` +
    `ON CONFLICT DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
  );
}
