import type { BreakEvenReport } from '../../../../shared/api/contract-subscriptions.js';
import { formatCountOf, formatUsd } from '../../../../shared/format.js';
import { Meter } from '../../components/Meter';
import { formatPeriod } from '../../lib/dates';
import { providerLabel } from '../../state/provider-catalog';
import { paidOffText, savingCaption, savingClass } from './plan-words';
import { WindowValues } from './WindowValues';

/** One card per plan: this period's usage at API prices against what the plan costs. */
export function CurrentPlans({ report }: { report: BreakEvenReport }) {
  return (
    <div className="plan-cards">
      {report.plans.map((p) => (
        <section key={p.index} className="card plan-card" data-plan-index={p.index}>
          <div className="plan-card-head">
            <div>
              <h2>{p.name}</h2>
              <div className="muted small">
                {formatPeriod(p.period.start, p.period.last)} · covers {providerLabel(p.provider)} usage
              </div>
            </div>
            <div className={`plan-card-saving num ${savingClass(p.savingNano, p.period.status === 'current')}`} data-testid="be-saving">
              {formatUsd(p.savingNano, { signed: true })}
              <span className="small block">{savingCaption(p)}</span>
            </div>
          </div>
          <Meter value={p.coveredNano} max={p.priceNano} />
          <div className="plan-card-facts small">
            <span>
              <span className="num strong" data-testid="be-covered">
                {formatUsd(p.coveredNano)}
              </span>{' '}
              at API prices of <span className="num" data-testid="be-price">{formatUsd(p.priceNano)}</span>
            </span>
            <span className="muted">{formatCountOf(p.coveredRequests, 'message')}</span>
          </div>
          <div className="small" data-testid="be-paid-off">
            {paidOffText(p)}
          </div>
          <WindowValues values={p.windowValues} />
          {(p.apiSpendNano > 0 || p.sharedWith.length > 0 || p.unpricedRequests > 0) && (
            <ul className="plan-card-notes muted small">
              {p.apiSpendNano > 0 && (
                <li>
                  Plus <span className="num">{formatUsd(p.apiSpendNano)}</span> of {providerLabel(p.provider)} API spend this period the plan could cover (within its limits).
                </li>
              )}
              {p.sharedWith.length > 0 && <li>Measured on the same usage as {p.sharedWith.join(', ')}.</li>}
              {p.unpricedRequests > 0 && <li>{formatCountOf(p.unpricedRequests, 'message')} without a known price, counted at a conservative estimate.</li>}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
