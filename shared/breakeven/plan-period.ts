/**
 * How one subscription did in one renewal period: the API-equivalent cost of the usage it covered
 * against its price, the day it paid for itself, and, for the running period, where the pace so
 * far leads. Pure: the caller passes the covered usage per day, the period and `now`.
 */
import type { Day } from '../api/contract.js';
import type { PeriodStatus, PlanPeriodBreakEven, Subscription } from '../api/contract-subscriptions.js';
import { budgetPeriod, type BudgetPeriod } from '../budget/period.js';
import type { Nano } from '../money.js';
import { dayOf, parseDay, startOfDay } from '../time/zoned.js';

/** Covered usage of one day (days without usage may be left out). */
export interface CoveredDay {
  day: Day;
  costNano: Nano;
  requests: number;
  unpriced: number;
}

export interface PlanPeriodInput {
  /** Position in Settings.subscriptions. */
  index: number;
  subscription: Subscription;
  period: BudgetPeriod;
  nowMs: number;
  tz: string;
  days: readonly CoveredDay[];
  /** API and batch spend on the subscription's provider in the period. */
  apiSpendNano: Nano;
  sharedWith: string[];
}

/** The renewal period that starts in `month` ("YYYY-MM"). */
export function periodStartingIn(month: string, renewalDay: number, tz: string): BudgetPeriod {
  const first = parseDay(`${month}-${String(renewalDay).padStart(2, '0')}`);
  return budgetPeriod(startOfDay(first, tz), renewalDay, tz);
}

function periodStatus(period: BudgetPeriod, nowMs: number): PeriodStatus {
  if (nowMs < period.startMs) return 'future';
  return nowMs >= period.endMs ? 'past' : 'current';
}

/** The subscription was paid for in this period: it started on or before the period's last day. */
export function isActiveIn(subscription: Subscription, period: BudgetPeriod): boolean {
  return subscription.since === null || subscription.since <= period.last;
}

export function planPeriodBreakEven(input: PlanPeriodInput): PlanPeriodBreakEven {
  const { subscription: s, period, nowMs } = input;
  const status = periodStatus(period, nowMs);
  const active = isActiveIn(s, period);
  const priceNano = active ? s.monthlyNano * s.seats : 0;
  const days = [...input.days].filter((d) => d.day >= period.start && d.day <= period.last).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let coveredNano = 0;
  let coveredRequests = 0;
  let unpricedRequests = 0;
  let paidOffOn: Day | null = null;
  for (const d of days) {
    coveredNano += d.costNano;
    coveredRequests += d.requests;
    unpricedRequests += d.unpriced;
    if (paidOffOn === null && active && coveredNano >= priceNano && coveredNano > 0) paidOffOn = d.day;
  }
  if (active && priceNano === 0 && status !== 'future') paidOffOn = period.start;

  let projectedNano = coveredNano;
  let projectedPaidOffOn: Day | null = null;
  if (status === 'current') {
    const elapsed = nowMs - period.startMs;
    const length = period.endMs - period.startMs;
    // A pace needs some time behind it; in the first instant of a period there is none.
    const rate = elapsed > 0 ? coveredNano / elapsed : 0;
    projectedNano = Math.round(rate * length);
    if (active && paidOffOn === null && rate > 0) {
      const at = nowMs + (priceNano - coveredNano) / rate;
      if (at < period.endMs) projectedPaidOffOn = dayOf(at, input.tz);
    }
  }

  return {
    index: input.index,
    name: s.name,
    plan: s.plan,
    provider: s.provider,
    period: { start: period.start, last: period.last, daysTotal: period.daysTotal, status },
    active,
    priceNano,
    coveredNano,
    coveredRequests,
    unpricedRequests,
    savingNano: coveredNano - priceNano,
    paidOffOn,
    projectedNano,
    projectedPaidOffOn,
    apiSpendNano: input.apiSpendNano,
    sharedWith: input.sharedWith,
  };
}
