import { useEffect } from 'react';
import type { CallBodies, CostBreakdown } from '../../../../shared/api/contract.js';
import { isEstimatedUsage } from '../../../../shared/estimated-usage.js';
import { formatTokens, usdColumn } from '../../../../shared/format.js';
import type { TokenCounts, UsageRecord } from '../../../../shared/usage.js';
import { Cost } from '../../components/Cost';
import { formatMs, formatTime } from '../../lib/dates';
import { useUsage } from '../../state/usage';
import { BillingBadge, StatusBadge } from './labels';

const KINDS: readonly { label: string; tokens: keyof TokenCounts; cost: keyof CostBreakdown; unit?: string }[] = [
  { label: 'Input (uncached)', tokens: 'inputTokens', cost: 'inputNano' },
  { label: 'Cache write 5m', tokens: 'cacheWrite5mTokens', cost: 'cacheWrite5mNano' },
  { label: 'Cache write 1h', tokens: 'cacheWrite1hTokens', cost: 'cacheWrite1hNano' },
  { label: 'Cache read', tokens: 'cacheReadTokens', cost: 'cacheReadNano' },
  { label: 'Output', tokens: 'outputTokens', cost: 'outputNano' },
  { label: 'Reasoning', tokens: 'reasoningTokens', cost: 'reasoningNano' },
  { label: 'Web search', tokens: 'webSearchRequests', cost: 'webSearchNano', unit: 'requests' },
];

export function RequestDetail({ tz }: { tz: string | undefined }) {
  const { selectedId, detail, detailError, select } = useUsage();
  useEffect(() => {
    if (selectedId === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedId, select]);
  if (selectedId === null) return null;
  return (
    <aside className="detail" data-testid="request-detail" aria-label="Call detail">
      <header className="detail-head">
        <h2>Call #{selectedId}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void select(null)} aria-label="Close detail">
          ✕
        </button>
      </header>
      {detailError ? (
        <p className="notice notice-error">{detailError}</p>
      ) : !detail ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <DetailBody record={detail.record} breakdown={detail.breakdown} tz={tz} />
          {detail.bodies && <StoredBodies bodies={detail.bodies} />}
        </>
      )}
    </aside>
  );
}

function DetailBody({ record: r, breakdown: b, tz }: { record: UsageRecord; breakdown: CostBreakdown; tz: string | undefined }) {
  const estimated = isEstimatedUsage(r);
  const cost = usdColumn([...KINDS.map((k) => b[k.cost] as number), r.costNano]);
  return (
    <>
      <div className="detail-title">
        <div className="mono">{r.model}</div>
        <div className="muted small">
          {r.provider} · {formatTime(r.time, tz)}
        </div>
      </div>

      <table className="table table-compact breakdown" data-testid="cost-breakdown">
        <thead>
          <tr>
            <th>Kind</th>
            <th className="right">Tokens</th>
            <th className="right">Cost</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((k) => {
            const count = r[k.tokens];
            const kindCost = b[k.cost] as number;
            return (
              <tr key={k.label} className={count === 0 && kindCost === 0 ? 'dim' : undefined}>
                <td>{k.label}</td>
                <td className="right num">
                  {formatTokens(count)}
                  {k.unit ? ` ${k.unit}` : ''}
                </td>
                <td className="right num">{cost(kindCost)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td />
            <td className="right" data-testid="detail-total">
              <Cost nano={r.costNano} priced={r.priced} format={cost} />
            </td>
          </tr>
        </tfoot>
      </table>

      {!r.priced && (
        <p className="notice notice-warn small">
          No price is known for this model: it is counted at the highest rate its provider charges. Add a price override
          in Settings to price it exactly.
        </p>
      )}
      {r.costSource === 'provider' && <p className="muted small">The total is the cost reported by the provider; the split follows the price data.</p>}

      <dl className="facts">
        <dt>Billing</dt>
        <dd>
          <BillingBadge billing={r.billing} />
          {b.batch && r.billing !== 'batch' && ' · batch rate'}
          {b.longContext && ' · long-context rate'}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={r.status} />
          {r.httpStatus !== null && <span className="muted"> HTTP {r.httpStatus}</span>}
        </dd>
        {estimated && (
          <>
            <dt>Usage</dt>
            <dd data-testid="usage-estimated">
              <span className="badge badge-warn">estimated</span> the call was cut before the provider reported all of its usage;
              what it did not report is estimated from what was delivered, erring high (see below)
            </dd>
          </>
        )}
        {r.errorMessage && (
          <>
            <dt>{r.status === 'incomplete' ? 'Why' : 'Error'}</dt>
            <dd className="wrap">{r.errorMessage}</dd>
          </>
        )}
        {servedAs(r).length > 0 && (
          <>
            <dt>Served as</dt>
            <dd data-testid="detail-served">{servedAs(r).join(' · ')}</dd>
          </>
        )}
        {(r.webFetchRequests ?? 0) > 0 && (
          <>
            <dt>Web fetches</dt>
            <dd className="num">{formatTokens(r.webFetchRequests ?? 0)} <span className="muted">(no fee beyond tokens)</span></dd>
          </>
        )}
        {(b.adjustments ?? []).length > 0 && (
          <>
            <dt>Price rules</dt>
            <dd className="wrap small" data-testid="detail-price-rules">
              {(b.adjustments ?? []).map((note) => (
                <div key={note}>{note}</div>
              ))}
            </dd>
          </>
        )}
        <dt>Tag</dt>
        <dd>{r.tag ?? '—'}</dd>
        {(r.project || r.sessionId) && (
          <>
            <dt>Project</dt>
            <dd className="wrap" data-testid="detail-project">
              {r.projectName ?? '—'} {r.project && <span className="muted small mono">{r.project}</span>}
            </dd>
            <dt>Session</dt>
            <dd className="mono small wrap">{r.sessionId ?? '—'}</dd>
          </>
        )}
        <dt>Source</dt>
        <dd>
          {r.source}
          {r.stream ? ' · streamed' : ''}
        </dd>
        <dt>Latency</dt>
        <dd className="num">
          {formatMs(r.latencyMs)}
          {r.ttftMs !== null && <span className="muted"> · first token {formatMs(r.ttftMs)}</span>}
        </dd>
        {r.endpoint && (
          <>
            <dt>Endpoint</dt>
            <dd className="mono">{r.endpoint}</dd>
          </>
        )}
        {r.requestId && (
          <>
            <dt>Request id</dt>
            <dd className="mono wrap">{r.requestId}</dd>
          </>
        )}
        <dt>Priced as</dt>
        <dd className="mono wrap">{b.matchedModel ?? 'unpriced'}</dd>
        <dt>Cost from</dt>
        <dd>
          {COST_SOURCE[r.costSource]} · <span className="muted">{r.priceVersion}</span>
        </dd>
      </dl>
    </>
  );
}

/** The bodies kept for a tag listed in Settings → Stored bodies: folded, they can be long. */
function StoredBodies({ bodies }: { bodies: CallBodies }) {
  const part = (label: string, text: string, truncated: boolean, testId: string) => (
    <details className="stored-body" data-testid={testId}>
      <summary>
        {label}
        {truncated && <span className="muted small"> (first 64 KB)</span>}
      </summary>
      <pre className="mono small wrap">{text}</pre>
    </details>
  );
  return (
    <section aria-label="Stored bodies">
      <h3 className="small">Stored bodies</h3>
      {part('Request', bodies.request, bodies.requestTruncated, 'stored-request')}
      {part('Response', bodies.response, bodies.responseTruncated, 'stored-response')}
    </section>
  );
}

/** Service tier, speed mode, region and BYOK as the response reported them (they set the price). */
function servedAs(r: UsageRecord): string[] {
  const out: string[] = [];
  if (r.serviceTier) out.push(`tier ${r.serviceTier}`);
  if (r.speed) out.push(`${r.speed} speed`);
  if (r.inferenceGeo) out.push(`inference in ${r.inferenceGeo}`);
  if (r.byok) out.push('your own key (BYOK)');
  return out;
}

const COST_SOURCE: Record<UsageRecord['costSource'], string> = {
  computed: 'price data',
  provider: 'provider report',
  override: 'your price override',
  fallback: 'conservative estimate',
};
