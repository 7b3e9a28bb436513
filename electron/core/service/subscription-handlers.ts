import { ApiError } from '../../../shared/api/contract.js';
import type { SubscriptionsApi } from '../../../shared/api/contract-subscriptions.js';
import { volumeBreakEven } from '../../../shared/breakeven/index.js';
import { PLAN_CATALOG } from '../../../shared/plans/catalog.js';
import { applyPlanEdits } from '../../../shared/plans/plan-edits.js';
import { readSettings } from '../ledger/index.js';
import { countImportedRows } from '../sources/claude-code/index.js';
import { breakEvenReport, monthsAgo } from './break-even-report.js';
import { catalogBreakEven } from './catalog-break-even.js';
import type { ServiceContext } from './context.js';
import { optionalInt, optionalString, requireObject } from './validate.js';

const MAX_HISTORY_MONTHS = 36;

export function subscriptionHandlers(ctx: ServiceContext): SubscriptionsApi {
  return {
    async listPlans() {
      return applyPlanEdits(PLAN_CATALOG, readSettings(ctx.db).settings.planEdits);
    },
    async getBreakEven(args) {
      const o = requireObject(args, 'the break-even query');
      const settings = readSettings(ctx.db).settings;
      const now = ctx.now();
      const month = optionalString(o, 'month');
      return breakEvenReport(ctx.db, settings, now, month === undefined ? 0 : monthsAgo(now, settings.timezone, month));
    },
    async breakEvenHistory(args) {
      const o = requireObject(args, 'the history query');
      const months = optionalInt(o, 'months', 1, MAX_HISTORY_MONTHS) ?? 12;
      const settings = readSettings(ctx.db).settings;
      const now = ctx.now();
      const reports = [];
      for (let k = months - 1; k >= 0; k--) reports.push(breakEvenReport(ctx.db, settings, now, k));
      return reports;
    },
    async catalogBreakEven(args) {
      const months = optionalInt(requireObject(args ?? {}, 'the catalog break-even query'), 'months', 1, MAX_HISTORY_MONTHS) ?? 6;
      const settings = readSettings(ctx.db).settings;
      return catalogBreakEven(ctx.db, { months, tz: settings.timezone, now: ctx.now(), catalog: applyPlanEdits(PLAN_CATALOG, settings.planEdits) });
    },
    async breakEvenVolume(args) {
      if (typeof args !== 'object' || args === null) throw new ApiError('bad_request', 'the workload must be an object');
      return volumeBreakEven(args, readSettings(ctx.db).settings.priceOverrides, new Date(ctx.now()));
    },
    async getImportStatus() {
      if (ctx.transcriptImport) return ctx.transcriptImport.status();
      return {
        enabled: false,
        folders: [],
        watching: false,
        files: 0,
        records: countImportedRows(ctx.db),
        lastImportAt: null,
        lastChangeAt: null,
        running: false,
        errors: [],
      };
    },
    async runImport() {
      if (!ctx.transcriptImport) throw new ApiError('unavailable', 'the transcript import does not run in this process');
      return ctx.transcriptImport.runNow();
    },
  };
}
