import { useEffect, useState } from 'react';
import type { Day } from '../../../../shared/api/contract.js';
import { formatUsd, usdColumn } from '../../../../shared/format.js';
import { providerLabel } from '../../state/provider-catalog';
import { formatDay, formatTime } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useReconciliation } from '../../state/reconciliation';

const SHOWN = 10;

/**
 * Per provider and UTC day: what the provider's own report says beside what the proxy logged. The
 * difference is spend the proxy did not see, and it counts toward the budget.
 */
export function ReconciliationCard({ start, end, tz }: { start: Day; end: Day; tz: string }) {
  const { rows, error } = useReconciliation();
  const [all, setAll] = useState(false);
  useEffect(() => {
    void useReconciliation.getState().load({ since: start, until: end });
  }, [start, end]);

  if (!rows) return error ? <p className="notice notice-error">{error}</p> : null;
  const reported = rows.filter((r) => r.reportedCostNano !== null);
  if (reported.length === 0) {
    return (
      <p className="muted small reconcile-hint" data-testid="reconciliation-empty">
        No provider reports this period. With an Admin key (Anthropic, OpenAI) in <a href={`${pageHref('settings')}/providers`}>Settings → Providers</a>, spend the proxy never saw
        (other machines, CI, teammates) shows here and counts toward the budget.
      </p>
    );
  }
  // Providers without any report this period (no Admin key) would only repeat the proxy's figures.
  const reporting = new Set(reported.map((r) => r.provider));
  const sorted = rows.filter((r) => reporting.has(r.provider)).sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.provider.localeCompare(b.provider)));
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  const reportedCell = usdColumn(shown.map((r) => r.reportedCostNano ?? 0));
  const proxyCell = usdColumn(shown.map((r) => r.proxyCostNano));
  const unseenCell = usdColumn(shown.map((r) => r.unseenCostNano ?? 0), { signed: true });
  const byProvider = new Map<string, number>();
  for (const r of reported) byProvider.set(r.provider, (byProvider.get(r.provider) ?? 0) + (r.unseenCostNano ?? 0));

  return (
    <section className="card" data-testid="reconciliation">
      <div className="card-head">
        <h2>Provider reports against the proxy</h2>
        <div className="reconcile-totals small">
          {[...byProvider].map(([provider, unseen]) => (
            <span key={provider}>
              <span className="muted">{providerLabel(provider)} unseen</span>{' '}
              <span className={`num strong${unseen > 0 ? ' text-warn' : ''}`}>{formatUsd(unseen, { signed: true })}</span>
            </span>
          ))}
        </div>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Day (UTC)</th>
            <th>Provider</th>
            <th className="right">Reported</th>
            <th className="right">Through the proxy</th>
            <th className="right" title="Reported minus proxy: spend from elsewhere (other machines, CI, teammates). Negative while a day is still being reported.">
              Not seen by the proxy
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={`${r.day}/${r.provider}`} data-day={r.day} data-provider={r.provider}>
              <td className="num">
                <span>{formatDay(r.day)}</span>
                {r.reportedCostNano !== null && !r.complete && (
                  <span className="badge badge-info" title="The provider has not reported the whole day yet">
                    so far
                  </span>
                )}
              </td>
              <td className="muted">{providerLabel(r.provider)}</td>
              <td className="right num" title={r.fetchedAt ? `fetched ${formatTime(r.fetchedAt, tz)}` : undefined}>
                {r.reportedCostNano === null ? <span className="muted small">not reported</span> : reportedCell(r.reportedCostNano)}
              </td>
              <td className="right num">{proxyCell(r.proxyCostNano)}</td>
              <td className={`right num${r.unseenCostNano !== null && r.unseenCostNano > 0 ? ' text-warn' : ''}`} data-testid="unseen">
                {r.unseenCostNano === null ? <span className="dim-dash">—</span> : unseenCell(r.unseenCostNano)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN && (
        <div className="load-more">
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAll(!all)}>
            {all ? 'Show fewer days' : `Show all ${sorted.length} rows`}
          </button>
        </div>
      )}
    </section>
  );
}
