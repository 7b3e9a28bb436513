import { formatPercent, usdColumn } from '../../../../shared/format.js';
import { ModelPicker } from '../../components/ModelPicker';
import { MAX_COMPARE, useScenario } from '../../state/scenario';
import { alignResults, MonthlyCost } from './scenario-cells';

/** The same workloads side by side: as entered, and each on one other model. */
export function CompareCard() {
  const { rows, parsed, compare, asEntered, onCompare } = useScenario();
  const columns = [alignResults(parsed, asEntered), ...compare.map((_, c) => alignResults(parsed, onCompare[c] ?? null))];
  const totals = [asEntered, ...compare.map((_, c) => onCompare[c] ?? null)].map((r) => (r && r.rows.length > 0 ? r.totalNano : null));
  const known = totals.filter((t): t is number => t !== null);
  const cheapest = known.length > 1 ? Math.min(...known) : null;
  const base = totals[0] ?? null;
  // One money rule per column: its workloads and its total.
  const formats = columns.map((col, c) => usdColumn([...col.map((w) => w?.monthlyNano ?? 0), totals[c] ?? 0]));

  return (
    <section className="card" data-testid="compare-card">
      <div className="card-head">
        <h2>Side by side</h2>
        <span className="muted small">Every workload moved to one model, same tokens, cache and batch shares</span>
      </div>
      <div className="table-scroll">
        <table className="table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th>Workload</th>
              <th className="right">As entered</th>
              {compare.map((m, c) => (
                <th key={c} className="right compare-head">
                  <span className="compare-pick">
                    <ModelPicker compact namePrefix={`compare${c}-`} provider={m.provider} model={m.model} onChange={(next) => useScenario.getState().setCompare(c, next)} />
                    <button type="button" className="btn btn-ghost btn-small icon-btn" aria-label={`Stop comparing ${m.model}`} onClick={() => useScenario.getState().setCompare(c, null)}>
                      ×
                    </button>
                  </span>
                </th>
              ))}
              {compare.length < MAX_COMPARE && (
                <th className="right">
                  <button type="button" className="btn btn-small" onClick={() => useScenario.getState().addCompare({ provider: 'anthropic', model: 'claude-haiku-4-5' })}>
                    + Model
                  </button>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} data-row={i}>
                <td>
                  {parsed[i]?.ok ? parsed[i].row.name : <span className="muted">{row.name || `Workload ${i + 1}`} (incomplete)</span>}
                  {parsed[i]?.ok && <span className="muted small block mono">{parsed[i].row.model}</span>}
                </td>
                {columns.map((col, c) => (
                  <td key={c} className="right" data-col={c}>
                    <MonthlyCost cost={col[i] ?? null} testId="compare-cell" format={formats[c]} />
                  </td>
                ))}
                {compare.length < MAX_COMPARE && <td />}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>Total a month</td>
              {totals.map((t, c) => (
                <td key={c} className={`right num${t !== null && t === cheapest ? ' text-ok' : ''}`} data-col={c} data-testid="compare-total">
                  {t === null ? <span className="dim-dash">—</span> : formats[c]!(t)}
                  {c > 0 && t !== null && base !== null && base > 0 && (
                    <span className={`small block ${t > base ? 'text-danger' : 'text-ok'}`}>{formatPercent((t - base) / base, { signed: true })}</span>
                  )}
                </td>
              ))}
              {compare.length < MAX_COMPARE && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
