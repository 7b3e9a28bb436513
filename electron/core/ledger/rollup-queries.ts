/**
 * The summaries behind the glance, the tray and the charts. They read usage_rollup: 15-minute
 * buckets, so a day in any zone (offsets are multiples of 15 minutes) is a whole set of buckets.
 */
import type { DailyPoint, Day, ModelCost, ModelUsage, TagUsage, UsageTotals } from '../../../shared/api/contract.js';
import type { BillingMode, ProviderId } from '../../../shared/usage.js';
import { addDays, daysBetween, startOfDay } from '../../../shared/time/zoned.js';
import { aggregate, aggregateMoney, dayPeriods, totalsOver, zeroSums, type AggregateFilter, type MoneyRow, type Period, type Sums } from './aggregate.js';
import type { Db } from './open-database.js';
import { badRequest, checkOrder, dayArg, zoneArg } from './query-args.js';

/** Longest daily series served, about ten years: a chart never needs more, a typo could ask for millions. */
const MAX_SERIES_DAYS = 3700;

export interface DailySeriesQuery {
  since: Day;
  until: Day;
  tz: string;
}

function pointOf(day: Day, s: Sums): DailyPoint {
  return {
    day,
    requests: s.requests,
    inputTokens: s.inputTokens,
    cacheWrite5mTokens: s.cacheWrite5mTokens,
    cacheWrite1hTokens: s.cacheWrite1hTokens,
    cacheReadTokens: s.cacheReadTokens,
    outputTokens: s.outputTokens,
    reasoningTokens: s.reasoningTokens,
    webSearchRequests: s.webSearchRequests,
    costNano: s.costNano,
    spendNano: s.spendNano,
    subscriptionCostNano: s.costNano - s.spendNano,
    unpriced: s.unpriced,
  };
}

/** One point per day from since to until inclusive, in the zone; days without usage are zeros. */
export function dailySeries(db: Db, q: DailySeriesQuery): DailyPoint[] {
  const tz = zoneArg(q.tz);
  const since = dayArg('since', q.since);
  const until = dayArg('until', q.until);
  checkOrder(since, until);
  const count = daysBetween(since, until) + 1;
  if (count > MAX_SERIES_DAYS) badRequest(`a daily series covers at most ${MAX_SERIES_DAYS} days, asked for ${count}`);
  const periods = dayPeriods(since, until, tz);
  const byDay = new Map(aggregate(db, periods).map((row) => [row.key, row]));
  return periods.map((p) => pointOf(p.key, byDay.get(p.key) ?? zeroSums()));
}

export interface PeriodTotalsQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  billing?: BillingMode;
  provider?: ProviderId;
  tag?: string;
}

/** Totals of [from, to); exact for any bounds (partial buckets at the ends are read from usage). */
export function periodTotals(db: Db, q: PeriodTotalsQuery): UsageTotals {
  const filter: AggregateFilter = {};
  if (q.billing) filter.billing = q.billing;
  if (q.provider) filter.provider = q.provider;
  if (q.tag) filter.tag = q.tag;
  return totalsOver(db, { from: q.from, to: q.to }, filter);
}

export interface TopModelsQuery {
  from: number;
  to: number;
  /** At most this many models (default 5). */
  limit?: number;
  billing?: BillingMode;
}

/** The models that cost the most in [from, to), by API-equivalent cost (subscription usage included). */
export function topModels(db: Db, q: TopModelsQuery): ModelCost[] {
  const limit = q.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive whole number, got ${limit}`);
  const filter: AggregateFilter = q.billing ? { billing: q.billing } : {};
  return aggregateMoney(db, [{ key: '', from: q.from, to: q.to }], filter, ['provider', 'model'])
    .map((row) => ({ model: row.model ?? '', provider: row.provider ?? '', costNano: row.costNano, spendNano: row.spendNano, requests: row.requests }))
    .sort((a, b) => b.costNano - a.costNano || b.requests - a.requests || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
    .slice(0, limit);
}

/** Whole days [since, until] in the zone, as one range. */
function daysRange(q: DailySeriesQuery): Period {
  const tz = zoneArg(q.tz);
  const since = dayArg('since', q.since);
  const until = dayArg('until', q.until);
  checkOrder(since, until);
  return { key: '', from: startOfDay(since, tz), to: startOfDay(addDays(until, 1), tz) };
}

type UsageSplit = Pick<ModelUsage, 'requests' | 'spendNano' | 'subscriptionNano' | 'subscriptionRequests' | 'unpriced'>;

const NO_USAGE: UsageSplit = { requests: 0, spendNano: 0, subscriptionNano: 0, subscriptionRequests: 0, unpriced: 0 };

/** Adds one billing mode's row: spend (API + batch) apart from plan usage at API rates. */
function addRow(entry: UsageSplit, row: MoneyRow): void {
  entry.requests += row.requests;
  entry.unpriced += row.unpriced;
  entry.spendNano += row.spendNano;
  if (row.billing === 'subscription') {
    entry.subscriptionNano += row.costNano;
    entry.subscriptionRequests += row.requests;
  }
}

/** Most expensive first (spend plus plan usage at API rates), then by calls, then by name. */
function ranked<T extends UsageSplit>(entries: Iterable<T>, name: (e: T) => string): T[] {
  return [...entries].sort(
    (a, b) => b.spendNano + b.subscriptionNano - (a.spendNano + a.subscriptionNano) || b.requests - a.requests || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
  );
}

/**
 * Usage per model over whole days [since, until] in the zone, most expensive first (spend plus
 * plan usage at API rates), then by calls and name. Summed in SQL over the rollup, so a month
 * of a million calls answers as fast as a month of ten.
 */
export function usageByModel(db: Db, q: DailySeriesQuery): ModelUsage[] {
  const byModel = new Map<string, ModelUsage>();
  for (const row of aggregateMoney(db, [daysRange(q)], {}, ['provider', 'model', 'billing'])) {
    const provider = row.provider ?? '';
    const model = row.model ?? '';
    const key = `${provider}\u0000${model}`;
    let entry = byModel.get(key);
    if (!entry) byModel.set(key, (entry = { provider, model, ...NO_USAGE }));
    addRow(entry, row);
  }
  return ranked(byModel.values(), (e) => e.model);
}

/** Usage per tag over whole days [since, until] in the zone, ranked as usageByModel; calls without a tag as tag null. */
export function usageByTag(db: Db, q: DailySeriesQuery): TagUsage[] {
  const byTag = new Map<string, TagUsage>();
  for (const row of aggregateMoney(db, [daysRange(q)], {}, ['tag', 'billing'])) {
    const tag = row.tag ?? '';
    let entry = byTag.get(tag);
    if (!entry) byTag.set(tag, (entry = { tag: tag === '' ? null : tag, ...NO_USAGE }));
    addRow(entry, row);
  }
  return ranked(byTag.values(), (e) => e.tag ?? '');
}
