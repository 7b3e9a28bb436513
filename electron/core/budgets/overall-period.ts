import type { Budget } from '../../../shared/api/contract.js';
import { budgetPeriod, type BudgetPeriod } from '../../../shared/budget/period.js';
import { listBudgets } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';

export interface OverallPeriod {
  overall: Budget | null;
  tz: string;
  period: BudgetPeriod;
}

/** The period the glance and the planner speak of: the overall budget's, else the calendar month in the settings' zone. */
export function overallPeriod(db: Db, now: number): OverallPeriod {
  const overall = listBudgets(db).find((b) => b.scope === 'overall') ?? null;
  const tz = overall?.tz ?? readSettings(db).settings.timezone;
  return { overall, tz, period: budgetPeriod(now, overall?.resetDay ?? 1, tz) };
}
