import { describe, expect, it } from 'vitest';
import { latencyPoints, percentile } from '../../shared/report/latency-buckets.js';

describe('latency and error rate over time', () => {
  it('takes the nearest-rank percentile: an observed latency', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([100], 0.95)).toBe(100);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile(Array.from({ length: 20 }, (_, i) => (i + 1) * 10), 0.95)).toBe(190);
  });

  it('counts calls, failures and latencies per bucket; a bucket without calls has none', () => {
    const buckets = [
      { key: 'a', from: 0, to: 100 },
      { key: 'b', from: 100, to: 200 },
      { key: 'c', from: 200, to: 300 },
    ];
    const rows = [
      { time: 5, latencyMs: 300, status: 'ok' as const },
      { time: 50, latencyMs: 100, status: 'ok' as const },
      { time: 99, latencyMs: 200, status: 'error' as const },
      { time: 100, latencyMs: null, status: 'blocked' as const },
      { time: 150, latencyMs: 900, status: 'incomplete' as const },
      { time: 300, latencyMs: 5, status: 'ok' as const },
    ];
    expect(latencyPoints(rows, buckets)).toEqual([
      { key: 'a', requests: 3, errors: 1, errorRate: 1 / 3, p50Ms: 200, p95Ms: 300 },
      { key: 'b', requests: 2, errors: 2, errorRate: 1, p50Ms: 900, p95Ms: 900 },
      { key: 'c', requests: 0, errors: 0, errorRate: null, p50Ms: null, p95Ms: null },
    ]);
  });
});
