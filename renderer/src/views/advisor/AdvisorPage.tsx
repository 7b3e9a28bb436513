import { useEffect } from 'react';
import { formatUsd } from '../../../../shared/format.js';
import { useAdvisor } from '../../state/advisor';
import { FindingCard } from './FindingCard';
import { GuardCard } from './GuardCard';

/** The savings advisor: what to change, each with its calls, its formula and a monthly figure. */
export function AdvisorPage() {
  const { report, error, showDismissed } = useAdvisor();
  useEffect(() => {
    void useAdvisor.getState().load();
  }, []);

  return (
    <div className="page" data-now={report?.now}>
      <header className="page-head">
        <h1>Savings</h1>
        <span className="muted">What to change, from your own calls of the last 30 days</span>
        <label className="page-head-action small">
          <input type="checkbox" checked={showDismissed} onChange={(e) => void useAdvisor.getState().setShowDismissed(e.target.checked)} data-testid="show-dismissed" /> Show
          dismissed
        </label>
      </header>
      {error && <p className="notice notice-error">{error}</p>}
      <GuardCard />
      {!report ? (
        !error && <p className="muted">Loading…</p>
      ) : report.findings.length === 0 ? (
        <section className="empty-state" data-testid="advisor-empty">
          <h2>Nothing to change</h2>
          <p>
            No waste worth {formatUsd(1e9)} a month in the calls of the last 30 days: prompts are cached where they repeat, nothing that waits runs at full or fast
            price, and small jobs are on small models.{report.dismissed > 0 ? ` (${report.dismissed} dismissed.)` : ''}
          </p>
        </section>
      ) : (
        <>
          <p className="advisor-total" data-testid="advisor-total">
            <span className="muted">About</span> <span className="num strong">{formatUsd(report.totalMonthlyNano)}</span> <span className="muted">a month to save</span>
            {report.dismissed > 0 && <span className="muted small"> · {report.dismissed} dismissed</span>}
          </p>
          {report.findings.map((f) => (
            <FindingCard key={f.id} finding={f} />
          ))}
        </>
      )}
    </div>
  );
}
