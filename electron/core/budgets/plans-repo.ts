/** Saved plans (saved_plans, migration 003): a name and the scenario's rows as JSON. */
import { ApiError } from '../../../shared/api/contract.js';
import type { SavedPlan, SavePlanArgs } from '../../../shared/api/contract-budgets.js';
import { validateWorkloads } from '../../../shared/planner/workload-validate.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

interface PlanRow {
  id: number;
  name: string;
  rows: string;
  created: number;
}

function toPlan(r: PlanRow): SavedPlan {
  let rows: SavedPlan['rows'] = [];
  try {
    rows = validateWorkloads(JSON.parse(r.rows));
  } catch {
    // A damaged or hand-edited plan keeps its name; its rows are shown empty, the row is not touched.
  }
  return { id: r.id, name: r.name, rows, created: r.created };
}

export function listPlans(db: Db): SavedPlan[] {
  return (cachedStatement(db, 'SELECT id, name, rows, created FROM saved_plans ORDER BY created DESC, id DESC').all() as PlanRow[]).map(toPlan);
}

export function getPlan(db: Db, id: number): SavedPlan | null {
  const row = cachedStatement(db, 'SELECT id, name, rows, created FROM saved_plans WHERE id = ?').get(id) as PlanRow | undefined;
  return row ? toPlan(row) : null;
}

/** Create a plan, or replace the one with args.id (its creation time is kept). Returns its id. */
export function savePlan(db: Db, args: SavePlanArgs, now: number): number {
  if (typeof args !== 'object' || args === null) throw new ApiError('bad_request', 'a plan must be an object with a name and rows');
  const name = typeof args.name === 'string' ? args.name.trim() : '';
  if (name === '' || name.length > 200) throw new ApiError('bad_request', 'a plan needs a name of 1 to 200 characters');
  const rows = JSON.stringify(validateWorkloads(args.rows));
  if (args.id === undefined || args.id === null) {
    return Number(cachedStatement(db, 'INSERT INTO saved_plans (name, rows, created) VALUES (?, ?, ?)').run(name, rows, now).lastInsertRowid);
  }
  if (!Number.isSafeInteger(args.id)) throw new ApiError('bad_request', 'id must be a plan id');
  const changed = cachedStatement(db, 'UPDATE saved_plans SET name = ?, rows = ? WHERE id = ?').run(name, rows, args.id).changes;
  if (changed === 0) throw new ApiError('not_found', `no saved plan with id ${args.id}`);
  return args.id;
}

export function removePlan(db: Db, id: number): boolean {
  return cachedStatement(db, 'DELETE FROM saved_plans WHERE id = ?').run(id).changes > 0;
}
