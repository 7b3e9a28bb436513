/**
 * Pacing of one budget in its current period. Pure: the clock, the period and the spend per day
 * come in as arguments.
 *
 * Definitions (money in integer nano-dollars; days are calendar days in the budget's zone):
 * - elapsed: calendar days gone by, today by the share of its hours gone (./elapsed.ts), over the
 *   days of the period. Each day weighs the same, whatever its length (DST) or the month's.
 * - ideal line: budget × elapsed. Pace delta: (spent − ideal) / ideal, null while the ideal is 0
 *   (the period's first instant, or a zero budget).
 * - today's allowance: (budget − spend before today) / days left including today, floored at 0.
 *   Fixed for the whole day: spending today does not shrink today's allowance.
 * - burn rates: spend in the last 24 hours; average per day over the 7 whole days before today.
 * - projections: linear = spent / elapsed (the pace so far, held to the end); robust = spent +
 *   median of the 7 whole days before today × the days still to come (today's remainder
 *   included), so one expensive day does not swing it. Days before the first record are "no
 *   data", not zeros; with no such day at all the robust projection falls back to linear.
 * - runs out on: the day cumulative spend reaches the budget at the pace so far (linear), or the
 *   day it did reach it; null when that is not within the period.
 * - state: 'over' once spend reaches the budget (any spend against a zero budget); 'ahead' when
 *   more than AHEAD_TOLERANCE above the ideal line; 'on-pace' otherwise.
 */
import type { Day } from '../api/contract.js';
import type { Pacing, PaceState } from '../api/contract-budgets.js';
import type { BudgetPeriod } from '../budget/period.js';
import type { Nano } from '../money.js';
import { addDays } from '../time/zoned.js';
import { periodElapsed } from './elapsed.js';
import { medianInt } from './median.js';

/** Up to 10% above the ideal line still counts as on pace: a single call should not flip the state. */
export const AHEAD_TOLERANCE = 0.1;
/** Whole days before today that the 7-day burn rate and the robust projection read. */
export const HISTORY_DAYS = 7;

export interface DaySpend {
  day: Day;
  spendNano: Nano;
}

export interface PacingInput {
  now: number;
  budgetNano: Nano;
  /** budgetPeriod(now, resetDay, tz) of the budget. */
  period: BudgetPeriod;
  tz: string;
  /**
   * Spend per calendar day in tz (e.g. dailySeries' spendNano): the period's days up to today and
   * the HISTORY_DAYS days before today. Missing days count as 0.
   */
  days: readonly DaySpend[];
  /** Spend in [now − 24 h, now). */
  last24hNano: Nano;
  /**
   * First day with any usage record: earlier days are "no data" and left out of the 7-day figures.
   * null: no records at all. Omitted: every day counts.
   */
  dataSince?: Day | null;
}

export function computePacing(input: PacingInput): Pacing {
  const { period, budgetNano } = input;
  checkNano(budgetNano, 'budget');
  const byDay = spendByDay(input.days);
  const spendOn = (day: Day) => byDay.get(day) ?? 0;

  let spent = 0;
  let spentBeforeToday = 0;
  for (let i = 0; i < period.daysTotal; i++) {
    const day = addDays(period.start, i);
    const s = spendOn(day);
    spent += s;
    if (day < period.today) spentBeforeToday += s;
  }
  const todaySpent = spendOn(period.today);

  const elapsed = periodElapsed(period, input.now, input.tz);
  const idealExact = budgetNano * elapsed.fraction;
  const paceDelta = idealExact > 0 ? (spent - idealExact) / idealExact : null;

  const history = historyDays(period.today, input.dataSince).map(spendOn);
  const median = medianInt(history);
  const burn7d = history.length === 0 ? 0 : Math.round(history.reduce((a, b) => a + b, 0) / history.length);

  const projectedLinear = elapsed.elapsedDays > 0 ? Math.round((spent * period.daysTotal) / elapsed.elapsedDays) : spent;
  const projectedRobust = median === null ? projectedLinear : spent + Math.round(median * elapsed.remainingDays);

  return {
    budgetNano,
    spentNano: spent,
    remainingNano: budgetNano - spent,
    daysTotal: period.daysTotal,
    daysLeft: period.daysLeft,
    elapsed: elapsed.fraction,
    todaySpentNano: todaySpent,
    todayAllowanceNano: todayAllowance(budgetNano, spentBeforeToday, period.daysLeft),
    idealNano: Math.round(idealExact),
    paceDelta,
    burn24hNano: Math.max(0, Math.round(input.last24hNano)),
    burn7dNano: burn7d,
    median7dNano: median,
    projectedLinearNano: projectedLinear,
    projectedRobustNano: projectedRobust,
    runsOutOn: runsOutOn(period, budgetNano, spent, elapsed.elapsedDays, spendOn),
    state: paceState(budgetNano, spent, paceDelta),
  };
}

/** Today's allowance: what the period had left before today, over the days left (today included), floored at 0. */
export function todayAllowance(budgetNano: Nano, spentBeforeTodayNano: Nano, daysLeft: number): Nano {
  return Math.max(0, Math.floor((budgetNano - spentBeforeTodayNano) / daysLeft));
}

function paceState(budgetNano: Nano, spentNano: Nano, paceDelta: number | null): PaceState {
  if (spentNano > 0 && spentNano >= budgetNano) return 'over';
  if (paceDelta !== null && paceDelta > AHEAD_TOLERANCE) return 'ahead';
  return 'on-pace';
}

/** The HISTORY_DAYS whole days before today that hold data. */
function historyDays(today: Day, dataSince: Day | null | undefined): Day[] {
  if (dataSince === null) return [];
  const days: Day[] = [];
  for (let i = HISTORY_DAYS; i >= 1; i--) {
    const day = addDays(today, -i);
    if (dataSince === undefined || day >= dataSince) days.push(day);
  }
  return days;
}

function runsOutOn(period: BudgetPeriod, budget: Nano, spent: Nano, elapsedDays: number, spendOn: (day: Day) => Nano): Day | null {
  if (spent <= 0) return null;
  if (spent >= budget) {
    // Already reached: the day cumulative spend got there.
    let cumulative = 0;
    for (let i = 0; i < period.daysTotal; i++) {
      const day = addDays(period.start, i);
      cumulative += spendOn(day);
      if (cumulative > 0 && cumulative >= budget) return day;
    }
    return period.today;
  }
  // At the pace so far (spent / elapsedDays a day) the budget is reached after `at` days from the start.
  const at = (elapsedDays * budget) / spent;
  if (!(at < period.daysTotal)) return null;
  // Reached during day ceil(at) − 1 (at exactly k: at the end of day k − 1); never before today.
  const index = Math.max(period.daysElapsed, Math.ceil(at) - 1);
  return addDays(period.start, index);
}

function spendByDay(days: readonly DaySpend[]): Map<Day, Nano> {
  const map = new Map<Day, Nano>();
  for (const { day, spendNano } of days) {
    checkNano(spendNano, `spend on ${day}`);
    map.set(day, (map.get(day) ?? 0) + spendNano);
  }
  return map;
}

function checkNano(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of nano-dollars, 0 or more, got ${n}`);
}
