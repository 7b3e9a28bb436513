import type { UsagePage, UsageQuery } from '../../../shared/api/contract.js';
import { addDays, startOfDay } from '../../../shared/time/zoned.js';
import { BILLING_MODES, USAGE_SOURCES, USAGE_STATUSES, type NewUsageRecord, type UsageRecord } from '../../../shared/usage.js';
import { ALL_TIME, filterCondition, totalsOver, type AggregateFilter, type TimeRange } from './aggregate.js';
import { writeRows } from './bulk-write.js';
import { cursorAfter, parseCursor, type Cursor } from './usage-cursor.js';
import type { Db } from './open-database.js';
import { badRequest, checkOrder, optionalDayArg, zoneArg } from './query-args.js';
import { cachedStatement } from './statement-cache.js';
import { recordToValues, rowToRecord, USAGE_COLUMNS, USAGE_SELECT, validateNewUsageRecord, valuesToRecord, type UsageRow } from './usage-row.js';

/** A UsageQuery whose time zone has been filled in (from the settings when the caller gave none). */
export type ResolvedUsageQuery = UsageQuery & { tz: string };

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

// ON CONFLICT DO NOTHING, not INSERT OR IGNORE: both skip a duplicate (source, external_id), but
// OR IGNORE would also silently drop rows that break a CHECK or NOT NULL constraint.
// Never use OR REPLACE on usage: its implicit delete skips the delete trigger and corrupts usage_rollup.
const INSERT_SQL = `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;

/**
 * Insert records in one transaction and return the ids of the rows actually inserted, in input
 * order. A record whose (source, externalId) is already in the ledger (or earlier in the same
 * batch) is skipped and contributes no id, so importers can re-read their sources freely. An
 * invalid record throws a RangeError before anything is written; a database error rolls the
 * whole batch back.
 */
export function insertUsage(db: Db, records: readonly NewUsageRecord[]): number[] {
  for (const r of records) validateNewUsageRecord(r);
  if (records.length === 0) return [];
  const insert = cachedStatement(db, INSERT_SQL);
  const ids: number[] = [];
  const write = () => {
    for (const r of records) {
      const info = insert.run(recordToValues(r));
      if (info.changes === 1) ids.push(Number(info.lastInsertRowid));
    }
  };
  writeRows(db, records.length, write);
  return ids;
}

export function getUsage(db: Db, id: number): UsageRecord | null {
  if (!Number.isSafeInteger(id)) return null;
  const row = cachedStatement(db, `SELECT ${USAGE_SELECT} FROM usage WHERE id = ?`).get(id) as UsageRow | undefined;
  return row ? rowToRecord(row) : null;
}

function optionalText(name: string, v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') badRequest(`${name} must be text`);
  return v;
}

function optionalChoice<T extends string>(name: string, v: unknown, choices: readonly T[]): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (!choices.includes(v as T)) badRequest(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function integerIn(name: string, v: unknown, fallback: number, min: number, max: number): number {
  if (v === undefined || v === null) return fallback;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) badRequest(`${name} must be a whole number from ${min} to ${max}`);
  return v as number;
}

export interface UsageSelection {
  range: TimeRange;
  filter: AggregateFilter;
  limit: number;
  /** Continue after this row; null: from the newest. */
  cursor: Cursor | null;
}

/** Validate a query and turn its days into a time range in its zone; throws ApiError('bad_request'). */
export function resolveUsageSelection(q: ResolvedUsageQuery): UsageSelection {
  if (typeof q !== 'object' || q === null) badRequest('the usage query must be an object');
  const tz = zoneArg(q.tz);
  const since = optionalDayArg('since', q.since);
  const until = optionalDayArg('until', q.until);
  checkOrder(since, until);
  const filter: AggregateFilter = {};
  const provider = optionalText('provider', q.provider);
  const model = optionalText('model', q.model);
  const tag = optionalText('tag', q.tag);
  const billing = optionalChoice('billing', q.billing, BILLING_MODES);
  const status = optionalChoice('status', q.status, USAGE_STATUSES);
  const source = optionalChoice('source', q.source, USAGE_SOURCES);
  if (provider !== undefined) filter.provider = provider;
  if (model !== undefined) filter.model = model;
  if (tag !== undefined) filter.tag = tag;
  if (billing !== undefined) filter.billing = billing;
  if (status !== undefined) filter.status = status;
  if (source !== undefined) filter.source = source;
  const device = q.device === '' ? '' : optionalText('device', q.device);
  if (device !== undefined) filter.device = device;
  const project = optionalText('project', q.project);
  if (project !== undefined) filter.project = project;
  return {
    range: {
      from: since ? startOfDay(since, tz) : ALL_TIME.from,
      to: until ? startOfDay(addDays(until, 1), tz) : ALL_TIME.to,
    },
    filter,
    limit: integerIn('limit', q.limit, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    cursor: q.cursor === undefined || q.cursor === null || q.cursor === '' ? null : parseCursor(q.cursor),
  };
}

/**
 * The SQL of one page: the rows of the range matching the filter, newest first, after the cursor.
 * With an equality on one filter column, SQLite walks that column's (column, time) index backwards
 * from the cursor and stops after `limit` rows: no sort, no count.
 */
export function pageQuery(selection: UsageSelection): { sql: string; params: Record<string, string | number> } {
  const { range, filter, limit, cursor } = selection;
  // One upper bound, so SQLite starts the index walk at the cursor (given two, it would pick one).
  const to = cursor ? Math.min(range.to, cursor.time + 1) : range.to;
  const where = ['time >= @from', 'time < @to'];
  // One row more than asked for tells whether another page follows.
  const params: Record<string, string | number> = { from: range.from, to, limit: limit + 1 };
  for (const [column, value] of Object.entries(filter)) {
    where.push(filterCondition('usage', column, column, value));
    params[column] = value as string;
  }
  if (cursor) {
    // Among rows of the cursor's millisecond, only those before it (by id).
    where.push('(time < @cursorTime OR id < @cursorId)');
    params.cursorTime = cursor.time;
    params.cursorId = cursor.id;
  }
  return { sql: `SELECT ${USAGE_SELECT} FROM usage WHERE ${where.join(' AND ')} ORDER BY time DESC, id DESC LIMIT @limit`, params };
}

/**
 * One page of records, newest first, continuing after `cursor` when given (keyset pagination: a
 * page turn costs the same at any depth). The first page (no cursor) also carries the count and
 * totals of everything the filter matches, summed from the rollups (exact: the rows at the ends
 * of the range are read one by one); later pages do not repeat them.
 */
export function queryUsage(db: Db, q: ResolvedUsageQuery): UsagePage {
  const selection = resolveUsageSelection(q);
  const { sql, params } = pageQuery(selection);
  // Raw rows: building an object per row of 27 columns costs more than the query itself.
  const rows = cachedStatement(db, sql, { raw: true }).all(params) as unknown[][];
  const records = rows.slice(0, selection.limit).map(valuesToRecord);
  const last = records[records.length - 1];
  const nextCursor = rows.length > selection.limit && last ? cursorAfter(last) : null;
  if (selection.cursor) return { records, nextCursor, total: null, totals: null };
  const totals = totalsOver(db, selection.range, selection.filter);
  return { records, nextCursor, total: totals.requests, totals };
}
