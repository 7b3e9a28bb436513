/** A saved plan's monthly cost against this period's actual spend, by model. */
import type { PlanVsActual, SavedPlan } from '../../../shared/api/contract-budgets.js';
import type { PriceOverride } from '../../../shared/api/contract.js';
import type { BudgetPeriod } from '../../../shared/budget/period.js';
import { periodElapsed } from '../../../shared/pacing/index.js';
import { priceScenario } from '../../../shared/planner/scenario.js';
import { aggregate } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';

export function planVsActual(db: Db, plan: SavedPlan, period: BudgetPeriod, tz: string, now: number, overrides: readonly PriceOverride[]): PlanVsActual {
  const planned = priceScenario(plan.rows, overrides);
  const actual = aggregate(db, [{ key: '', from: period.startMs, to: period.endMs }], {}, ['provider', 'model']).filter((r) => r.spendNano > 0);

  const byModel = new Map<string, PlanVsActual['byModel'][number]>();
  const entry = (provider: string, model: string) => {
    const id = `${provider}\u0000${model}`;
    let e = byModel.get(id);
    if (!e) byModel.set(id, (e = { provider, model, plannedNano: 0, actualNano: 0 }));
    return e;
  };
  for (const row of planned.rows) entry(row.provider, row.model).plannedNano += row.monthlyNano;
  for (const row of actual) entry(row.provider ?? '', row.model ?? '').actualNano += row.spendNano;

  const actualNano = actual.reduce((s, r) => s + r.spendNano, 0);
  const { elapsedDays } = periodElapsed(period, now, tz);
  return {
    plan,
    period: { start: period.start, end: period.last },
    plannedNano: planned.totalNano,
    actualNano,
    projectedNano: elapsedDays > 0 ? Math.round((actualNano * period.daysTotal) / elapsedDays) : actualNano,
    byModel: [...byModel.values()].sort((a, b) => Math.max(b.plannedNano, b.actualNano) - Math.max(a.plannedNano, a.actualNano)),
  };
}
