import type { GuardStatus } from '../../../shared/api/contract-guard.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { latestAlarms, listPauses } from './guard-repo.js';

/** What the API, the CLI and the MCP server say of the guard: its settings, the paused tags, the latest alarms. */
export function guardStatus(db: Db): GuardStatus {
  return { settings: readSettings(db).settings.guard, paused: listPauses(db), alarms: latestAlarms(db) };
}
