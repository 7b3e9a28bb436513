/**
 * Day-by-day chart data for one budget period: spend and cumulative spend so far, each day's
 * allowance, the ideal line, and from today on the projected cumulative spend (same definitions
 * as ./pacing.ts, so the charts end where the numbers say).
 */
import type { Day } from '../api/contract.js';
import type { PacingPoint } from '../api/contract-budgets.js';
import { addDays } from '../time/zoned.js';
import { periodElapsed } from './elapsed.js';
import { computePacing, type PacingInput } from './pacing.js';

export function pacingPoints(input: PacingInput): PacingPoint[] {
  const { period, budgetNano } = input;
  const pacing = computePacing(input);
  const elapsed = periodElapsed(period, input.now, input.tz);
  const spendOn = new Map<Day, number>();
  for (const { day, spendNano } of input.days) spendOn.set(day, (spendOn.get(day) ?? 0) + spendNano);

  const linearRate = elapsed.elapsedDays > 0 ? pacing.spentNano / elapsed.elapsedDays : 0;
  const robustRate = pacing.median7dNano ?? linearRate;
  const points: PacingPoint[] = [];
  let cumulative = 0;
  for (let i = 0; i < period.daysTotal; i++) {
    const day = addDays(period.start, i);
    const known = day <= period.today;
    const allowance = known ? Math.max(0, Math.floor((budgetNano - cumulative) / (period.daysTotal - i))) : null;
    const spend = known ? (spendOn.get(day) ?? 0) : null;
    if (spend !== null) cumulative += spend;
    const ahead = i + 1 - elapsed.elapsedDays;
    points.push({
      day,
      spendNano: spend,
      cumulativeNano: known ? cumulative : null,
      idealNano: Math.round((budgetNano * (i + 1)) / period.daysTotal),
      allowanceNano: allowance,
      projectedLinearNano: day >= period.today ? pacing.spentNano + Math.round(linearRate * ahead) : null,
      projectedRobustNano: day >= period.today ? pacing.spentNano + Math.round(robustRate * ahead) : null,
    });
  }
  return points;
}
