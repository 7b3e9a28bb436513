import type { DailyPoint, Day } from '../../../../shared/api/contract.js';
import { listDays } from '../../../../shared/time/zoned.js';

/** One chart bar. Dollars are floats here for plotting only; labels use the nano figures. */
export interface ChartDay {
  day: Day;
  spendUsd: number;
  subscriptionUsd: number;
  spendNano: number;
  subscriptionNano: number;
  requests: number;
}

/** Every day of the period, with zero for days the ledger has nothing on. */
export function toChartDays(points: readonly DailyPoint[], start: Day, end: Day): ChartDay[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  return listDays(start, end).map((day) => {
    const p = byDay.get(day);
    const spendNano = p?.spendNano ?? 0;
    const subscriptionNano = p?.subscriptionCostNano ?? 0;
    return { day, spendNano, subscriptionNano, spendUsd: spendNano / 1e9, subscriptionUsd: subscriptionNano / 1e9, requests: p?.requests ?? 0 };
  });
}
