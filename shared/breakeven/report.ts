/** A month's break-even report from its parts (pure). */
import type { BreakEvenReport, PlanOption, PlanPeriodBreakEven } from '../api/contract-subscriptions.js';

export function assembleReport(nowMs: number, tz: string, month: string, plans: PlanPeriodBreakEven[], options: PlanOption[]): BreakEvenReport {
  let priceNano = 0;
  let coveredNano = 0;
  // Plans on the same provider are measured on the same usage: count it once per provider.
  const counted = new Set<string>();
  for (const p of plans) {
    priceNano += p.priceNano;
    if (!counted.has(p.provider)) coveredNano += p.coveredNano;
    counted.add(p.provider);
  }
  return { now: nowMs, tz, month, plans, options, totals: { priceNano, coveredNano, savingNano: coveredNano - priceNano } };
}
