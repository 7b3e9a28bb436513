import { lazy, Suspense, useEffect, useState } from 'react';
import type { BreakEvenReport } from '../../../../shared/api/contract-subscriptions.js';
import { formatUsd } from '../../../../shared/format.js';
import { pageHref } from '../../lib/route';
import { useBreakEven } from '../../state/breakeven';
import { useSettings } from '../../state/settings';
import { CurrentPlans } from './CurrentPlans';
import { HistoryTable } from './HistoryTable';
import { ImportStatusCard } from './ImportStatusCard';
import { PlanOptionsCard } from './PlanOptionsCard';
import { CatalogCard } from './CatalogCard';
import { savingClass } from './plan-words';
import { VolumeCard } from './VolumeCard';

const HistoryChart = lazy(() => import('./HistoryChart').then((m) => ({ default: m.HistoryChart })));

/** Subscriptions against API prices: this period, month by month, and whether a plan would beat API spend. */
export function BreakEvenPage() {
  const { current, history: fullHistory, catalog, importStatus, error } = useBreakEven();
  const tz = useSettings((s) => s.settings?.timezone);
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    void useBreakEven.getState().loadPage();
    void useSettings.getState().load();
  }, []);

  const plans = current?.plans ?? [];
  const history = fullHistory ? withoutEmptyStart(fullHistory) : null;
  const index = plans.some((p) => p.index === picked) ? picked : (plans[0]?.index ?? 0);

  return (
    // data-now: the instant the report is for (tests recompute it for the same instant).
    <div className="page" data-now={current?.now}>
      <header className="page-head">
        <h1>Break-even</h1>
        <span className="muted">Subscriptions against API prices</span>
        <a className="page-head-action small" href={`${pageHref('settings')}/subscriptions`}>
          Manage plans →
        </a>
      </header>
      {error && <p className="notice notice-error">{error}</p>}
      {!current ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <>
          {plans.length === 0 ? (
            <section className="empty-state" data-testid="be-no-plans">
              <h2>Which plans do you pay for?</h2>
              <p>
                Add your Claude or ChatGPT subscription in <a href={`${pageHref('settings')}/subscriptions`}>Settings → Subscriptions</a>: Tokentally then prices what
                you do on it (Claude Code transcripts, Codex and Gemini CLI sessions, Claude OAuth calls through the proxy) at API rates and tells you whether it pays for itself.
              </p>
            </section>
          ) : (
            <>
              {plans.length > 1 && (
                <div className="be-summary">
                  <span className="muted">All plans this period:</span> <span className="num">{formatUsd(current.totals.coveredNano)}</span>{' '}
                  <span className="muted">at API prices for</span> <span className="num">{formatUsd(current.totals.priceNano)}</span>{' '}
                  <span className={`num be-total ${savingClass(current.totals.savingNano, true)}`} data-testid="be-total-saving">
                    {formatUsd(current.totals.savingNano, { signed: true })}
                  </span>
                </div>
              )}
              <CurrentPlans report={current} />
              <section className="card">
                <div className="card-head">
                  <h2>Month by month</h2>
                  {plans.length > 1 && (
                    <nav className="segmented segmented-inline" aria-label="Plan">
                      {plans.map((p) => (
                        <button key={p.index} type="button" className={p.index === index ? 'active' : undefined} onClick={() => setPicked(p.index)}>
                          {p.name}
                        </button>
                      ))}
                    </nav>
                  )}
                </div>
                {history ? (
                  <>
                    <Suspense fallback={<div className="chart-placeholder chart-placeholder-short" />}>
                      <HistoryChart history={history} index={index} />
                    </Suspense>
                    <HistoryTable history={history} index={index} />
                    {history.length < fullHistory!.length && <p className="muted small table-note">Months before the first recorded usage are left out.</p>}
                  </>
                ) : (
                  <p className="muted">Loading…</p>
                )}
              </section>
            </>
          )}
          <CatalogCard refreshKey={current.now} />
          <PlanOptionsCard report={current} />
          {catalog && catalog.length > 0 && <VolumeCard catalog={catalog} />}
          {importStatus && <ImportStatusCard status={importStatus} tz={tz} />}
        </>
      )}
    </div>
  );
}

/** Months before the ledger holds any usage of any plan's provider say nothing: leave them out. */
function withoutEmptyStart(history: readonly BreakEvenReport[]): BreakEvenReport[] {
  const first = history.findIndex((r) => r.plans.some((p) => p.coveredRequests > 0 || p.apiSpendNano > 0));
  return first <= 0 ? [...history] : history.slice(first);
}
