import type { WorkloadCost } from '../../../../shared/api/contract-budgets.js';
import { usdColumn } from '../../../../shared/format.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ModelPicker } from '../../components/ModelPicker';
import { useSavedPlans } from '../../state/saved-plans';
import { useScenario } from '../../state/scenario';
import { getClient } from '../../api/client';
import { useState } from 'react';
import { alignResults, MonthlyCost } from './scenario-cells';
import type { DraftField, DraftRow } from '../../lib/workload-draft';
import { errorMessage } from '../../../../shared/error-message.js';

const NUMBER_FIELDS: { field: DraftField; label: string; title: string; className: string }[] = [
  { field: 'requests', label: 'Req / mo', title: 'Requests a month (5000, 5k, 1.2M)', className: 'cell-count' },
  // Not "input": in tables input means uncached input (token-words.ts); a workload's prompt is all of it, Cached % read from the cache.
  { field: 'input', label: 'Prompt', title: 'Prompt tokens per request: every input token, cached or not (Cached % of them are cache reads)', className: 'cell-count' },
  { field: 'output', label: 'Output tok', title: 'Output tokens per request (reasoning included)', className: 'cell-count' },
  { field: 'cachedPct', label: 'Cached %', title: 'Share of the input read from the prompt cache', className: 'cell-pct' },
  { field: 'batchPct', label: 'Batch %', title: 'Share of the requests sent through the batch API (half price)', className: 'cell-pct' },
];

/** Workloads as rows; each row's monthly cost on its own model, and the total. */
export function ScenarioEditor() {
  const { rows, parsed, asEntered, pricing, error, planId, planName } = useScenario();
  const costs = alignResults(parsed, asEntered);
  const monthly = usdColumn([...costs.map((c) => c?.monthlyNano ?? 0), asEntered?.totalNano ?? 0]);
  const each = usdColumn(costs.map((c) => c?.perRequestNano ?? 0));
  const [message, run] = useSaveAction();

  const save = (asNew: boolean) =>
    void run(async () => {
      const valid = useScenario.getState().validRows();
      if (valid.length === 0) return 'Add at least one complete workload first.';
      if (parsed.some((p) => !p.ok)) return 'Some rows are incomplete: fix or remove them first.';
      const name = planName.trim() || `Plan ${new Date().toISOString().slice(0, 10)}`;
      const result = await useSavedPlans.getState().save({ ...(planId !== null && !asNew ? { id: planId } : {}), name, rows: valid });
      if ('error' in result) return result.error;
      useScenario.setState({ planId: result.id, planName: name });
      return null;
    }, 'Plan saved.');

  return (
    <section className="card" data-testid="scenario-card">
      <div className="card-head">
        <h2>Workloads</h2>
        <span className="muted small">{pricing ? 'Pricing…' : 'Per month, at list prices and your price overrides'}</span>
        <FromUsageButton />
      </div>
      {error && <p className="notice notice-error">{error}</p>}
      <div className="table-scroll">
        <table className="table table-compact scenario-table" data-testid="scenario-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Provider · model</th>
              {NUMBER_FIELDS.map((f) => (
                <th key={f.field} className="right" title={f.title}>
                  {f.label}
                </th>
              ))}
              <th className="right">Monthly</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <WorkloadLine key={row.id} row={row} index={i} cost={costs[i] ?? null} errors={parsed[i]?.ok === false ? parsed[i].errors : {}} monthly={monthly} each={each} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>
                <button type="button" className="btn btn-small" onClick={() => useScenario.getState().addRow()}>
                  + Add workload
                </button>
              </td>
              <td colSpan={NUMBER_FIELDS.length} className="right muted">
                Total a month
              </td>
              <td className="right num total-figure" data-testid="scenario-total">
                {asEntered && costs.some(Boolean) ? monthly(asEntered.totalNano) : <span className="dim-dash">—</span>}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="form-row save-plan">
        <label className="field field-grow">
          <span className="field-label">{planId !== null ? 'Saved plan' : 'Save these workloads as a plan'}</span>
          <input name="planName" placeholder="e.g. Q1 agents" value={planName} onChange={(e) => useScenario.getState().setPlanName(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => save(false)}>
            {planId !== null ? 'Save changes' : 'Save plan'}
          </button>
          {planId !== null && (
            <button type="button" className="btn" onClick={() => save(true)}>
              Save as new
            </button>
          )}
        </div>
      </div>
      <FormMessage message={message} />
    </section>
  );
}

interface LineProps {
  row: DraftRow;
  index: number;
  cost: WorkloadCost | null;
  errors: Partial<Record<DraftField, string>>;
  /** The monthly and per-request columns' formats (one money rule per column). */
  monthly: (nano: number) => string;
  each: (nano: number) => string;
}

function WorkloadLine({ row, index, cost, errors, monthly, each }: LineProps) {
  const set = (patch: Partial<Omit<DraftRow, 'id'>>) => useScenario.getState().setRow(row.id, patch);
  return (
    <tr data-row={index}>
      <td>
        <input className="cell-name" name="workloadName" aria-label="Workload name" placeholder={`Workload ${index + 1}`} value={row.name} onChange={(e) => set({ name: e.target.value })} />
        {/* A call's cost needs more decimals than a month's: under the name, not in the Monthly column, which keeps one format (issue 15.5). */}
        {cost && (
          <span className="muted small block num" data-testid="row-each">
            {each(cost.perRequestNano)} a call
          </span>
        )}
      </td>
      <td>
        <ModelPicker compact provider={row.provider} model={row.model} invalid={errors} onChange={(m) => set(m)} />
      </td>
      {NUMBER_FIELDS.map((f) => (
        <td key={f.field} className="right">
          <input
            className={`${f.className}${errors[f.field] ? ' invalid' : ''}`}
            name={f.field}
            aria-label={f.title}
            title={errors[f.field] ?? f.title}
            inputMode="decimal"
            value={row[f.field]}
            onChange={(e) => set({ [f.field]: e.target.value })}
          />
        </td>
      ))}
      <td className="right cell-monthly">
        <MonthlyCost cost={cost} testId="row-monthly" format={monthly} />
      </td>
      <td className="right">
        <button type="button" className="btn btn-ghost btn-small icon-btn" aria-label={`Remove workload ${index + 1}`} onClick={() => useScenario.getState().removeRow(row.id)}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** Replaces the rows with the last 30 days of real usage: a workload per model, its calls scaled to a month. */
function FromUsageButton() {
  const [message, setMessage] = useState<string | null>(null);
  const start = async () => {
    try {
      const rows = await getClient().scenarioFromUsage({ days: 30 });
      if (rows.length === 0) {
        setMessage('No calls in the last 30 days.');
        return;
      }
      useScenario.getState().loadPlan({ id: null, name: 'My last 30 days', rows });
      setMessage(null);
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };
  return (
    <span className="card-head-actions">
      {message && <span className="small muted">{message}</span>}
      <button type="button" className="btn btn-small" onClick={() => void start()} data-testid="scenario-from-usage">
        Start from my last 30 days
      </button>
    </span>
  );
}
