/**
 * provider_usage writes. A bucket read again replaces what was stored for it (a day still filling
 * grows; a re-read of the same range changes nothing), so polling can never count twice.
 */
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import type { ReportBucket, ReportRow } from './poll-types.js';

/** Call inside the poll's transaction. */
export function replaceBuckets(db: Db, provider: string, buckets: readonly ReportBucket[], rows: readonly ReportRow[], fetchedAt: number): void {
  const clear = cachedStatement(db, 'DELETE FROM provider_usage WHERE provider = ? AND kind = ? AND bucket_start = ?');
  for (const b of buckets) clear.run(provider, b.kind, b.bucketStart);
  const insert = cachedStatement(
    db,
    `INSERT INTO provider_usage (provider, kind, bucket_start, bucket_end, model, input_tokens, cache_write_5m_tokens,
       cache_write_1h_tokens, cache_read_tokens, output_tokens, requests, cost_nano, fetched_at)
     VALUES (@provider, @kind, @bucketStart, @bucketEnd, @model, @inputTokens, @cacheWrite5mTokens,
       @cacheWrite1hTokens, @cacheReadTokens, @outputTokens, @requests, @costNano, @fetchedAt)`,
  );
  for (const row of rows) insert.run({ ...row, provider, fetchedAt });
}
