/**
 * Reads what the catalog break-even needs from the ledger: per calendar month and provider, the
 * subscription usage at API rates and the API-key spend, handed to shared/breakeven/catalog-months.ts.
 */
import type { CatalogMonth } from '../../../shared/api/contract-subscriptions.js';
import type { PlanInfo } from '../../../shared/api/contract-subscriptions.js';
import { catalogMonth, type ProviderMonthUsage } from '../../../shared/breakeven/catalog-months.js';
import { addDays, dayOf, firstDayOfNextMonth, startOfDay } from '../../../shared/time/zoned.js';
import { aggregateMoney } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';

export function catalogBreakEven(db: Db, q: { months: number; tz: string; now: number; catalog: readonly PlanInfo[] }): CatalogMonth[] {
  const today = dayOf(q.now, q.tz);
  // The first days of the months asked for, oldest first, ending with the current one.
  const starts: string[] = [`${today.slice(0, 7)}-01`];
  while (starts.length < q.months) starts.unshift(`${addDays(starts[0]!, -1).slice(0, 7)}-01`);
  const periods = starts.map((start) => ({ key: start.slice(0, 7), from: startOfDay(start, q.tz), to: startOfDay(firstDayOfNextMonth(start), q.tz) }));
  const byMonth = new Map<string, Map<string, ProviderMonthUsage>>(periods.map((p) => [p.key, new Map()]));
  for (const row of aggregateMoney(db, periods, {}, ['provider', 'billing'])) {
    const usage = byMonth.get(row.key)!;
    const u = usage.get(row.provider!) ?? { coveredNano: 0, coveredRequests: 0, apiNano: 0, apiRequests: 0 };
    if (row.billing === 'subscription') {
      u.coveredNano += row.costNano;
      u.coveredRequests += row.requests;
    } else {
      u.apiNano += row.spendNano;
      u.apiRequests += row.requests;
    }
    usage.set(row.provider!, u);
  }
  const current = today.slice(0, 7);
  return periods.map((p) => catalogMonth(p.key, p.key === current, byMonth.get(p.key)!, q.catalog));
}
