import { lazy, Suspense, useEffect } from 'react';
import { formatUsd, formatCount } from '../../../../shared/format.js';
import { CostTotal } from '../../components/Cost';
import { EmptyState } from '../../components/EmptyState';
import { Meter } from '../../components/Meter';
import { TodaySpend } from '../../components/TodaySpend';
import { UnpricedWarning } from '../../components/UnpricedWarning';
import { formatPeriod } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useOverview } from '../../state/overview';
import { useSummary } from '../../state/summary';
import { ModelTable } from './ModelTable';
import { ReconciliationCard } from './ReconciliationCard';

// recharts is most of the bundle; the glance (opened on every tray click) does not need it.
const DailySpendChart = lazy(() => import('./DailySpendChart').then((m) => ({ default: m.DailySpendChart })));

export function OverviewPage() {
  const { summary, ledgerEmpty, error } = useSummary();
  const overview = useOverview();
  const start = summary?.period.start;
  const end = summary?.period.end;

  useEffect(() => {
    if (start && end) void useOverview.getState().load({ start, end });
  }, [start, end]);

  if (!summary) return <PageShell>{error ? <p className="notice notice-error">{error}</p> : <p className="muted">Loading…</p>}</PageShell>;
  const s = summary;

  return (
    <PageShell period={formatPeriod(s.period.start, s.period.end)}>
      {ledgerEmpty ? (
        <EmptyState proxy={s.proxy} />
      ) : (
        <>
          <div className="stat-grid">
            <div className="card stat">
              <div className="label">Spent this month</div>
              <div className="stat-figure num" data-testid="month-spend">
                <CostTotal nano={s.spentNano} unpriced={s.unpricedThisPeriod} />
              </div>
              <div className="muted small">
                {s.period.daysLeft} of {s.period.daysTotal} days left
              </div>
            </div>
            <div className="card stat">
              <div className="label">Budget</div>
              {s.budgetNano !== null && s.remainingNano !== null ? (
                <>
                  <div className={`stat-figure num${s.remainingNano < 0 ? ' text-danger' : ''}`} data-testid="month-remaining">
                    {formatUsd(s.remainingNano)}
                  </div>
                  <div className="muted small">
                    {s.remainingNano < 0 ? 'over' : 'left'} of <span className="num">{formatUsd(s.budgetNano)}</span>
                  </div>
                  <Meter value={s.spentNano} max={s.budgetNano} thin />
                </>
              ) : (
                <>
                  <div className="stat-figure muted">No budget</div>
                  <div className="small">
                    <a href={pageHref('planner')}>Set a monthly budget</a>
                  </div>
                </>
              )}
            </div>
            <TodaySpend summary={s} className="card stat" />
            <div className="card stat">
              <div className="label">Requests today</div>
              <div className="stat-figure num" data-testid="requests-today">
                {formatCount(s.requestsToday)}
              </div>
              <div className="muted small" title="API-equivalent cost of subscription usage this period; not spend">
                {s.subscriptionCostNano > 0 ? (
                  <>
                    <span className="num">{formatUsd(s.subscriptionCostNano)}</span> on plan this month
                  </>
                ) : (
                  'no subscription usage'
                )}
              </div>
            </div>
          </div>

          <UnpricedWarning count={s.unpricedThisPeriod} />

          <section className="card">
            <div className="card-head">
              <h2>Daily spend</h2>
              <div className="legend small muted">
                <span className="swatch swatch-spend" /> Spend
                {overview.series?.some((p) => p.subscriptionCostNano > 0) && (
                  <>
                    <span className="swatch swatch-plan" /> On plan (API rates)
                  </>
                )}
              </div>
            </div>
            {overview.series ? (
              <Suspense fallback={<div className="chart-placeholder" />}>
                <DailySpendChart points={overview.series} start={s.period.start} end={s.period.end} />
              </Suspense>
            ) : (
              <div className="chart-placeholder muted">{overview.error ?? 'Loading…'}</div>
            )}
          </section>

          <section className="card">
            <div className="card-head">
              <h2>By model this month</h2>
            </div>
            {overview.models ? (
              overview.models.length ? (
                <ModelTable rows={overview.models} />
              ) : (
                <p className="muted">No calls this month yet.</p>
              )
            ) : (
              <p className="muted">Loading…</p>
            )}
          </section>

          <ReconciliationCard start={s.period.start} end={s.period.end} tz={s.tz} />
        </>
      )}
    </PageShell>
  );
}

function PageShell({ period, children }: { period?: string; children: React.ReactNode }) {
  return (
    <div className="page">
      <header className="page-head">
        <h1>Overview</h1>
        {period && <span className="muted">{period}</span>}
      </header>
      {children}
    </div>
  );
}
