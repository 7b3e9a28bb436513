/**
 * The budget period an instant falls in: from the reset day of one month to the reset day of the
 * next, in the budget's time zone. Reset days stop at 28 so every month has one.
 */
import type { Day } from '../api/contract.js';
import { addDays, daysBetween, dayOf, startOfDay } from '../time/zoned.js';

export interface BudgetPeriod {
  /** First day of the period. */
  start: Day;
  /** Last day of the period (inclusive). */
  last: Day;
  /** The day the next period starts. */
  next: Day;
  /** The day `now` falls on. */
  today: Day;
  startMs: number;
  /** Start of the next period: the instant spend resets. */
  endMs: number;
  daysTotal: number;
  /** Days left including today (1 on the last day). */
  daysLeft: number;
  /** Days elapsed before today (0 on the first day). */
  daysElapsed: number;
}

export function budgetPeriod(nowMs: number, resetDay: number, tz: string): BudgetPeriod {
  if (!Number.isInteger(resetDay) || resetDay < 1 || resetDay > 28) {
    throw new RangeError(`reset day must be a whole number from 1 to 28, got ${resetDay}`);
  }
  const today = dayOf(nowMs, tz);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const start = day >= resetDay ? monthDay(year, month, resetDay) : monthDay(year, month - 1, resetDay);
  const [sy, sm] = start.split('-').map(Number) as [number, number];
  const next = monthDay(sy, sm + 1, resetDay);
  const daysTotal = daysBetween(start, next);
  const daysElapsed = daysBetween(start, today);
  return {
    start,
    last: addDays(next, -1),
    next,
    today,
    startMs: startOfDay(start, tz),
    endMs: startOfDay(next, tz),
    daysTotal,
    daysLeft: daysTotal - daysElapsed,
    daysElapsed,
  };
}

/** The period just before the one containing nowMs. */
export function previousBudgetPeriod(nowMs: number, resetDay: number, tz: string): BudgetPeriod {
  const current = budgetPeriod(nowMs, resetDay, tz);
  return budgetPeriod(current.startMs - 1, resetDay, tz);
}

function monthDay(year: number, month: number, day: number): Day {
  // month may be 0 or 13 here: normalise through the calendar.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

