import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { overallPeriodIn, type OverallPeriod } from './overall-period-in.js';

/** The period the glance and the planner speak of: the overall budget's, else the calendar month in the settings' zone. */
export function overallPeriod(db: Db, now: number): OverallPeriod {
  return overallPeriodIn(db, now, () => readSettings(db).settings.timezone);
}
