/**
 * Sums of usage over time periods, read from the rollups wherever that is exact and from the
 * usage table elsewhere. A period is read as whole UTC months, then whole UTC days, then whole
 * 15-minute buckets from the rollups (rollups.ts), and the rows at its ends (under 15 minutes
 * each, through the time index), so every answer is exact and a month or all time costs a few
 * thousand rollup rows. Only the rollups that hold every filtered or grouped column are used: a
 * status filter, which the 15-minute rollup lacks, reads the rest of a day from the rows, and a
 * key filter (no rollup has the key) reads rows only, through its (key_ref, time) index.
 */
import type { Day } from '../../../shared/api/contract.js';
import type { Nano } from '../../../shared/money.js';
import { addDays, listDays, startOfDay } from '../../../shared/time/zoned.js';
import { TOKEN_FIELDS, ZERO_TOKENS, type BillingMode, type ProviderId, type TokenCounts, type UsageSource, type UsageStatus } from '../../../shared/usage.js';
import type { Db } from './open-database.js';
import { rollupsFor, type KeyColumn, type Rollup } from './rollups.js';
import { cachedStatement } from './statement-cache.js';
import { TOKEN_COLUMNS } from './usage-row.js';

/** Bounds of all representable time (Date's range). */
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
  /** An imported session's working directory (migration 14). */
  project?: string;
  /** The device a row came from (sync): a device id, or '' for this installation's own rows. */
  device?: string;
}

export interface Period extends TimeRange {
  key: string;
}

export type GroupColumn = 'provider' | 'model' | 'billing' | 'tag' | 'source' | 'project' | 'device';

/** The money of a set of calls: what aggregateMoney sums. */
export interface MoneySums {
  requests: number;
  costNano: Nano;
  /** API and batch cost: what counts as spend. */
  spendNano: Nano;
  unpriced: number;
}

export interface Sums extends TokenCounts, MoneySums {}

/** A group's key, and the value of each column it is grouped by. */
interface GroupKey {
  key: string;
  provider?: string;
  model?: string;
  billing?: BillingMode;
  /** '' for calls without a tag. */
  tag?: string;
  source?: UsageSource;
  /** null for calls without a project. */
  project?: string | null;
  /** The device a merged row came from (sync); null for this installation's own. */
  device?: string | null;
}

export interface AggregateRow extends Sums, GroupKey {}

const SUM_FIELDS = ['requests', ...TOKEN_FIELDS, 'costNano', 'spendNano', 'unpriced'] as const satisfies readonly (keyof Sums)[];

export function zeroSums(): Sums {
  return { requests: 0, ...ZERO_TOKENS, costNano: 0, spendNano: 0, unpriced: 0 };
}

/** Adds b into a (integers only, so the result is exact). */
export function addSums(a: Sums, b: Sums): Sums {
  for (const f of SUM_FIELDS) a[f] += b[f];
  return a;
}

const FILTER_COLUMNS = ['provider', 'model', 'tag', 'billing', 'source', 'status'] as const satisfies readonly KeyColumn[];

/**
 * Filters and their usage columns: the rollups' key columns, and those no rollup has (the key; the
 * project; the device, NULL on this installation's own rows, so compared as '').
 */
export const FILTERS = [...FILTER_COLUMNS.map((c) => [c, c] as const), ['keyRef', 'key_ref'] as const, ['project', 'project'] as const, ['device', 'device'] as const];

/**
 * The SQL comparing a filter's column with its parameter. This installation's rows (device '')
 * are those without a device; another device's are found through the (device, time) index.
 */
export function filterCondition(alias: string, name: string, column: string, value: unknown): string {
  if (name === 'device' && value === '') return `${alias}.device IS NULL`;
  return `${alias}.${column} = @${name}`;
}

/** Filters and groupings no rollup holds: a query using one reads the rows (through that column's index). */
function rowsOnly(filter: AggregateFilter, groupBy: readonly GroupColumn[]): boolean {
  return filter.keyRef !== undefined || filter.project !== undefined || filter.device !== undefined || groupBy.includes('project') || groupBy.includes('device');
}

/** A rollup, or the usage rows themselves. */
type Source = Rollup | 'usage';

/**
 * Every sum; or only the money (calls, cost, spend, unpriced: what the glance shows); or only
 * spend (what budgets count). Fewer sums read faster: spend alone about 4× faster than all.
 */
type Measures = 'all' | 'money' | 'spend';

const MEASURED_FIELDS = {
  money: ['requests', 'costNano', 'spendNano', 'unpriced'],
  spend: ['requests', 'spendNano'],
} as const;

function selectList(source: Source, alias: string, measures: Measures): string {
  const [requests, unpriced] = source === 'usage' ? ['COUNT(*)', `SUM(1 - ${alias}.priced)`] : [`SUM(${alias}.requests)`, `SUM(${alias}.unpriced)`];
  const spend =
    source !== 'usage' && source.spendColumn
      ? `SUM(${alias}.spend_nano)`
      : `SUM(CASE WHEN ${alias}.billing = 'subscription' THEN 0 ELSE ${alias}.cost_nano END)`;
  const money = [`${requests} AS requests`, `SUM(${alias}.cost_nano) AS costNano`, `${spend} AS spendNano`, `${unpriced} AS unpriced`];
  if (measures === 'spend') return `${requests} AS requests, ${spend} AS spendNano`;
  if (measures === 'money') return money.join(', ');
  return [money[0], ...TOKEN_FIELDS.map((f) => `SUM(${alias}.${TOKEN_COLUMNS[f]}) AS ${f}`), ...money.slice(1)].join(', ');
}

/**
 * One range of one table. No GROUP BY unless asked for: a plain aggregate streams through the
 * range, where grouping by a segment key would push every row through a sorter (3× slower).
 */
function buildSql(source: Source, filter: AggregateFilter, groupBy: readonly GroupColumn[], measures: Measures = 'all'): string {
  const [table, alias, timeColumn] = source === 'usage' ? ['usage', 'u', 'time'] : [source.table, 'r', 'bucket'];
  const where = [`${alias}.${timeColumn} >= @lo`, `${alias}.${timeColumn} < @hi`];
  // Only the rows have key_ref, project and device: such a query never picks a rollup (rowsOnly).
  for (const [name, column] of FILTERS) if (filter[name] !== undefined) where.push(filterCondition(alias, name, column, filter[name]));
  // The rollups keep a missing tag as '' (a key column cannot be NULL); the rows as NULL: one spelling.
  const column = (c: GroupColumn) => (c === 'tag' && source === 'usage' ? `COALESCE(${alias}.tag, '')` : `${alias}.${c}`);
  const groups = groupBy.map((c) => `${column(c)} AS ${c}, `).join('');
  return (
    // Table and column names come from fixed lists; values are bound parameters.
    `SELECT ${groups}${selectList(source, alias, measures)} FROM ${table} ${alias} WHERE ${where.join(' AND ')}` +
    (groupBy.length ? ` GROUP BY ${groupBy.map(column).join(', ')}` : '')
  );
}

function filterParams(filter: AggregateFilter): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [name] of FILTERS) {
    const v = filter[name];
    if (v !== undefined) params[name] = v;
  }
  return params;
}

/** A part of a period, read from one source, added (sign 1) or taken away (sign -1). */
interface Piece extends Period {
  source: Source;
  sign: 1 | -1;
}

/** The first and last usage times, or null for an empty ledger. */
function dataExtent(db: Db): { first: number; last: number } | null {
  const row = cachedStatement(db, 'SELECT (SELECT MIN(time) FROM usage) AS first, (SELECT MAX(time) FROM usage) AS last').get() as {
    first: number | null;
    last: number | null;
  };
  return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
}

/**
 * Split periods into pieces, each read from the coarsest source that covers it exactly: whole
 * buckets of the first rollup, then of the next at the ends left over, and so on down to rows.
 * An end that falls late in a bucket takes the whole bucket and subtracts the part past the end,
 * when that part is the shorter: March in Kolkata (+05:30) is the UTC month of March, plus 5.5
 * hours of February, minus 5.5 hours of April, rather than 30 days and 24 hours of edges. Sums of
 * integers, so still exact. A period is first narrowed to the buckets of the coarsest rollup that
 * hold data (nothing lies outside them): "all time" is a handful of months, not millions.
 */
function splitPeriods(db: Db, periods: readonly Period[], filter: AggregateFilter, groupBy: readonly GroupColumn[]): Piece[] {
  const extent = dataExtent(db);
  if (!extent) return [];
  const rollups = rowsOnly(filter, groupBy) ? [] : rollupsFor([...FILTER_COLUMNS.filter((c) => filter[c] !== undefined), ...(groupBy as readonly KeyColumn[])]);
  const coarsest = rollups[0];
  const dataFrom = coarsest ? coarsest.floor(extent.first) : extent.first;
  const dataTo = coarsest ? coarsest.ceil(extent.last + 1) : extent.last + 1;
  const pieces: Piece[] = [];
  const split = (key: string, from: number, to: number, level: number, sign: 1 | -1): void => {
    const rollup = rollups[level];
    if (!rollup) {
      pieces.push({ key, from, to, source: 'usage', sign });
      return;
    }
    const [innerFrom, outerFrom] = [rollup.ceil(from), rollup.floor(from)];
    const [innerTo, outerTo] = [rollup.floor(to), rollup.ceil(to)];
    const a = from - outerFrom < innerFrom - from ? outerFrom : innerFrom;
    const b = outerTo - to < to - innerTo ? outerTo : innerTo;
    if (a >= b) {
      split(key, from, to, level + 1, sign);
      return;
    }
    pieces.push({ key, from: a, to: b, source: rollup, sign });
    if (a < from) split(key, a, from, level + 1, -sign as 1 | -1);
    else if (from < a) split(key, from, a, level + 1, sign);
    if (to < b) split(key, to, b, level + 1, -sign as 1 | -1);
    else if (b < to) split(key, b, to, level + 1, sign);
  };
  for (const p of periods) {
    const from = Math.max(p.from, dataFrom);
    const to = Math.min(p.to, dataTo);
    if (from < to) split(p.key, from, to, 0, 1);
  }
  return pieces;
}

/** The pieces by source, so each source's statement is prepared once. */
function bySource(pieces: readonly Piece[]): Map<Source, Piece[]> {
  const out = new Map<Source, Piece[]>();
  for (const piece of pieces) {
    const list = out.get(piece.source);
    if (list) list.push(piece);
    else out.set(piece.source, [piece]);
  }
  return out;
}

/**
 * Sums per period key and group columns: rows keyed by period and group, summed over the pieces
 * of each period; a key and group without usage has no row.
 */
function sumPieces<R extends { requests: number }>(
  db: Db,
  periods: readonly Period[],
  filter: AggregateFilter,
  groupBy: readonly GroupColumn[],
  measures: Measures,
  fields: readonly string[],
): (R & { key: string })[] {
  const params = filterParams(filter);
  const merged = new Map<string, R & { key: string }>();
  for (const [source, pieces] of bySource(splitPeriods(db, periods, filter, groupBy))) {
    const statement = cachedStatement(db, buildSql(source, filter, groupBy, measures));
    for (const piece of pieces) {
      for (const row of statement.all({ ...params, lo: piece.from, hi: piece.to }) as (R & Record<string, unknown>)[]) {
        // An aggregate without GROUP BY gives one row when nothing matches: NULL sums, COUNT(*) 0.
        if (!row.requests) continue;
        const id = groupBy.length === 0 ? piece.key : JSON.stringify([piece.key, ...groupBy.map((c) => row[c])]);
        let sums = merged.get(id) as Record<string, number> | undefined;
        if (!sums) {
          // The row carries its group columns (selected under their own names); the sums start at 0.
          sums = { ...(row as Record<string, number>), key: piece.key } as unknown as Record<string, number>;
          for (const f of fields) sums[f] = 0;
          merged.set(id, sums as unknown as R & { key: string });
        }
        for (const f of fields) sums[f]! += piece.sign * (row[f] as number);
      }
    }
  }
  // A group seen only in a part taken away nets to nothing.
  return [...merged.values()].filter((row) => row.requests > 0);
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
  return sumPieces<AggregateRow>(db, periods, filter, groupBy, 'all', SUM_FIELDS);
}

/** Calls, cost, spend and unpriced calls: what the glance shows. */
export interface MoneyRow extends MoneySums, GroupKey {}

/** aggregate() for the money alone (calls, cost, spend, unpriced): fewer sums, read faster. */
export function aggregateMoney(db: Db, periods: readonly Period[], filter: AggregateFilter = {}, groupBy: readonly GroupColumn[] = []): MoneyRow[] {
  return sumPieces<MoneyRow>(db, periods, filter, groupBy, 'money', MEASURED_FIELDS.money);
}

/** Some of the sums per period key, read as exactly as `aggregate` reads them; keys without usage are absent. */
function measureByPeriod(db: Db, periods: readonly Period[], filter: AggregateFilter, measures: 'money' | 'spend'): Map<string, Record<string, number>> {
  const rows = sumPieces<{ requests: number }>(db, periods, filter, [], measures, MEASURED_FIELDS[measures]);
  return new Map(rows.map(({ key, ...sums }) => [key, sums as Record<string, number>]));
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
