import type { Summary, TokentallyApi } from '../../../shared/api/contract.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { startOfDay } from '../../../shared/time/zoned.js';
import { listBudgets, periodTotals, readSettings, topModels } from '../ledger/index.js';
import type { ServiceContext } from './context.js';

/**
 * The glance's numbers. The period follows the overall budget's reset day and zone when one is
 * set, else the calendar month in the settings' zone. Subscription usage is never spend.
 */
export function summaryHandler(ctx: ServiceContext): Pick<TokentallyApi, 'getSummary'> {
  return {
    async getSummary(): Promise<Summary> {
      const now = ctx.now();
      const overall = listBudgets(ctx.db).find((b) => b.scope === 'overall') ?? null;
      const tz = overall?.tz ?? readSettings(ctx.db).settings.timezone;
      const period = budgetPeriod(now, overall?.resetDay ?? 1, tz);
      const todayStart = startOfDay(period.today, tz);

      const month = periodTotals(ctx.db, { from: period.startMs, to: period.endMs });
      const today = periodTotals(ctx.db, { from: todayStart, to: period.endMs });
      const spentBeforeToday = month.spendNano - today.spendNano;
      const budgetNano = overall?.monthlyNano ?? null;
      const remainingNano = budgetNano === null ? null : budgetNano - month.spendNano;
      // Today's allowance is fixed for the day: what was left this morning, spread over the days left.
      const todayAllowanceNano =
        budgetNano === null ? null : Math.max(0, Math.floor((budgetNano - spentBeforeToday) / period.daysLeft));

      return {
        now,
        tz,
        period: { start: period.start, end: period.last, daysTotal: period.daysTotal, daysLeft: period.daysLeft },
        spentNano: month.spendNano,
        todaySpentNano: today.spendNano,
        budgetNano,
        remainingNano,
        todayAllowanceNano,
        subscriptionCostNano: month.costNano - month.spendNano,
        requestsToday: today.requests,
        unpricedThisPeriod: month.unpriced,
        topModelsToday: topModels(ctx.db, { from: todayStart, to: period.endMs, limit: 3 }),
        proxy: ctx.proxyStatus(),
      };
    },
  };
}
