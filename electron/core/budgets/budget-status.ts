/** A budget's pacing in its current period, from the ledger: the bridge between SQL and shared/pacing. */
import type { Budget } from '../../../shared/api/contract.js';
import type { BudgetStatus } from '../../../shared/api/contract-budgets.js';
import { reachedThresholds } from '../../../shared/budget/alert-rules.js';
import { budgetPeriod, type BudgetPeriod } from '../../../shared/budget/period.js';
import { computePacing, HISTORY_DAYS, type PacingInput } from '../../../shared/pacing/index.js';
import { addDays } from '../../../shared/time/zoned.js';
import { listBudgets } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';
import { hardCapRefusing } from './hard-cap-status.js';
import { firstUsageDay, spendBetween, spendPerDay } from './spend-queries.js';

const DAY_MS = 86_400_000;

export function pacingInputFor(db: Db, budget: Budget, now: number, period: BudgetPeriod = budgetPeriod(now, budget.resetDay, budget.tz)): PacingInput {
  const historyStart = addDays(period.today, -HISTORY_DAYS);
  const since = historyStart < period.start ? historyStart : period.start;
  return {
    now,
    budgetNano: budget.monthlyNano,
    period,
    tz: budget.tz,
    days: spendPerDay(db, budget, since, period.last, budget.tz),
    last24hNano: spendBetween(db, budget, now - DAY_MS, now),
    dataSince: firstUsageDay(db, budget.tz),
  };
}

export function budgetStatusOf(db: Db, budget: Budget, now: number): BudgetStatus {
  const period = budgetPeriod(now, budget.resetDay, budget.tz);
  const pacing = computePacing(pacingInputFor(db, budget, now, period));
  const reached = reachedThresholds(budget.alerts, pacing);
  return {
    budget,
    period: { start: period.start, end: period.last, next: period.next, resetsAt: period.endMs },
    pacing,
    thresholdReached: reached.length > 0 ? Math.max(...reached) : null,
    // The gate's own rule (shared/budget/hard-cap.ts): it would refuse an ordinary call of this scope now.
    capReached: hardCapRefusing(db, budget, now, pacing.spentNano),
  };
}

/**
 * Every budget with its pacing, overall first; all read from one state of the ledger (a read
 * transaction), so a call the writer commits meanwhile is in every figure or in none.
 */
export function budgetStatuses(db: Db, now: number): BudgetStatus[] {
  return db.transaction(() => listBudgets(db).map((b) => budgetStatusOf(db, b, now)))();
}
