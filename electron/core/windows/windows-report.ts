/**
 * What `tokentally windows` and listWindows answer: the plan windows and the runway
 * (plan-windows.ts) with every budget's status, in the settings' zone.
 */
import type { WindowsReport } from '../../../shared/api/contract-windows.js';
import { budgetStatuses } from '../budgets/budget-status.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { planWindows, runwayOf } from './plan-windows.js';

export { planWindows, runwayOf } from './plan-windows.js';

/** What `tokentally windows` and listWindows answer. */
export function windowsReport(db: Db, now: number): WindowsReport {
  const { settings } = readSettings(db);
  const windows = planWindows(db, now, settings);
  return { now, tz: settings.timezone, windows, runway: runwayOf(windows, budgetStatuses(db, now), now, settings.timezone) };
}
