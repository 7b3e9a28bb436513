/**
 * Whether a budget alert still says what is true now, so the glance can show it as the state of
 * things. Alerts are history (the planner lists them all); the glance shows only the latest one that
 * still holds: its budget exists with the amount it was raised against, in the same period, and a
 * cap alert ("hard cap: calls are being refused") only while that cap refuses calls. A raised
 * budget, a new period or a lifted cap leaves the glance without a stale alert.
 */
import type { Budget, BudgetKey, Day } from '../api/contract.js';
import type { BudgetAlert } from '../api/contract-budgets.js';

const sameBudget = (a: BudgetKey, b: BudgetKey) => a.scope === b.scope && (a.scopeValue ?? null) === (b.scopeValue ?? null);

export function alertInForce(
  alert: BudgetAlert,
  budgets: readonly Budget[],
  refusing: readonly BudgetKey[],
  /** The first day of the budget's period now. */
  periodStartOf: (budget: Budget) => Day,
): boolean {
  const budget = budgets.find((b) => sameBudget(b, alert.budget));
  if (!budget || budget.monthlyNano !== alert.budgetNano) return false;
  if (periodStartOf(budget) !== alert.periodStart) return false;
  return alert.kind !== 'cap' || refusing.some((k) => sameBudget(k, alert.budget));
}
