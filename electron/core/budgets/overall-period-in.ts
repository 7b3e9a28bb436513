import type { Budget } from '../../../shared/api/contract.js';
import { budgetPeriod, type BudgetPeriod } from '../../../shared/budget/period.js';
import { listBudgets } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';

export interface OverallPeriod {
  overall: Budget | null;
  tz: string;
  period: BudgetPeriod;
}

/**
 * overallPeriod (./overall-period.ts) with the settings' zone given: asked only without an overall
 * budget. The status line reads that one setting rather than all of them (statusline/status-ledger.ts).
 */
export function overallPeriodIn(db: Db, now: number, settingsZone: () => string): OverallPeriod {
  const overall = listBudgets(db).find((b) => b.scope === 'overall') ?? null;
  const tz = overall?.tz ?? settingsZone();
  return { overall, tz, period: budgetPeriod(now, overall?.resetDay ?? 1, tz) };
}
