/**
 * The Requests page's chart: latency and error rate per hour or day of the calls its filters
 * match. Reads the rows' time, latency and status (the rollups keep no latency) over at most
 * MAX_STATS_DAYS; shared/report/latency-buckets.ts does the counting.
 */
import type { RequestStats, RequestStatsQuery } from '../../../shared/api/contract-groups.js';
import { latencyPoints, type LatencyBucket, type LatencyRow } from '../../../shared/report/latency-buckets.js';
import { addDays, dayOf, daysBetween, isoInZone, listDays, startOfDay } from '../../../shared/time/zoned.js';
import { FILTERS, filterCondition } from './aggregate.js';
import type { Db } from './open-database.js';
import { badRequest } from './query-args.js';
import { resolveUsageSelection } from './usage-repo.js';

/** Without a first day, the chart shows this many days up to the last. */
const DEFAULT_STATS_DAYS = 30;
const MAX_STATS_DAYS = 400;
const HOUR_MS = 3_600_000;

export function requestStats(db: Db, q: RequestStatsQuery & { tz: string; now: number }): RequestStats {
  const selection = resolveUsageSelection({ ...q, limit: 1 });
  const until = q.until ?? dayOf(q.now, q.tz);
  const since = q.since ?? addDays(until, -(DEFAULT_STATS_DAYS - 1));
  if (daysBetween(since, until) + 1 > MAX_STATS_DAYS) badRequest(`the chart covers at most ${MAX_STATS_DAYS} days at a time`);
  const from = startOfDay(since, q.tz);
  const to = startOfDay(addDays(until, 1), q.tz);
  const bucket = daysBetween(since, until) < 2 ? 'hour' : 'day';
  const buckets: LatencyBucket[] = [];
  if (bucket === 'day') {
    for (const day of listDays(since, until)) buckets.push({ key: day, from: startOfDay(day, q.tz), to: startOfDay(addDays(day, 1), q.tz) });
  } else {
    for (let t = from; t < to; t += HOUR_MS) buckets.push({ key: isoInZone(t, q.tz).slice(0, 13), from: t, to: Math.min(t + HOUR_MS, to) });
  }
  const where = ['time >= @from', 'time < @to'];
  const params: Record<string, string | number> = { from, to };
  for (const [name, column] of FILTERS) {
    const value = selection.filter[name];
    if (value === undefined) continue;
    where.push(filterCondition('usage', name, column, value));
    params[name] = value as string;
  }
  const rows = db
    .prepare(`SELECT time, latency_ms AS latencyMs, status FROM usage WHERE ${where.join(' AND ')} ORDER BY time`)
    .all(params) as LatencyRow[];
  return { since, until, tz: q.tz, bucket, points: latencyPoints(rows, buckets) };
}
