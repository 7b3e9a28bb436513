/**
 * What the proxy's hard-cap gate needs from the ledger, read in one transaction (so the spend and
 * the writer's progress describe the same moment), off the proxy's thread.
 */
import { budgetPeriod } from '../../../shared/budget/period.js';
import { storedCapLift } from '../budgets/cap-lift-repo.js';
import { spendBetween } from '../budgets/spend-queries.js';
import { listBudgets } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';
import { readWriterProgress } from '../ledger/writer-state.js';
import type { GateSnapshot } from '../proxy/budget-gate.js';
import { keyLabels } from '../secrets/key-labels.js';

export function readGateSnapshot(db: Db, now: number): GateSnapshot {
  return db.transaction(() => {
    const progress = readWriterProgress(db);
    const budgets = listBudgets(db)
      .filter((b) => b.hard)
      .map((budget) => {
        const period = budgetPeriod(now, budget.resetDay, budget.tz);
        return { budget, periodStartMs: period.startMs, spentNano: spendBetween(db, budget, period.startMs, period.endMs) };
      });
    return { budgets, progress, liftedUntil: storedCapLift(db), keyLabels: Object.fromEntries(keyLabels(db)), at: now };
  })();
}
