/**
 * Data of `tokentally report daily|monthly|requests`. Dollars appear only here, at the edge:
 * every cost is summed in integer nano-dollars and divided once.
 */
import type { Day } from '../../../shared/api/contract.js';
import { nanoToUsd } from '../../../shared/money.js';
import type {
  BillingSplit,
  ModelFigures,
  PeriodFigures,
  PeriodReport,
  ReportGranularity,
  ReportTokenFigures,
  RequestLine,
  RequestsReport,
} from '../../../shared/report/types.js';
import { addDays, dayOf, endOfDay, isoInZone, monthOf, startOfDay } from '../../../shared/time/zoned.js';
import { BILLING_MODES, type BillingMode } from '../../../shared/usage.js';
import { addSums, aggregate, ALL_TIME, zeroSums, type Period, type Sums } from './aggregate.js';
import type { Db } from './open-database.js';
import { badRequest, checkOrder, optionalDayArg, zoneArg } from './query-args.js';
import { cachedStatement } from './statement-cache.js';
import { rowToRecord, USAGE_SELECT, type UsageRow } from './usage-row.js';

export interface PeriodReportQuery {
  granularity: ReportGranularity;
  since?: Day;
  until?: Day;
  tz: string;
  /** The clock (epoch ms; default: now): a range left open at its end stops at the day after today. */
  now?: number;
}

export interface RequestsReportQuery {
  since?: Day;
  until?: Day;
  tz: string;
  /** Only the latest this many requests (still listed oldest first). */
  limit?: number;
}

/** The days a period report covers, and the later calls it leaves out (see PeriodReport.leftOut). */
interface ReportDays {
  days: { since: Day; until: Day } | null;
  leftOut: { requests: number; after: Day } | null;
}

/**
 * since..until as given, or stretched to the first / last day with usage when left open, but no
 * further than the day after today: a call dated later (a clock set wrong, here or on a device
 * synced with; year 9999 once came from a damaged transcript) is left out and counted, rather
 * than have the report run to that year (or past the last day a date can name, 9999-12-31).
 * The import takes calls up to a day ahead of its clock (shared/transcripts/plausible-call.ts):
 * the day after today holds them. Null days: nothing to report.
 */
function resolveDays(db: Db, q: { since?: Day; until?: Day }, tz: string, now: number): ReportDays {
  let since = optionalDayArg('since', q.since);
  let until = optionalDayArg('until', q.until);
  checkOrder(since, until);
  let leftOut: ReportDays['leftOut'] = null;
  if (!since || !until) {
    const span = cachedStatement(db, 'SELECT MIN(time) AS first, MAX(time) AS last FROM usage').get() as {
      first: number | null;
      last: number | null;
    };
    if (span.first === null || span.last === null) return { days: null, leftOut };
    const tomorrow = addDays(dayOf(now, tz), 1);
    const cutoff = endOfDay(tomorrow, tz);
    // Times are compared, not days: a day past year 9999 has five digits and sorts before "2026-…".
    if (!until && span.last >= cutoff) {
      const from = since ? Math.max(cutoff, startOfDay(since, tz)) : cutoff;
      const requests = (cachedStatement(db, 'SELECT COUNT(*) AS n FROM usage WHERE time >= ?').get(from) as { n: number }).n;
      if (requests > 0) leftOut = { requests, after: tomorrow };
    }
    // Nothing before the range's end: nothing to report (and the first call's day may not be one a Day can name).
    if (!since && span.first >= (until ? endOfDay(until, tz) : cutoff)) return { days: null, leftOut };
    since ??= dayOf(span.first, tz);
    until ??= span.last >= cutoff ? tomorrow : dayOf(span.last, tz);
  }
  return { days: since > until ? null : { since, until }, leftOut };
}

/** The earliest call at or after `from` (epoch ms), or null. */
function nextCallTime(db: Db, from: number): number | null {
  return (cachedStatement(db, 'SELECT MIN(time) AS t FROM usage WHERE time >= ?').get(from) as { t: number | null }).t;
}

/**
 * One period per day with usage, keyed by day or by month: aggregate() sums periods sharing a
 * key, and grouping a day's rows at a time is cheaper than sorting a whole month's at once. Days
 * without usage are stepped over (one index lookup finds the next call), so a long range named by
 * hand (up to 9999-12-31) costs what its days with usage cost.
 */
function periodsOf(db: Db, granularity: ReportGranularity, since: Day, until: Day, tz: string): Period[] {
  const periods: Period[] = [];
  const end = endOfDay(until, tz);
  for (let t = nextCallTime(db, startOfDay(since, tz)); t !== null && t < end; ) {
    // t is inside since..until, so its day is one a Day can name.
    const day = dayOf(t, tz);
    const to = endOfDay(day, tz);
    periods.push({ key: granularity === 'daily' ? day : monthOf(day), from: startOfDay(day, tz), to });
    t = nextCallTime(db, to);
  }
  return periods;
}

function figures(s: Sums): ReportTokenFigures {
  return {
    costUsd: nanoToUsd(s.costNano),
    inputTokens: s.inputTokens,
    cacheWriteTokens: s.cacheWrite5mTokens + s.cacheWrite1hTokens,
    cacheReadTokens: s.cacheReadTokens,
    outputTokens: s.outputTokens,
    reasoningTokens: s.reasoningTokens,
    requests: s.requests,
    unpriced: s.unpriced,
  };
}

type BillingNano = Record<BillingMode, number>;

function zeroBilling(): BillingNano {
  return { api: 0, batch: 0, subscription: 0 };
}

function billingUsd(n: BillingNano): BillingSplit {
  return { api: nanoToUsd(n.api), batch: nanoToUsd(n.batch), subscription: nanoToUsd(n.subscription) };
}

interface PeriodAccumulator {
  sums: Sums;
  billing: BillingNano;
  models: Map<string, Sums>;
}

/** Daily or monthly totals with a per-model and per-billing split; periods without usage are omitted. */
export function buildPeriodReport(db: Db, q: PeriodReportQuery): PeriodReport {
  if (q.granularity !== 'daily' && q.granularity !== 'monthly') badRequest(`granularity must be daily or monthly, got ${JSON.stringify(q.granularity)}`);
  const tz = zoneArg(q.tz);
  const { days, leftOut } = resolveDays(db, q, tz, q.now ?? Date.now());
  const periods = days ? periodsOf(db, q.granularity, days.since, days.until, tz) : [];
  const acc = new Map<string, PeriodAccumulator>();
  for (const row of aggregate(db, periods, {}, ['model', 'billing'])) {
    let p = acc.get(row.key);
    if (!p) acc.set(row.key, (p = { sums: zeroSums(), billing: zeroBilling(), models: new Map() }));
    addSums(p.sums, row);
    p.billing[row.billing as BillingMode] += row.costNano;
    const model = row.model ?? '';
    const m = p.models.get(model) ?? zeroSums();
    p.models.set(model, addSums(m, row));
  }
  const totals = zeroSums();
  const totalBilling = zeroBilling();
  const out: PeriodFigures[] = [];
  for (const key of new Set(periods.map((p) => p.key))) {
    const p = acc.get(key);
    if (!p) continue;
    addSums(totals, p.sums);
    for (const b of BILLING_MODES) totalBilling[b] += p.billing[b];
    const byModel: ModelFigures[] = [...p.models.entries()]
      .sort(([am, a], [bm, b]) => b.costNano - a.costNano || b.requests - a.requests || (am < bm ? -1 : 1))
      .map(([model, s]) => ({ model, ...figures(s) }));
    out.push({ period: key, ...figures(p.sums), byBilling: billingUsd(p.billing), byModel });
  }
  const report: PeriodReport = { granularity: q.granularity, tz, periods: out, totals: { ...figures(totals), byBilling: billingUsd(totalBilling) } };
  if (leftOut) report.leftOut = leftOut;
  return report;
}

/** Every request in the range, oldest first (with limit: the latest `limit` of them, still oldest first). */
export function buildRequestsReport(db: Db, q: RequestsReportQuery): RequestsReport {
  const tz = zoneArg(q.tz);
  const since = optionalDayArg('since', q.since);
  const until = optionalDayArg('until', q.until);
  checkOrder(since, until);
  if (q.limit !== undefined && (!Number.isSafeInteger(q.limit) || q.limit < 1)) badRequest('limit must be a positive whole number');
  const params = {
    from: since ? startOfDay(since, tz) : ALL_TIME.from,
    to: until ? endOfDay(until, tz) : ALL_TIME.to,
    limit: q.limit ?? -1,
  };
  const latest = `SELECT ${USAGE_SELECT} FROM usage WHERE time >= @from AND time < @to ORDER BY time DESC, id DESC LIMIT @limit`;
  const rows = cachedStatement(db, `SELECT * FROM (${latest}) ORDER BY time, id`).all(params) as UsageRow[];
  return { tz, requests: rows.map((row) => requestLine(row, tz)) };
}

function requestLine(row: UsageRow, tz: string): RequestLine {
  const r = rowToRecord(row);
  return {
    id: r.id,
    time: isoInZone(r.time, tz),
    provider: r.provider,
    model: r.model,
    billing: r.billing,
    source: r.source,
    tag: r.tag,
    status: r.status,
    stream: r.stream,
    inputTokens: r.inputTokens,
    cacheWrite5mTokens: r.cacheWrite5mTokens,
    cacheWrite1hTokens: r.cacheWrite1hTokens,
    cacheReadTokens: r.cacheReadTokens,
    outputTokens: r.outputTokens,
    reasoningTokens: r.reasoningTokens,
    costUsd: nanoToUsd(r.costNano),
    priced: r.priced,
    webSearchRequests: r.webSearchRequests,
    webFetchRequests: r.webFetchRequests ?? 0,
    serviceTier: r.serviceTier ?? null,
    speed: r.speed ?? null,
    inferenceGeo: r.inferenceGeo ?? null,
    byok: r.byok ?? false,
    project: r.project ?? null,
    sessionId: r.sessionId ?? null,
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
  };
}
