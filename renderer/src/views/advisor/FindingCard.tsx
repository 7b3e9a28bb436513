import { useState } from 'react';
import type { SavingsFinding } from '../../../../shared/api/contract-advisor.js';
import type { UsageRecord } from '../../../../shared/usage.js';
import { formatCountOf, formatTokens, formatUsd } from '../../../../shared/format.js';
import { getClient } from '../../api/client';
import { formatTime } from '../../lib/dates';
import { useAdvisor } from '../../state/advisor';
import { useSummary } from '../../state/summary';

/** One finding: the saving, what to change, the evidence and formula, and the calls behind it on demand. */
export function FindingCard({ finding: f }: { finding: SavingsFinding }) {
  const tz = useSummary((s) => s.summary?.tz) ?? 'UTC';
  const [calls, setCalls] = useState<UsageRecord[] | null>(null);
  const showCalls = async () => {
    if (calls) return setCalls(null);
    const records = await Promise.all(f.evidence.callIds.map((id) => getClient().getUsage({ id })));
    setCalls(records.flatMap((r) => (r ? [r.record] : [])));
  };
  return (
    <section className={`card finding${f.dismissed ? ' finding-dismissed' : ''}`} data-testid="finding" data-kind={f.kind} data-id={f.id}>
      <div className="card-head">
        <h2>{f.title}</h2>
        <span className="num strong finding-saving" data-testid="finding-saving">
          {formatUsd(f.monthlyNano)}
          <span className="muted small"> / month</span>
        </span>
      </div>
      <p>{f.change}</p>
      <ul className="finding-facts small">
        {f.evidence.facts.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <p className="small muted finding-formula" data-testid="finding-formula">
        {f.formula}
      </p>
      <div className="finding-actions">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void showCalls()}>
          {calls ? 'Hide the calls' : `The calls (${formatCountOf(f.evidence.calls, 'call')}, ${formatTime(Date.parse(f.evidence.firstAt), tz)} – ${formatTime(Date.parse(f.evidence.lastAt), tz)})`}
        </button>
        {f.dismissed ? (
          <button type="button" className="btn btn-small" onClick={() => void useAdvisor.getState().restore(f.id)}>
            Restore
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => void useAdvisor.getState().dismiss(f.id)} data-testid="dismiss">
            Dismiss
          </button>
        )}
      </div>
      {calls && (
        <table className="table small" data-testid="finding-calls">
          <thead>
            <tr>
              <th>When</th>
              <th>Status</th>
              <th className="right">Input</th>
              <th className="right">Cache read</th>
              <th className="right">Output</th>
              <th className="right">Cost</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.id}>
                <td className="num">{formatTime(c.time, tz)}</td>
                <td className="muted">{c.status}</td>
                <td className="right num">{formatTokens(c.inputTokens + c.cacheWrite5mTokens + c.cacheWrite1hTokens)}</td>
                <td className="right num">{formatTokens(c.cacheReadTokens)}</td>
                <td className="right num">{formatTokens(c.outputTokens + c.reasoningTokens)}</td>
                <td className="right num">{formatUsd(c.costNano)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
