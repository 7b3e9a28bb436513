import { useEffect, useState } from 'react';
import type { CatalogMonth } from '../../../../shared/api/contract-subscriptions.js';
import { formatCount, usdColumn } from '../../../../shared/format.js';
import { getClient } from '../../api/client';
import { reportError, track } from '../../state/connection';
import { providerLabel } from '../../state/provider-catalog';
import { savingClass } from './plan-words';

function monthName(month: string): string {
  const [y, m] = month.split('-');
  return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Every plan of the catalog against the usage a plan could cover, month by month, with nothing to
 * set up: the cheapest way to pay for it, each plan's price against it, and, apart, the API-key
 * calls that could move to a plan (no plan covers calls made with a key).
 */
export function CatalogCard({ refreshKey }: { refreshKey?: unknown }) {
  const [months, setMonths] = useState<CatalogMonth[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    track(getClient().catalogBreakEven({ months: 6 }))
      .then((m) => live && setMonths(m))
      .catch((err: unknown) => live && setError(reportError(err)));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  const lines = (months ?? []).flatMap((m) => m.providers.map((p) => ({ month: m, p }))).reverse();
  const covered = usdColumn(lines.map((l) => l.p.coveredNano));
  const cost = usdColumn(lines.map((l) => l.p.cheapest.costNano));
  const api = usdColumn(lines.map((l) => l.p.apiNano));
  return (
    <section className="card" data-testid="be-catalog">
      <div className="card-head">
        <h2>Every plan against your usage</h2>
        <span className="muted small">No setup: the whole catalog, month by month</span>
      </div>
      <p className="muted small">
        Plan usage is what a plan covers: imported Claude Code, Codex and Gemini CLI sessions and calls made with a plan’s login, priced at API rates. The cheapest way
        to pay for it assumes the plan’s limits allow the work. Calls made with an API key are never covered by a plan: they are shown apart, as usage that could move to one.
      </p>
      {error && <p className="notice notice-error">{error}</p>}
      {!months ? (
        !error && <p className="muted">Loading…</p>
      ) : lines.length === 0 ? (
        <p className="muted">No Anthropic or OpenAI usage in the last six months.</p>
      ) : (
        <table className="table catalog-table" data-testid="be-catalog-table">
          <thead>
            <tr>
              <th>Month</th>
              <th>Provider</th>
              <th className="right">Plan usage at API rates</th>
              <th>Cheapest for it</th>
              <th className="right" title="API-key calls: no plan covers them; they could move to a plan">
                Could move to a plan
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map(({ month, p }) => (
              <tr key={`${month.month}/${p.provider}`} data-month={month.month} data-provider={p.provider}>
                <td className="nowrap">
                  {monthName(month.month)}
                  {month.current && <span className="muted small block">so far</span>}
                </td>
                <td>{providerLabel(p.provider)}</td>
                <td className="right num">
                  <span data-testid="catalog-covered">{covered(p.coveredNano)}</span>
                  <span className="muted small block">{formatCount(p.coveredRequests)} calls</span>
                </td>
                <td data-testid="catalog-cheapest">
                  {p.coveredRequests === 0 ? (
                    <span className="muted">No plan usage: {p.apiRequests > 0 ? 'only API-key calls' : 'nothing to cover'}</span>
                  ) : (
                    <>
                      <span className="strong">{p.cheapest.name}</span> <span className="num">{cost(p.cheapest.costNano)}</span>
                      {p.cheapest.plan !== null && (
                        <span className={`small block num ${savingClass(p.coveredNano - p.cheapest.costNano)}`}>{cost(p.coveredNano - p.cheapest.costNano)} less than API rates</span>
                      )}
                    </>
                  )}
                  <span className="muted small block catalog-plans">
                    {p.plans.map((plan) => `${plan.name}${plan.perSeat && !/seat\)$/.test(plan.name) ? ' (a seat)' : ''} ${plan.savingNano >= 0 ? `saves ${cost(plan.savingNano)}` : `${cost(-plan.savingNano)} dearer`}`).join(' · ')}
                  </span>
                </td>
                <td className="right num">
                  <span data-testid="catalog-api">{p.apiRequests > 0 ? api(p.apiNano) : '—'}</span>
                  {p.apiRequests > 0 && <span className="muted small block">{formatCount(p.apiRequests)} API-key calls</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
