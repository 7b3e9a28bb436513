/**
 * Spend of one budget's scope (shared/budget/scope.ts): per day, over a range, and the day data
 * begins. Spend is API + batch cost; subscription usage never counts. Where providers report their
 * own cost, scopes that can use those reports (overall, provider) count them (reconciledSpendNano),
 * exactly as the glance and the proxy's gate do, so `budget check`, pacing and the gate never
 * disagree. Tags and keys exist only in the ledger.
 */
import type { BudgetKey, Day } from '../../../shared/api/contract.js';
import type { Nano } from '../../../shared/money.js';
import { scopeDef, scopeFilter } from '../../../shared/budget/scope.js';
import type { DaySpend } from '../../../shared/pacing/index.js';
import { dayOf } from '../../../shared/time/zoned.js';
import { dayPeriods, spendByPeriod, spendOver } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { costBuckets, reconciledSpendNano } from '../reconcile/index.js';

/** Spend per calendar day in tz, since..until inclusive; days without spend are zeros. */
export function spendPerDay(db: Db, key: BudgetKey, since: Day, until: Day, tz: string): DaySpend[] {
  const periods = dayPeriods(since, until, tz);
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first && last && usesProviderReports(db, key, first.from, last.to)) {
    return periods.map((p) => ({ day: p.key, spendNano: reconciledSpendNano(db, { from: p.from, to: p.to, ...providerOf(key) }) }));
  }
  const byDay = spendByPeriod(db, periods, scopeFilter(key));
  return periods.map((p) => ({ day: p.key, spendNano: byDay.get(p.key) ?? 0 }));
}

/** Spend in [from, to). */
export function spendBetween(db: Db, key: BudgetKey, from: number, to: number): Nano {
  if (usesProviderReports(db, key, from, to)) return reconciledSpendNano(db, { from, to, ...providerOf(key) });
  return spendOver(db, { from, to }, scopeFilter(key));
}

/** The provider a reports-counting scope is limited to (reports have no tags or keys). */
function providerOf(key: BudgetKey): { provider?: string } {
  const { provider } = scopeFilter(key);
  return provider === undefined ? {} : { provider };
}

/** Only when a provider report overlaps the range: the common case stays one rollup query. */
function usesProviderReports(db: Db, key: BudgetKey, from: number, to: number): boolean {
  return scopeDef(key.scope).usesProviderReports && costBuckets(db, { from, to, ...providerOf(key) }).length > 0;
}

/** The day (in tz) of the first usage record of any kind, or null for an empty ledger: before it there is no data. */
export function firstUsageDay(db: Db, tz: string): Day | null {
  const first = cachedStatement(db, 'SELECT MIN(time) FROM usage').pluck().get() as number | null;
  return first === null ? null : dayOf(first, tz);
}
