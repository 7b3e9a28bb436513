/**
 * Per provider and UTC day (the providers bucket by UTC day): the cost the provider reports beside
 * the API + batch cost the proxy logged. unseen = reported − proxy is spend the proxy did not see;
 * negative when the proxy priced above the bill or the provider has not reported the whole day.
 */
import type { ReconciliationRow } from '../../../shared/api/contract-providers.js';
import type { Day } from '../../../shared/api/contract.js';
import { addDays, dayOf, listDays, startOfDay } from '../../../shared/time/zoned.js';
import { aggregate, type Period } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';
import { badRequest, checkOrder, dayArg } from '../ledger/query-args.js';
import { costBuckets } from './cost-buckets.js';

/** A year and a bit: a reconciliation view never needs more. */
const MAX_RECONCILE_DAYS = 400;
/** The default span when no since is given. */
const DEFAULT_RECONCILE_DAYS = 30;

export interface ReconcileQuery {
  since: Day;
  until: Day;
  provider?: string;
}

/** since/until as given, else the last 30 UTC days up to today. */
export function defaultReconcileDays(q: { since?: Day; until?: Day }, now: number): { since: Day; until: Day } {
  const until = q.until ?? dayOf(now, 'UTC');
  return { since: q.since ?? addDays(until, 1 - DEFAULT_RECONCILE_DAYS), until };
}

export function reconciliationRows(db: Db, q: ReconcileQuery): ReconciliationRow[] {
  const since = dayArg('since', q.since);
  const until = dayArg('until', q.until);
  checkOrder(since, until);
  const days = listDays(since, until);
  if (days.length > MAX_RECONCILE_DAYS) badRequest(`a reconciliation covers at most ${MAX_RECONCILE_DAYS} days, asked for ${days.length}`);

  const periods: Period[] = days.map((day) => ({ key: day, from: startOfDay(day, 'UTC'), to: startOfDay(addDays(day, 1), 'UTC') }));
  const proxy = new Map<string, number>();
  const filter = q.provider !== undefined ? { source: 'proxy' as const, provider: q.provider } : { source: 'proxy' as const };
  for (const row of aggregate(db, periods, filter, ['provider'])) proxy.set(`${row.key}\u0000${row.provider}`, row.spendNano);

  const reported = new Map<string, { costNano: number; complete: boolean; fetchedAt: number }>();
  const range = { from: periods[0]!.from, to: periods[periods.length - 1]!.to };
  for (const b of costBuckets(db, { ...range, provider: q.provider })) {
    if (b.start < range.from) continue;
    const id = `${dayOf(b.start, 'UTC')}\u0000${b.provider}`;
    const seen = reported.get(id);
    if (seen) {
      seen.costNano += b.costNano;
      seen.complete &&= b.complete;
      seen.fetchedAt = Math.max(seen.fetchedAt, b.fetchedAt);
    } else reported.set(id, { costNano: b.costNano, complete: b.complete, fetchedAt: b.fetchedAt });
  }

  const rows: ReconciliationRow[] = [];
  for (const id of new Set([...proxy.keys(), ...reported.keys()])) {
    const [day, provider] = id.split('\u0000') as [Day, string];
    const proxyCostNano = proxy.get(id) ?? 0;
    const r = reported.get(id);
    if (!r && proxyCostNano === 0) continue;
    rows.push({
      provider,
      day,
      reportedCostNano: r ? r.costNano : null,
      proxyCostNano,
      unseenCostNano: r ? r.costNano - proxyCostNano : null,
      complete: r ? r.complete : false,
      fetchedAt: r ? r.fetchedAt : null,
    });
  }
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
}
