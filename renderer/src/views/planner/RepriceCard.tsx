import { useState } from 'react';
import type { RepriceResult } from '../../../../shared/api/contract-budgets.js';
import { formatCount, formatPercent, formatUsd } from '../../../../shared/format.js';
import { FormError, SubmitButton, useFormAction } from '../../components/FormAction';
import { ModelPicker } from '../../components/ModelPicker';
import { getClient } from '../../api/client';
import { formatPeriod } from '../../lib/dates';

/** "What would my last 30 days have cost on another model?", from the ledger's real token counts. */
export function RepriceCard() {
  const [days, setDays] = useState('30');
  const [target, setTarget] = useState({ provider: 'anthropic', model: 'claude-haiku-4-5' });
  const [includeSubscription, setIncludeSubscription] = useState(false);
  const [result, setResult] = useState<RepriceResult | null>(null);
  const { busy, error, setError, run } = useFormAction();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 366) {
      setError('Days: a whole number from 1 to 366.');
      return;
    }
    if (target.model.trim() === '') {
      setError('Name the model to re-price on.');
      return;
    }
    await run(async () => setResult(await getClient().repriceUsage({ days: n, provider: target.provider, model: target.model.trim(), includeSubscription })));
  };

  const change = result && result.actualNano > 0 ? (result.repricedNano - result.actualNano) / result.actualNano : null;
  return (
    <section className="card" data-testid="reprice-card">
      <div className="card-head">
        <h2>Re-price my usage on another model</h2>
      </div>
      <form className="form-row form-row-wrap reprice-form" onSubmit={(e) => void submit(e)}>
        <label className="field field-num">
          <span className="field-label">Last days</span>
          <input name="repriceDays" type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">On provider · model</span>
          <ModelPicker namePrefix="reprice-" provider={target.provider} model={target.model} onChange={setTarget} />
        </label>
        <label className="check check-inline">
          <input type="checkbox" checked={includeSubscription} onChange={(e) => setIncludeSubscription(e.target.checked)} />
          <span>Include subscription usage</span>
        </label>
        <SubmitButton busy={busy} label="Re-price" busyLabel="Re-pricing…" />
      </form>
      <FormError error={error} />
      {result && (
        <div className="reprice-result" data-testid="reprice-result">
          <div className="totals">
            <div>
              <span className="label">Actual</span>
              <span className="totals-figure num">{formatUsd(result.actualNano)}</span>
            </div>
            <div>
              <span className="label">On {result.target.matchedModel || result.target.model}</span>
              <span className="totals-figure num" data-testid="reprice-total">
                {formatUsd(result.repricedNano)}
              </span>
            </div>
            {change !== null && (
              <div>
                <span className="label">Difference</span>
                <span className={`totals-figure num ${change > 0 ? 'text-danger' : 'text-ok'}`}>
                  {formatUsd(result.repricedNano - result.actualNano, { signed: true })} <span className="small">({formatPercent(change, { signed: true })})</span>
                </span>
              </div>
            )}
            <div>
              <span className="label">Days</span>
              <span className="totals-figure">{formatPeriod(result.since, result.until)}</span>
            </div>
          </div>
          {result.rows.length > 0 ? (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>Model used</th>
                  <th>Provider</th>
                  <th className="right">Requests</th>
                  <th className="right">Actual</th>
                  <th className="right">Re-priced</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={`${r.provider}/${r.model}`}>
                    <td className="mono">{r.model}</td>
                    <td className="muted">{r.provider}</td>
                    <td className="right num">{formatCount(r.requests)}</td>
                    <td className="right num">{formatUsd(r.actualNano)}</td>
                    <td className={`right num ${r.repricedNano > r.actualNano ? 'text-danger' : 'text-ok'}`}>{formatUsd(r.repricedNano)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted small">No usage in those days.</p>
          )}
        </div>
      )}
    </section>
  );
}
