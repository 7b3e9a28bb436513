import { lazy, Suspense, useEffect, useState } from 'react';
import type { PacingSeries } from '../../../../shared/api/contract-budgets.js';
import { paceSentence, PROJECTION_WORDS } from '../../../../shared/pacing/pace-words.js';
import { getClient } from '../../api/client';
import { reportError, track } from '../../state/connection';
import { useSummary } from '../../state/summary';

// The planner's chart, drawn here for the overall budget (recharts loads with it).
const CumulativePacingChart = lazy(() => import('../planner/PacingCharts').then((m) => ({ default: m.CumulativePacingChart })));

/** The month so far, added up day by day, against the overall budget: the same figures as the planner's chart. */
export function MonthBudgetCard() {
  const summary = useSummary((s) => s.summary);
  const [series, setSeries] = useState<PacingSeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Follow the summary: a new call moves the line.
  const spent = summary?.spentNano;
  useEffect(() => {
    let live = true;
    track(getClient().pacingSeries({ scope: 'overall', scopeValue: null }))
      .then((s) => live && setSeries(s))
      .catch((err: unknown) => live && setError(reportError(err)));
    return () => {
      live = false;
    };
  }, [spent]);
  const pacing = summary?.pacing;
  return (
    <section className="card" data-testid="month-budget">
      <div className="card-head">
        <h2>This month against the budget</h2>
        <div className="legend small muted" title={PROJECTION_WORDS.explain}>
          <span className="swatch swatch-spend" /> spent <span className="swatch swatch-ideal" /> the budget spread evenly <span className="swatch swatch-linear" /> {PROJECTION_WORDS.linear}{' '}
          <span className="swatch swatch-robust" /> {PROJECTION_WORDS.recent}
        </div>
      </div>
      {pacing && (
        <p className="small muted" data-testid="month-pace-words">
          {paceSentence(pacing)}
        </p>
      )}
      {series ? (
        <Suspense fallback={<div className="chart-placeholder" />}>
          <CumulativePacingChart series={series} />
        </Suspense>
      ) : (
        <div className="chart-placeholder muted">{error ?? 'Loading…'}</div>
      )}
    </section>
  );
}
