/**
 * Evaluate every budget and store the alerts that are due. Returns what is new, and of that what
 * deserves a notification: one per budget (the most serious), so a budget found at 95% on the
 * first start says "90% used" once, not 50, 75 and 90 in a row.
 */
import type { BudgetAlert } from '../../../shared/api/contract-budgets.js';
import { alertRank, dueAlerts } from '../../../shared/budget/alert-rules.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { computePacing } from '../../../shared/pacing/index.js';
import { listBudgets } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';
import { insertAlert } from './alerts-repo.js';
import { pacingInputFor } from './budget-status.js';

export interface RaisedAlerts {
  raised: BudgetAlert[];
  notify: BudgetAlert[];
}

export function raiseDueAlerts(db: Db, now: number): RaisedAlerts {
  const raised: BudgetAlert[] = [];
  const notify: BudgetAlert[] = [];
  for (const budget of listBudgets(db)) {
    const period = budgetPeriod(now, budget.resetDay, budget.tz);
    const pacing = computePacing(pacingInputFor(db, budget, now, period));
    const fresh = db.transaction(() =>
      dueAlerts(budget, pacing, period)
        .map((c) =>
          insertAlert(db, {
            budget,
            kind: c.kind,
            threshold: c.threshold,
            periodStart: period.start,
            at: now,
            message: c.message,
            spentNano: pacing.spentNano,
            budgetNano: pacing.budgetNano,
          }),
        )
        .filter((a): a is BudgetAlert => a !== null),
    )();
    if (fresh.length === 0) continue;
    raised.push(...fresh);
    notify.push(fresh.reduce((best, a) => (alertRank(a) > alertRank(best) ? a : best)));
  }
  return { raised, notify };
}
