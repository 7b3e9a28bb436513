/**
 * Reads what the break-even needs from the ledger (covered usage per day, API spend per provider)
 * and hands it to the pure functions in shared/breakeven.
 *
 * "Month" M of a report: each plan shows the renewal period that was running k months before now,
 * where M is k calendar months before the current one (k = 0: the periods running now). With
 * renewal on the 1st that is exactly the calendar month M. The plan options use calendar month M.
 */
import { ApiError, type Settings } from '../../../shared/api/contract.js';
import type { BreakEvenReport, PlanPeriodBreakEven } from '../../../shared/api/contract-subscriptions.js';
import { budgetPeriod, type BudgetPeriod } from '../../../shared/budget/period.js';
import { assembleReport, isActiveIn, periodStartingIn, planOptions, planPeriodBreakEven, type CoveredDay, type ProviderSpend } from '../../../shared/breakeven/index.js';
import { dayOf, firstDayOfNextMonth, startOfDay } from '../../../shared/time/zoned.js';
import { aggregate, dayPeriods, spendOver } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';
import { planWindowValues } from '../windows/window-values.js';
import { PLAN_CATALOG } from '../../../shared/plans/catalog.js';
import { applyPlanEdits } from '../../../shared/plans/plan-edits.js';

const MONTH = /^(\d{4})-(\d{2})$/;

function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new ApiError('bad_request', `month must be YYYY-MM, e.g. 2025-03, got ${JSON.stringify(month)}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthOfIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month "k months before now" in the zone. */
function monthsBack(nowMs: number, tz: string, k: number): string {
  return monthOfIndex(monthIndex(dayOf(nowMs, tz).slice(0, 7)) - k);
}

/** How many months before the current one `month` is; refuses a future month. */
export function monthsAgo(nowMs: number, tz: string, month: string): number {
  const k = monthIndex(dayOf(nowMs, tz).slice(0, 7)) - monthIndex(month);
  if (k < 0) throw new ApiError('bad_request', `month ${month} has not begun yet`);
  return k;
}

function planPeriod(nowMs: number, renewalDay: number, tz: string, k: number): BudgetPeriod {
  const current = budgetPeriod(nowMs, renewalDay, tz);
  if (k === 0) return current;
  return periodStartingIn(monthOfIndex(monthIndex(current.start.slice(0, 7)) - k), renewalDay, tz);
}

function coveredDays(db: Db, provider: string, period: BudgetPeriod, nowMs: number, tz: string): CoveredDay[] {
  const today = dayOf(nowMs, tz);
  const periods = dayPeriods(period.start, today < period.last ? today : period.last, tz);
  return aggregate(db, periods, { provider, billing: 'subscription' }).map((row) => ({
    day: row.key,
    costNano: row.costNano,
    requests: row.requests,
    unpriced: row.unpriced,
  }));
}

function apiSpend(db: Db, from: number, to: number): Map<string, ProviderSpend> {
  const spend = new Map<string, ProviderSpend>();
  for (const row of aggregate(db, [{ key: '', from, to }], {}, ['provider', 'billing'])) {
    if (row.billing === 'subscription') continue;
    const s = spend.get(row.provider ?? '') ?? { spendNano: 0, requests: 0 };
    s.spendNano += row.spendNano;
    s.requests += row.requests;
    spend.set(row.provider ?? '', s);
  }
  return spend;
}

/** The report for the month k calendar months before now (0: the current periods). */
export function breakEvenReport(db: Db, settings: Settings, nowMs: number, k: number): BreakEvenReport {
  const tz = settings.timezone;
  const subs = settings.subscriptions;
  const periods = subs.map((s) => planPeriod(nowMs, s.renewalDay, tz, k));
  const plans: PlanPeriodBreakEven[] = subs.map((s, index) => {
    const period = periods[index]!;
    const sharedWith = subs.filter((o, j) => j !== index && o.provider === s.provider && isActiveIn(o, periods[j]!)).map((o) => o.name);
    const seenUntil = Math.min(period.endMs, nowMs);
    const breakEven = planPeriodBreakEven({
      index,
      subscription: s,
      period,
      nowMs,
      tz,
      days: nowMs < period.startMs ? [] : coveredDays(db, s.provider, period, nowMs, tz),
      apiSpendNano: spendOver(db, { from: period.startMs, to: period.endMs }, { provider: s.provider }),
      sharedWith,
    });
    const windowValues = planWindowValues(db, { provider: s.provider, from: period.startMs, to: seenUntil }, settings);
    return windowValues.length > 0 ? { ...breakEven, windowValues } : breakEven;
  });
  const month = monthsBack(nowMs, tz, k);
  const monthStart = startOfDay(`${month}-01`, tz);
  const monthEnd = startOfDay(firstDayOfNextMonth(`${month}-01`), tz);
  const options = planOptions({ spend: apiSpend(db, monthStart, monthEnd), startMs: monthStart, endMs: monthEnd, nowMs, catalog: applyPlanEdits(PLAN_CATALOG, settings.planEdits) });
  return assembleReport(nowMs, tz, month, plans, options);
}
