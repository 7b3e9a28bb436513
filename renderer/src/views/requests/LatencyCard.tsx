import { lazy, Suspense, useEffect, useState } from 'react';
import type { RequestStats } from '../../../../shared/api/contract-groups.js';
import { formatPeriod } from '../../lib/dates';
import { getClient } from '../../api/client';
import { reportError, track } from '../../state/connection';
import type { UsageFilters } from '../../state/usage';

const LatencyChart = lazy(() => import('./LatencyChart').then((m) => ({ default: m.LatencyChart })));

/**
 * The calls the filters match, over time: latency and failures. Reloaded when the filters change
 * and when new calls arrive (`total` moves).
 */
export function LatencyCard({ filters, total }: { filters: UsageFilters; total: number }) {
  const [stats, setStats] = useState<RequestStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(filters);
  useEffect(() => {
    let live = true;
    track(getClient().requestStats(filters))
      .then((s) => live && (setStats(s), setError(null)))
      .catch((err: unknown) => live && setError(reportError(err)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, total]);
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
