import { useEffect, useState } from 'react';
import type { ModelUsage } from '../../../../shared/api/contract.js';
import type { RepriceResult } from '../../../../shared/api/contract-budgets.js';
import { formatCount, formatPercent, formatUsd, usdColumn } from '../../../../shared/format.js';
import { addDays, dayOf, localTimeZone } from '../../../../shared/time/zoned.js';
import { FormError, SubmitButton, useFormAction } from '../../components/FormAction';
import { ModelPicker } from '../../components/ModelPicker';
import { getClient } from '../../api/client';
import { formatPeriod } from '../../lib/dates';

/** "What would my last 30 days have cost on another model?", from the ledger's real token counts. */
export function RepriceCard() {
  const [days, setDays] = useState('30');
  const [target, setTarget] = useState({ provider: 'anthropic', model: 'claude-haiku-4-5' });
  const [includeSubscription, setIncludeSubscription] = useState(false);
  // "provider/model" of the one model to re-price, or '' for every model.
  const [from, setFrom] = useState('');
  const [used, setUsed] = useState<ModelUsage[]>([]);
  const [result, setResult] = useState<RepriceResult | null>(null);
  // The models of those days, to pick "from" among (the core's zone decides the days; this list only offers names).
  useEffect(() => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 366) return;
    const today = dayOf(Date.now(), localTimeZone());
    let live = true;
    getClient()
      .usageByModel({ since: addDays(today, -n), until: today })
      .then((rows) => live && setUsed(rows))
      .catch(() => live && setUsed([]));
    return () => {
      live = false;
    };
  }, [days]);
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
    const [fromProvider, ...rest] = from.split('/');
    const fromModel = rest.join('/');
    await run(async () =>
      setResult(
        await getClient().repriceUsage({
          days: n,
          provider: target.provider,
          model: target.model.trim(),
          includeSubscription,
          ...(from ? { from: { provider: fromProvider!, model: fromModel } } : {}),
        }),
      ),
    );
  };

  const change = result && result.actualNano > 0 ? (result.repricedNano - result.actualNano) / result.actualNano : null;
  const actualCell = usdColumn(result?.rows.map((r) => r.actualNano) ?? []);
  const repricedCell = usdColumn(result?.rows.map((r) => r.repricedNano) ?? []);
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
          <span className="field-label">Calls of</span>
          <select name="repriceFrom" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">every model</option>
            {used.map((m) => (
              <option key={`${m.provider}/${m.model}`} value={`${m.provider}/${m.model}`}>
                {m.model} ({m.provider})
              </option>
            ))}
          </select>
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
              <span className="label">{result.from ? `Actual, ${result.from.model}` : 'Actual'}</span>
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
                    <td className="right num">{actualCell(r.actualNano)}</td>
                    {r.unchanged ? (
                      <td className="right muted small" data-testid="reprice-unchanged" title="Already on this model: kept at what it cost">
                        unchanged
                      </td>
                    ) : (
                      <td className={`right num ${r.repricedNano > r.actualNano ? 'text-danger' : r.repricedNano < r.actualNano ? 'text-ok' : ''}`}>{repricedCell(r.repricedNano)}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted small">No usage in those days.</p>
          )}
          {result.untouched && result.untouched.requests > 0 && (
            <p className="muted small" data-testid="reprice-untouched">
              The other {formatCount(result.untouched.requests)} calls of those days ({formatUsd(result.untouched.costNano)}) stay as they are and are not counted above.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
