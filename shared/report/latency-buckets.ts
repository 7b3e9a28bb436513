/**
 * Latency and error rate over time, for the Requests page's chart: per bucket (an hour or a day),
 * the calls, the failed ones (error, cut off, refused by a cap) and the median and 95th
 * percentile of the latency of those that have one. Pure: the rows and the buckets are given.
 */
import type { UsageStatus } from '../usage.js';

export interface LatencyRow {
  time: number;
  latencyMs: number | null;
  status: UsageStatus;
}

export interface LatencyBucket {
  key: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export interface LatencyPoint {
  key: string;
  requests: number;
  /** Calls that did not end well: status error, incomplete (cut off) or blocked (refused by a cap). */
  errors: number;
  /** errors ÷ requests; null without calls. */
  errorRate: number | null;
  /** Of the calls with a latency; null when none had one. */
  p50Ms: number | null;
  p95Ms: number | null;
}

/** The nearest-rank percentile (p in 0..1) of sorted values: an observed latency, never an average of two. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function latencyPoints(rows: readonly LatencyRow[], buckets: readonly LatencyBucket[]): LatencyPoint[] {
  const latencies = buckets.map(() => [] as number[]);
  const counts = buckets.map(() => ({ requests: 0, errors: 0 }));
  for (const row of rows) {
    // Buckets are in time order: find the one holding the row by halving.
    let lo = 0;
    let hi = buckets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (row.time < buckets[mid]!.from) hi = mid - 1;
      else if (row.time >= buckets[mid]!.to) lo = mid + 1;
      else {
        counts[mid]!.requests++;
        if (row.status !== 'ok') counts[mid]!.errors++;
        if (row.latencyMs !== null) latencies[mid]!.push(row.latencyMs);
        break;
      }
    }
  }
  return buckets.map((b, i) => {
    const sorted = latencies[i]!.sort((x, y) => x - y);
    const { requests, errors } = counts[i]!;
    return { key: b.key, requests, errors, errorRate: requests > 0 ? errors / requests : null, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
  });
}
