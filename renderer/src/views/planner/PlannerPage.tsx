import { useEffect, useState } from 'react';
import type { Budget } from '../../../../shared/api/contract.js';
import { formatUsd } from '../../../../shared/format.js';
import { parseUsd } from '../../../../shared/money.js';
import { useBudgets } from '../../state/budgets';
import { useSettings } from '../../state/settings';

/** Budgets as they are today; pacing and forecasts arrive with the budgets work. */
export function PlannerPage() {
  const { budgets, error } = useBudgets();
  useEffect(() => {
    void useBudgets.getState().load();
    void useSettings.getState().load();
  }, []);
  const overall = budgets?.find((b) => b.scope === 'overall') ?? null;

  return (
    <div className="page">
      <header className="page-head">
        <h1>Planner</h1>
      </header>
      <p className="lede">
        Pacing, forecasts and per-provider and per-tag limits arrive with budgets. For now, set the overall monthly budget:
        the glance and the tray count down from it.
      </p>

      <section className="card">
        <div className="card-head">
          <h2>Monthly budget</h2>
        </div>
        <BudgetForm key={overall ? `${overall.monthlyNano}-${overall.resetDay}` : 'none'} current={overall} />
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Budgets</h2>
        </div>
        {error && <p className="notice notice-error">{error}</p>}
        {!budgets ? (
          <p className="muted">Loading…</p>
        ) : budgets.length === 0 ? (
          <p className="muted">No budgets yet.</p>
        ) : (
          <BudgetTable budgets={budgets} />
        )}
      </section>
    </div>
  );
}

function BudgetTable({ budgets }: { budgets: readonly Budget[] }) {
  return (
    <table className="table" data-testid="budget-table">
      <thead>
        <tr>
          <th>Scope</th>
          <th className="right">Per month</th>
          <th>Kind</th>
          <th>Resets on day</th>
          <th>Alerts</th>
          <th>Time zone</th>
        </tr>
      </thead>
      <tbody>
        {budgets.map((b) => (
          <tr key={`${b.scope}:${b.scopeValue ?? ''}`}>
            <td>{b.scope === 'overall' ? 'Everything' : `${b.scope}: ${b.scopeValue}`}</td>
            <td className="right num">{formatUsd(b.monthlyNano)}</td>
            <td>{b.hard ? <span className="badge badge-danger">hard cap</span> : <span className="muted">soft</span>}</td>
            <td className="num">{b.resetDay}</td>
            <td className="num">{b.alerts.length ? b.alerts.map((a) => `${a}%`).join(', ') : '—'}</td>
            <td className="muted">{b.tz}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function parseAlerts(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const values = parts.map((p) => Number(p.replace(/%$/, '')));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) throw new Error('Alerts are whole percentages, e.g. 50, 80, 100.');
  return [...new Set(values)].sort((a, b) => a - b);
}

function BudgetForm({ current }: { current: Budget | null }) {
  const save = useBudgets((s) => s.save);
  const timezone = useSettings((s) => s.settings?.timezone);
  const [amount, setAmount] = useState(current ? (current.monthlyNano / 1e9).toFixed(2) : '');
  const [hard, setHard] = useState(current?.hard ?? false);
  const [resetDay, setResetDay] = useState(String(current?.resetDay ?? 1));
  const [alerts, setAlerts] = useState(current ? current.alerts.join(', ') : '50, 80, 100');
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    let budget: Budget;
    try {
      const day = Number(resetDay);
      if (!Number.isInteger(day) || day < 1 || day > 28) throw new Error('The reset day is a day of the month from 1 to 28.');
      budget = {
        scope: 'overall',
        scopeValue: null,
        monthlyNano: parseUsd(amount),
        hard,
        resetDay: day,
        tz: current?.tz ?? timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        alerts: parseAlerts(alerts),
      };
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof RangeError ? 'Enter the budget in dollars, e.g. 200 or 150.50.' : (err as Error).message });
      return;
    }
    const error = await save(budget);
    setMessage(error ? { tone: 'error', text: error } : { tone: 'ok', text: 'Saved.' });
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="budget-form">
      <label className="field">
        <span className="field-label">Amount per month (USD)</span>
        <input name="amount" inputMode="decimal" placeholder="200" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field-label">Period starts on day</span>
        <input name="resetDay" type="number" min={1} max={28} value={resetDay} onChange={(e) => setResetDay(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Alert at (% of budget)</span>
        <input name="alerts" value={alerts} onChange={(e) => setAlerts(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={hard} onChange={(e) => setHard(e.target.checked)} />
        <span>
          Hard cap: the proxy refuses calls once the budget is spent
          <span className="muted small block">Off: you are warned, calls still go through.</span>
        </span>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {current ? 'Update budget' : 'Set budget'}
        </button>
        {message && <span className={message.tone === 'error' ? 'text-danger small' : 'text-ok small'}>{message.text}</span>}
      </div>
    </form>
  );
}
