import type { Budget, BudgetKey } from '../../../shared/api/contract.js';
import { validateBudget, validateBudgetKey } from '../../../shared/budget-validate.js';
import { BUDGET_SCOPES, scopeDef } from '../../../shared/budget/scope.js';
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

interface BudgetRow {
  scope: Budget['scope'];
  scope_value: string;
  monthly_nano: number;
  hard: number;
  reset_day: number;
  tz: string;
  alerts: string;
}

function parseAlerts(text: string): number[] {
  // A hand-edited or damaged list loses its alerts, never the budget itself.
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((a): a is number => typeof a === 'number' && Number.isFinite(a)) : [];
  } catch {
    return [];
  }
}

function rowToBudget(row: BudgetRow): Budget {
  return {
    scope: row.scope,
    // The table keys the overall budget by '' (a primary key column cannot usefully be NULL).
    scopeValue: scopeDef(row.scope).needsValue ? row.scope_value : null,
    monthlyNano: row.monthly_nano,
    hard: row.hard === 1,
    resetDay: row.reset_day,
    tz: row.tz,
    alerts: parseAlerts(row.alerts),
  };
}

/** Scopes in BUDGET_SCOPES' order (overall, provider, tag, key); the names come from that fixed list. */
const SCOPE_ORDER = `CASE scope ${BUDGET_SCOPES.map((s, i) => `WHEN '${s.scope}' THEN ${i}`).join(' ')} END`;

/** Every budget: the overall one first, then by scope (provider, tag, key) and value. */
export function listBudgets(db: Db): Budget[] {
  const rows = cachedStatement(
    db,
    `SELECT scope, scope_value, monthly_nano, hard, reset_day, tz, alerts FROM budgets
     ORDER BY ${SCOPE_ORDER}, scope_value`,
  ).all() as BudgetRow[];
  return rows.map(rowToBudget);
}

/** Create or replace the budget with this scope; throws ApiError('bad_request') when invalid. Returns it as stored. */
export function upsertBudget(db: Db, budget: Budget): Budget {
  const b = validateBudget(budget);
  cachedStatement(
    db,
    `INSERT INTO budgets (scope, scope_value, monthly_nano, hard, reset_day, tz, alerts)
     VALUES (@scope, @scope_value, @monthly_nano, @hard, @reset_day, @tz, @alerts)
     ON CONFLICT (scope, scope_value) DO UPDATE SET monthly_nano = excluded.monthly_nano, hard = excluded.hard,
       reset_day = excluded.reset_day, tz = excluded.tz, alerts = excluded.alerts`,
  ).run({
    scope: b.scope,
    scope_value: b.scopeValue ?? '',
    monthly_nano: b.monthlyNano,
    hard: b.hard ? 1 : 0,
    reset_day: b.resetDay,
    tz: b.tz,
    alerts: JSON.stringify(b.alerts),
  });
  return b;
}

/** Remove a budget; false when there was none with that scope. */
export function removeBudget(db: Db, key: BudgetKey): boolean {
  const k = validateBudgetKey(key);
  return cachedStatement(db, 'DELETE FROM budgets WHERE scope = ? AND scope_value = ?').run(k.scope, k.scopeValue ?? '').changes > 0;
}
