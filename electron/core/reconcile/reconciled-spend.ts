/**
 * The spend a budget counts, when providers report their own cost. For each provider with a cost
 * report, a daily bucket whose covered part lies inside [from, to) counts the provider's figure
 * instead of what the ledger logged there (the invoice follows the provider, and it includes spend
 * the proxy never saw). Everything else — hours the provider has not reported yet, the slices of
 * a UTC-day bucket that fall outside a period drawn in another zone, providers without reports —
 * counts the ledger's own API + batch spend. A bucket still filling never counts less than the
 * ledger logged for its covered part: a late report must not hide spend the proxy already saw.
 */
import type { Nano } from '../../../shared/money.js';
import { spendOver, type AggregateFilter } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';
import { costBuckets, type CostBucket } from './cost-buckets.js';

export interface SpendQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  provider?: string;
}

/** `loggedSpendNano`: the ledger's own spend over the same range and provider, when the caller has read it already. */
export function reconciledSpendNano(db: Db, q: SpendQuery, loggedSpendNano?: Nano): Nano {
  const filter: AggregateFilter = q.provider !== undefined ? { provider: q.provider } : {};
  let spend = loggedSpendNano ?? spendOver(db, { from: q.from, to: q.to }, filter);
  const byProvider = new Map<string, CostBucket[]>();
  for (const b of costBuckets(db, q)) {
    if (b.start < q.from || b.coveredUntil > q.to || b.coveredUntil <= b.start) continue;
    const list = byProvider.get(b.provider) ?? [];
    list.push(b);
    byProvider.set(b.provider, list);
  }
  for (const [provider, buckets] of byProvider) {
    const logged = (from: number, to: number) => spendOver(db, { from, to }, { provider });
    // Settled buckets replace the ledger wholesale; adjacent ones are read as one range.
    let runStart = -1;
    let runEnd = -1;
    for (const b of buckets) {
      if (!b.complete) {
        const ledger = logged(b.start, b.coveredUntil);
        spend += Math.max(b.costNano, ledger) - ledger;
        continue;
      }
      spend += b.costNano;
      if (b.start === runEnd) runEnd = b.end;
      else {
        if (runEnd > runStart) spend -= logged(runStart, runEnd);
        runStart = b.start;
        runEnd = b.end;
      }
    }
    if (runEnd > runStart) spend -= logged(runStart, runEnd);
  }
  return spend;
}
