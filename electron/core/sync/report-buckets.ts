/**
 * Provider report buckets (provider_usage) as sync records. Two devices polling the same
 * organisation read the same buckets: a bucket is keyed by provider, kind and start (its rows by
 * model), and the copy fetched last replaces the other, so a report counts once however many
 * devices poll it. Each bucket is published once, and again only when a later poll changes it.
 */
import crypto from 'node:crypto';
import type { ReportBucketRecord } from '../../../shared/sync/segment-format.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

const REPORT_COLUMNS = [
  'model',
  'input_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
  'output_tokens',
  'requests',
  'cost_nano',
] as const;

type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string | number | null>;

/** What a bucket holds, fetch time aside: equal digests, nothing new to publish. */
function bucketDigest(bucketEnd: number, rows: readonly Record<string, unknown>[]): string {
  const lines = rows.map((r) => JSON.stringify(REPORT_COLUMNS.map((c) => r[c] ?? null))).sort();
  return crypto.createHash('sha256').update(`${bucketEnd}\n${lines.join('\n')}`).digest('hex').slice(0, 32);
}

/** This device's buckets whose contents differ from what it last published (or merged). */
export function changedBuckets(db: Db): { record: ReportBucketRecord; digest: string }[] {
  const rows = cachedStatement(
    db,
    `SELECT provider, kind, bucket_start, bucket_end, fetched_at, ${REPORT_COLUMNS.join(', ')} FROM provider_usage ORDER BY provider, kind, bucket_start, model`,
  ).all() as (ReportRow & { provider: string; kind: 'usage' | 'cost'; bucket_start: number; bucket_end: number; fetched_at: number })[];
  const sent = new Map(
    (cachedStatement(db, 'SELECT provider, kind, bucket_start, digest FROM sync_reports_sent').all() as { provider: string; kind: string; bucket_start: number; digest: string }[]).map(
      (r) => [`${r.provider}|${r.kind}|${r.bucket_start}`, r.digest],
    ),
  );
  const buckets = new Map<string, ReportBucketRecord>();
  for (const r of rows) {
    const key = `${r.provider}|${r.kind}|${r.bucket_start}`;
    let b = buckets.get(key);
    if (!b) {
      b = { provider: r.provider, kind: r.kind, bucketStart: r.bucket_start, bucketEnd: r.bucket_end, fetchedAt: r.fetched_at, rows: [] };
      buckets.set(key, b);
    }
    b.fetchedAt = Math.max(b.fetchedAt, r.fetched_at);
    b.rows.push(Object.fromEntries(REPORT_COLUMNS.map((c) => [c, r[c]])));
  }
  const out: { record: ReportBucketRecord; digest: string }[] = [];
  for (const [key, record] of buckets) {
    const digest = bucketDigest(record.bucketEnd, record.rows);
    if (sent.get(key) !== digest) out.push({ record, digest });
  }
  return out;
}

export function markBucketSent(db: Db, b: Pick<ReportBucketRecord, 'provider' | 'kind' | 'bucketStart'>, digest: string): void {
  cachedStatement(
    db,
    'INSERT INTO sync_reports_sent (provider, kind, bucket_start, digest) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET digest = excluded.digest',
  ).run(b.provider, b.kind, b.bucketStart, digest);
}

/** Takes another device's copy of a bucket when it was fetched later than the stored one. */
export function mergeBucket(db: Db, b: ReportBucketRecord): boolean {
  const stored = cachedStatement(db, 'SELECT MAX(fetched_at) AS at FROM provider_usage WHERE provider = ? AND kind = ? AND bucket_start = ?').get(b.provider, b.kind, b.bucketStart) as {
    at: number | null;
  };
  if (stored.at !== null && stored.at >= b.fetchedAt) return false;
  cachedStatement(db, 'DELETE FROM provider_usage WHERE provider = ? AND kind = ? AND bucket_start = ?').run(b.provider, b.kind, b.bucketStart);
  const insert = cachedStatement(
    db,
    `INSERT INTO provider_usage (provider, kind, bucket_start, bucket_end, fetched_at, ${REPORT_COLUMNS.join(', ')})
     VALUES (?, ?, ?, ?, ?, ${REPORT_COLUMNS.map(() => '?').join(', ')})`,
  );
  for (const row of b.rows) insert.run(b.provider, b.kind, b.bucketStart, b.bucketEnd, b.fetchedAt, ...REPORT_COLUMNS.map((c) => row[c] ?? (c === 'model' ? '' : c === 'requests' || c === 'cost_nano' ? null : 0)));
  // Merged, it is no news of this device's own: not published back.
  markBucketSent(db, b, bucketDigest(b.bucketEnd, b.rows));
  return true;
}
