import { formatUsd, formatCount } from '../../../../shared/format.js';
import { EmptyState } from '../../components/EmptyState';
import { ProxyStatusLine } from '../../components/ProxyStatusLine';
import { UnpricedWarning } from '../../components/UnpricedWarning';
import { Meter } from '../../components/Meter';
import { TodaySpend } from '../../components/TodaySpend';
import { CostTotal } from '../../components/Cost';
import { formatPeriod } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useSummary } from '../../state/summary';

/** The tray popover: what is left this month and how today is going, at a glance. */
export function GlanceView() {
  const { summary, ledgerEmpty, error } = useSummary();
  if (!summary) {
    return <main className="glance">{error ? <p className="notice notice-error">{error}</p> : <p className="muted">Loading…</p>}</main>;
  }
  const s = summary;
  const overBudget = s.remainingNano !== null && s.remainingNano < 0;

  return (
    <main className="glance">
      <header className="glance-head">
        <span className="brand-mark" aria-hidden="true" />
        <span className="glance-title">Tokentally</span>
        <span className="glance-period muted">
          {formatPeriod(s.period.start, s.period.end)} · {s.period.daysLeft} day{s.period.daysLeft === 1 ? '' : 's'} left
        </span>
      </header>

      {ledgerEmpty ? (
        <EmptyState proxy={s.proxy} compact />
      ) : (
        <>
          <section className="glance-hero" data-testid="glance-month">
            {s.budgetNano !== null && s.remainingNano !== null ? (
              <>
                <div className="label">{overBudget ? 'Over budget by' : 'Left this month'}</div>
                <div className={`hero-figure num${overBudget ? ' text-danger' : ''}`} data-testid="month-remaining">
                  {formatUsd(Math.abs(s.remainingNano))}
                </div>
                <Meter value={s.spentNano} max={s.budgetNano} />
                <div className="hero-sub muted">
                  <span data-testid="month-spend"><CostTotal nano={s.spentNano} unpriced={s.unpricedThisPeriod} /></span> spent of{' '}
                  <span className="num">{formatUsd(s.budgetNano)}</span>
                </div>
              </>
            ) : (
              <>
                <div className="label">Spent this month</div>
                <div className="hero-figure num" data-testid="month-spend">
                  <CostTotal nano={s.spentNano} unpriced={s.unpricedThisPeriod} />
                </div>
                <div className="hero-sub muted">
                  No monthly budget set · <a href={pageHref('planner')}>set one</a>
                </div>
              </>
            )}
          </section>

          <section className="glance-today">
            <TodaySpend summary={s} className="glance-stat" />
            <div className="glance-stat">
              <div className="label">Requests today</div>
              <div className="stat-figure num" data-testid="requests-today">
                {formatCount(s.requestsToday)}
              </div>
              {s.subscriptionCostNano > 0 && (
                <div className="muted small" title="API-equivalent cost of subscription usage this period; not spend">
                  + <span className="num">{formatUsd(s.subscriptionCostNano)}</span> on plan
                </div>
              )}
            </div>
          </section>

          <section className="glance-models">
            <div className="label">Top models today</div>
            {s.topModelsToday.length === 0 ? (
              <p className="muted small">No calls yet today.</p>
            ) : (
              <ul className="model-list" data-testid="top-models">
                {s.topModelsToday.map((m) => (
                  <li key={`${m.provider}/${m.model}`}>
                    <span className="model-name" title={`${m.provider} · ${m.model}`}>
                      {m.model}
                    </span>
                    <span className="muted num small">{formatCount(m.requests)}×</span>
                    <span className="num">{formatUsd(m.costNano)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <UnpricedWarning count={s.unpricedThisPeriod} compact />
        </>
      )}

      <footer className="glance-foot">
        <ProxyStatusLine proxy={s.proxy} />
        {/* A new window: Electron's window-open handler shows the main window at this route; a
            browser opens a tab, and rel="opener" lets it inherit the session's access token. */}
        <a className="glance-open" href={pageHref('overview')} target="_blank" rel="opener" data-testid="open-dashboard">
          Open dashboard →
        </a>
      </footer>
    </main>
  );
}
