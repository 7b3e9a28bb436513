/**
 * Whether a hard budget's cap is refusing calls now, as the proxy's gate decides it
 * (shared/budget/hard-cap.ts) for an ordinary call of the budget's scope. The spend figure is the
 * caller's (the budget's pacing spend, the same sums the gate reads); this file only adds the
 * ordinary call and the lift.
 */
import type { Budget, BudgetKey } from '../../../shared/api/contract.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { scopeFilter } from '../../../shared/budget/scope.js';
import { capRefuses, ordinaryCallNano, ORDINARY_CALL_SAMPLE } from '../../../shared/budget/hard-cap.js';
import type { Nano } from '../../../shared/money.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { capLiftedUntil } from './cap-lift-repo.js';
import { spendBetween } from './spend-queries.js';

/** The costs of the scope's latest paid calls, newest first (the scope's rows as the budget queries read them). */
function recentCallCosts(db: Db, key: BudgetKey): Nano[] {
  const f = scopeFilter(key);
  const where = ["billing <> 'subscription'", "status IN ('ok', 'incomplete')", 'cost_nano > 0'];
  const params: string[] = [];
  if (f.provider !== undefined) {
    where.push('provider = ?');
    params.push(f.provider);
  }
  if (f.tag !== undefined) {
    where.push('tag = ?');
    params.push(f.tag);
  }
  if (f.keyRef !== undefined) {
    where.push('key_ref = ?');
    params.push(f.keyRef);
  }
  return cachedStatement(db, `SELECT cost_nano FROM usage WHERE ${where.join(' AND ')} ORDER BY time DESC LIMIT ${ORDINARY_CALL_SAMPLE}`)
    .pluck()
    .all(...params) as Nano[];
}

/** `spentNano`: the budget's spend this period; computed here when not given. */
export function hardCapRefusing(db: Db, budget: Budget, now: number, spentNano?: Nano): boolean {
  if (!budget.hard) return false;
  const period = budgetPeriod(now, budget.resetDay, budget.tz);
  return capRefuses({
    capNano: budget.monthlyNano,
    spentNano: spentNano ?? spendBetween(db, budget, period.startMs, period.endMs),
    callNano: ordinaryCallNano(recentCallCosts(db, budget)),
    lifted: capLiftedUntil(db, now) !== null,
  });
}
