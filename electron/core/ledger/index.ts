/** Everything that reads and writes the ledger. Open it with openDatabase (./open-database.js). */
export { openDatabase, migrate, LedgerError, LedgerDamagedError, DATABASE_FILE, type Db, type OpenOptions } from './open-database.js';
export { insertUsage, getUsage, queryUsage, pageQuery, resolveUsageSelection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ResolvedUsageQuery } from './usage-repo.js';
export { validateNewUsageRecord } from './usage-row.js';
export {
  dailySeries,
  periodTotals,
  topModels,
  usageByModel,
  usageByTag,
} from './rollup-queries.js';
export { usageGroups, firstUsageDay } from './usage-groups.js';
export { requestStats } from './request-stats.js';
export { buildPeriodReport, buildRequestsReport, type PeriodReportQuery, type RequestsReportQuery } from './reports.js';
export { readSettings, writeSettings, type SettingsRead } from './settings-repo.js';
export { listBudgets, upsertBudget, removeBudget } from './budgets-repo.js';
export { createUsageWriter, DEFAULT_MAX_QUEUE, type UsageWriter, type UsageWriterOptions } from './usage-writer.js';
export { BUCKET_MS, type TimeRange } from './aggregate.js';
