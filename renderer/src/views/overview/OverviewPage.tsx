import { lazy, Suspense, useEffect } from 'react';
import type { Summary } from '../../../../shared/api/contract.js';
import { formatUsd, formatCount } from '../../../../shared/format.js';
import { rangeOf, RANGE_PRESETS } from '../../../../shared/report/date-range.js';
import { dayOf } from '../../../../shared/time/zoned.js';
import { CostTotal } from '../../components/Cost';
import { EmptyState } from '../../components/EmptyState';
import { Meter } from '../../components/Meter';
import { TodaySpend } from '../../components/TodaySpend';
import { UnpricedWarning } from '../../components/UnpricedWarning';
import { formatPeriod } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useOverview, type RangeRequest } from '../../state/overview';
import { useSummary } from '../../state/summary';
import { ModelTable } from './ModelTable';
import { ReconciliationCard } from './ReconciliationCard';
import { GroupTable } from './GroupTable';
import { GROUP_CHOICES } from './group-words';
import { MonthBudgetCard } from './MonthBudgetCard';
import { RangeBar } from './RangeBar';
import { DeviceCard } from './DeviceCard';

// recharts is most of the bundle; the glance (opened on every tray click) does not need it.
const DailySpendChart = lazy(() => import('./DailySpendChart').then((m) => ({ default: m.DailySpendChart })));
const GroupSeriesChart = lazy(() => import('./GroupSeriesChart').then((m) => ({ default: m.GroupSeriesChart })));

/** The days a preset asks for: this month is the budget's period, as the cards above show it; all time has no start (the core finds the first call). */
function requestOf(s: Summary, preset: ReturnType<typeof useOverview.getState>['preset'], custom: ReturnType<typeof useOverview.getState>['custom']): RangeRequest | null {
  if (preset === 'this-month') return { start: s.period.start, end: s.period.end };
  const today = dayOf(s.now, s.tz);
  if (preset === 'all-time') return { end: today };
  const range = rangeOf(preset, today, null, custom);
  return range && { start: range.since, end: range.until };
}

export function OverviewPage() {
  const { summary, ledgerEmpty, error } = useSummary();
  const overview = useOverview();
  const request = summary ? requestOf(summary, overview.preset, overview.custom) : null;
  const start = request?.start;
  const end = request?.end;
  const groupBy = overview.groupBy;
  const withPlan = groupBy === 'project';

  useEffect(() => {
    if (end) void useOverview.getState().load({ start, end });
  }, [start, end, groupBy]);

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

          <RangeBar
            preset={overview.preset}
            custom={overview.custom}
            groupBy={groupBy}
            onPreset={(preset) => overview.choose({ preset })}
            onCustom={(custom) => overview.choose({ custom })}
            onGroupBy={(g) => overview.choose({ groupBy: g })}
          />
          {request === null && <p className="notice notice-warn small">Pick the first and the last day of the period.</p>}

          {overview.preset === 'this-month' && s.budgetNano !== null && <MonthBudgetCard />}

          <section className="card">
            <div className="card-head">
              <h2>Daily spend</h2>
              <span className="muted small" data-testid="range-label">
                {overview.period ? formatPeriod(overview.period.start, overview.period.end) : ''}
              </span>
              <div className="legend small muted">
                <span className="swatch swatch-spend" /> Spend
                {overview.series?.some((p) => p.subscriptionCostNano > 0) && (
                  <>
                    <span className="swatch swatch-plan" /> On plan (API rates)
                  </>
                )}
              </div>
            </div>
            {overview.series && overview.period ? (
              <Suspense fallback={<div className="chart-placeholder" />}>
                <DailySpendChart points={overview.series} start={overview.period.start} end={overview.period.end} />
              </Suspense>
            ) : overview.groups && overview.groups.bucket === 'month' && overview.models ? (
              <p className="muted small">Too many days for a bar a day: the chart below shows the period month by month.</p>
            ) : (
              <div className="chart-placeholder muted">{overview.error ?? 'Loading…'}</div>
            )}
          </section>

          <DeviceCard start={s.period.start} end={s.period.end} version={s.spentNano + s.requestsToday} />

          <section className="card">
            <div className="card-head">
              <h2>{groupBy === 'project' ? 'Cost by project over time' : `Spend by ${groupWord(groupBy)} over time`}</h2>
              <span className="muted small">
                {overview.groups ? (overview.groups.bucket === 'day' ? 'a bar a day' : 'a bar a month') : ''}
                {groupBy === 'project' ? ', spend and plan usage at API rates' : ''}
              </span>
            </div>
            {overview.groups ? (
              overview.groups.groups.some((g) => g.spendNano > 0 || (withPlan && g.subscriptionNano > 0)) ? (
                <Suspense fallback={<div className="chart-placeholder" />}>
                  <GroupSeriesChart report={overview.groups} withPlan={withPlan} />
                </Suspense>
              ) : (
                <p className="muted">No spend in this period.</p>
              )
            ) : (
              <div className="chart-placeholder muted">{overview.error ?? 'Loading…'}</div>
            )}
          </section>

          <section className="card">
            <div className="card-head">
              <h2>By {groupWord(groupBy)}</h2>
              <span className="muted small">{RANGE_PRESETS.find((p) => p.id === overview.preset)?.label}</span>
            </div>
            {groupBy === 'model' ? (
              overview.models ? (
                overview.models.length ? (
                  <ModelTable rows={overview.models} />
                ) : (
                  <p className="muted">No calls in this period.</p>
                )
              ) : (
                <p className="muted">Loading…</p>
              )
            ) : overview.groups ? (
              overview.groups.groups.length ? (
                <GroupTable report={overview.groups} />
              ) : (
                <p className="muted">No calls in this period.</p>
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

function groupWord(groupBy: string): string {
  return (GROUP_CHOICES.find((c) => c.id === groupBy)?.label ?? groupBy).toLowerCase();
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
