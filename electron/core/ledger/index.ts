/** Everything that reads and writes the ledger. Open it with openDatabase (./open-database.js). */
export { openDatabase, migrate, LedgerDamagedError, DATABASE_FILE, type Db } from './open-database.js';
export { insertUsage, getUsage, queryUsage, pageQuery, resolveUsageSelection, type ResolvedUsageQuery } from './usage-repo.js';
export {
  dailySeries,
  periodTotals,
  topModels,
  usageByModel,
  usageByTag,
} from './rollup-queries.js';
export { usageGroups } from './usage-groups.js';
export { requestStats } from './request-stats.js';
export { buildPeriodReport, buildRequestsReport } from './reports.js';
export { readSettings, writeSettings } from './settings-repo.js';
export { listBudgets, upsertBudget, removeBudget } from './budgets-repo.js';
export { createUsageWriter } from './usage-writer.js';
