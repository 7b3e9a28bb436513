/**
 * How much of a budget period has gone by, in calendar days. Every day of the period weighs the
 * same (a month's budget is spread evenly over its days, as today's allowance is); within today
 * time runs linearly over the day's real length, so on a 23- or 25-hour DST day an hour is 1/23
 * or 1/25 of a day. elapsedDays goes from 0 at the period's first instant to daysTotal at its end.
 */
import type { BudgetPeriod } from '../budget/period.js';
import { addDays, startOfDay } from '../time/zoned.js';

export interface Elapsed {
  /** Whole days before today plus the share of today gone by. */
  elapsedDays: number;
  /** elapsedDays / daysTotal, 0..1. */
  fraction: number;
  /** Share of today gone by, 0..1. */
  dayFraction: number;
  /** Days still to come, today's remainder included: daysTotal − elapsedDays. */
  remainingDays: number;
}

export function periodElapsed(period: BudgetPeriod, nowMs: number, tz: string): Elapsed {
  const dayStart = startOfDay(period.today, tz);
  const dayEnd = startOfDay(addDays(period.today, 1), tz);
  const dayFraction = clamp01((nowMs - dayStart) / (dayEnd - dayStart));
  const elapsedDays = period.daysElapsed + dayFraction;
  return {
    elapsedDays,
    fraction: clamp01(elapsedDays / period.daysTotal),
    dayFraction,
    remainingDays: Math.max(0, period.daysTotal - elapsedDays),
  };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
