/** The providers' daily cost figures (provider_usage, kind 'cost'), with what part of each bucket they cover. */
import type { Nano } from '../../../shared/money.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { settleMs } from './settle.js';

export interface CostBucket {
  provider: string;
  /** Epoch ms, the bucket is [start, end). */
  start: number;
  end: number;
  costNano: Nano;
  fetchedAt: number;
  /** The figure covers [start, coveredUntil): the whole bucket once it had settled when fetched. */
  coveredUntil: number;
  complete: boolean;
}

/** Cost buckets overlapping [from, to), oldest first. */
export function costBuckets(db: Db, q: { from: number; to: number; provider?: string }): CostBucket[] {
  const sql = `SELECT provider, bucket_start AS start, MAX(bucket_end) AS end, SUM(cost_nano) AS costNano, MAX(fetched_at) AS fetchedAt
    FROM provider_usage WHERE kind = 'cost' AND bucket_start < @to AND bucket_end > @from${q.provider !== undefined ? ' AND provider = @provider' : ''}
    GROUP BY provider, bucket_start ORDER BY bucket_start, provider`;
  const rows = cachedStatement(db, sql).all({ from: q.from, to: q.to, ...(q.provider !== undefined ? { provider: q.provider } : {}) }) as Omit<
    CostBucket,
    'coveredUntil' | 'complete'
  >[];
  return rows.map((r) => {
    const coveredUntil = Math.max(r.start, Math.min(r.end, r.fetchedAt - settleMs(r.provider)));
    return { ...r, costNano: r.costNano ?? 0, coveredUntil, complete: coveredUntil === r.end };
  });
}
