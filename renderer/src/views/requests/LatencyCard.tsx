import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { RequestStats } from '../../../../shared/api/contract-groups.js';
import { formatPeriod } from '../../lib/dates';
import { getClient } from '../../api/client';
import { reportError, track } from '../../state/connection';
import type { UsageFilters } from '../../state/usage';

const LIVE_EVERY_MS = 2000;

const LatencyChart = lazy(() => import('./LatencyChart').then((m) => ({ default: m.LatencyChart })));

/**
 * The calls the filters match, over time: latency and failures. Reloaded when the filters change
 * and when new calls arrive (`total` moves).
 */
export function LatencyCard({ filters, total }: { filters: UsageFilters; total: number }) {
  const [stats, setStats] = useState<RequestStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(filters);
  // New filters load at once; new calls at most every LIVE_EVERY_MS (a burst of calls must not
  // turn into a burst of reads of 30 days of rows while the table follows them).
  const [tick, setTick] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seenTotal = useRef(total);
  useEffect(() => {
    if (total === seenTotal.current || pending.current !== null) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setTick((t) => t + 1);
    }, LIVE_EVERY_MS);
    seenTotal.current = total;
  }, [total]);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
  useEffect(() => {
    let live = true;
    track(getClient().requestStats(filters))
      .then((s) => live && (setStats(s), setError(null)))
      .catch((err: unknown) => live && setError(reportError(err)));
    return () => {
      live = false;
    };
  }, [key, tick]);
  const failed = stats?.points.reduce((s, p) => s + p.errors, 0) ?? 0;
  return (
    <section className="card" data-testid="latency-card">
      <div className="card-head">
        <h2>Latency and failures over time</h2>
        <div className="legend small muted">
          <span className="swatch swatch-spend" /> median <span className="swatch swatch-linear" /> 95th percentile <span className="swatch swatch-danger" /> failed (share of calls)
        </div>
      </div>
      {stats && (
        <p className="small muted" data-testid="latency-range">
          {formatPeriod(stats.since, stats.until)}
          {filters.since ? '' : ' (the last 30 days; pick From to go further back)'} · {stats.bucket === 'hour' ? 'by hour' : 'by day'} · {failed} failed
        </p>
      )}
      {stats ? (
        <Suspense fallback={<div className="chart-placeholder" />}>
          <LatencyChart stats={stats} />
        </Suspense>
      ) : (
        <div className="chart-placeholder muted">{error ?? 'Loading…'}</div>
      )}
    </section>
  );
}
