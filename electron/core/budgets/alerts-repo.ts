/** The alert list (budget_alerts, migration 003). */
import type { BudgetKey } from '../../../shared/api/contract.js';
import type { AlertKind, BudgetAlert } from '../../../shared/api/contract-budgets.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

/** An alert before the ledger gives it an id. */
export type NewAlert = Omit<BudgetAlert, 'id'>;

interface AlertRow {
  id: number;
  scope: BudgetKey['scope'];
  scope_value: string;
  period_start: string;
  kind: AlertKind;
  threshold: number;
  raised_at: number;
  spent_nano: number;
  budget_nano: number;
  message: string;
}

const COLUMNS = 'id, scope, scope_value, period_start, kind, threshold, raised_at, spent_nano, budget_nano, message';

function rowToAlert(r: AlertRow): BudgetAlert {
  return {
    id: r.id,
    budget: { scope: r.scope, scopeValue: r.scope === 'overall' ? null : r.scope_value },
    kind: r.kind,
    threshold: r.threshold,
    periodStart: r.period_start,
    at: r.raised_at,
    message: r.message,
    spentNano: r.spent_nano,
    budgetNano: r.budget_nano,
  };
}

/** Store an alert unless the same one (budget, period, kind, threshold) exists; returns it when new. */
export function insertAlert(db: Db, a: NewAlert): BudgetAlert | null {
  const result = cachedStatement(
    db,
    `INSERT INTO budget_alerts (scope, scope_value, period_start, kind, threshold, raised_at, spent_nano, budget_nano, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(a.budget.scope, a.budget.scopeValue ?? '', a.periodStart, a.kind, a.threshold, a.at, a.spentNano, a.budgetNano, a.message);
  if (result.changes === 0) return null;
  return { id: Number(result.lastInsertRowid), ...a, budget: { scope: a.budget.scope, scopeValue: a.budget.scope === 'overall' ? null : a.budget.scopeValue } };
}

/** Newest first. */
export function listAlerts(db: Db, limit: number): BudgetAlert[] {
  const rows = cachedStatement(db, `SELECT ${COLUMNS} FROM budget_alerts ORDER BY raised_at DESC, id DESC LIMIT ?`).all(limit) as AlertRow[];
  return rows.map(rowToAlert);
}

export function latestAlert(db: Db): BudgetAlert | null {
  return listAlerts(db, 1)[0] ?? null;
}
