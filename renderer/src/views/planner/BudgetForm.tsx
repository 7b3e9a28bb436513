import { useEffect, useMemo, useState } from 'react';
import type { Budget, BudgetScope } from '../../../../shared/api/contract.js';
import { BUDGET_SCOPES, scopeDef } from '../../../../shared/budget/scope.js';
import { parseUsd } from '../../../../shared/money.js';
import { MisplacedCommaError } from '../../../../shared/thousands.js';
import { FormMessage, type Message } from '../../components/FormMessage';
import { ProviderOptions } from '../../components/ProviderOptions';
import { useBudgets } from '../../state/budgets';
import { keyRefName, useKeyRefs } from '../../state/key-refs';
import { usePacing } from '../../state/pacing';
import { useProviderCatalog } from '../../state/provider-catalog';
import { timeZones } from '../../lib/time-zones';
import { errorMessage } from '../../../../shared/error-message.js';

function parseAlerts(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const values = parts.map((p) => Number(p.replace(/%$/, '')));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) throw new Error('Alerts are whole percentages, e.g. 50, 75, 90.');
  return [...new Set(values)].sort((a, b) => a - b);
}

interface Props {
  /** The budget being edited; null: a new one. */
  editing: Budget | null;
  defaultTz: string;
  customProviders: readonly string[];
  /** The parent's save-action runner and its message (they outlive this form across a re-key). */
  message: Message;
  run(action: () => Promise<string | null>, okText?: string): Promise<boolean>;
  onSaved(budget: Budget): void;
  onNew(): void;
}

/** Set or change one budget: overall, per provider or per tag, with its reset day, zone, alerts and cap. */
export function BudgetForm({ editing, defaultTz, customProviders, message, run, onSaved, onNew }: Props) {
  const save = useBudgets((s) => s.save);
  const [scope, setScope] = useState<BudgetScope>(editing?.scope ?? 'overall');
  const [scopeValue, setScopeValue] = useState(editing?.scopeValue ?? '');
  const [amount, setAmount] = useState(editing ? (editing.monthlyNano / 1e9).toFixed(2) : '');
  const [hard, setHard] = useState(editing?.hard ?? false);
  const [resetDay, setResetDay] = useState(String(editing?.resetDay ?? 1));
  const [tz, setTz] = useState(editing?.tz ?? defaultTz);
  const [alerts, setAlerts] = useState(editing ? editing.alerts.join(', ') : '50, 75, 90');
  const zones = useMemo(timeZones, []);
  const catalog = useProviderCatalog((s) => s.providers);
  const providers = [...new Set([...catalog.map((p) => p.id), ...customProviders])];
  const keyRefs = useKeyRefs((s) => s.refs);
  useEffect(() => {
    if (scope === 'key') void useKeyRefs.getState().load();
  }, [scope]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    let budget: Budget;
    try {
      const day = Number(resetDay);
      if (!Number.isInteger(day) || day < 1 || day > 28) throw new Error('The reset day is a day of the month from 1 to 28.');
      const value = scopeValue.trim();
      if (scopeDef(scope).needsValue && value === '') throw new Error(scope === 'tag' ? 'Name the tag.' : `Pick the ${scopeDef(scope).noun === 'API key' ? 'API key' : 'provider'}.`);
      let monthlyNano: number;
      try {
        monthlyNano = parseUsd(amount);
      } catch (err) {
        // "49,99": use a dot for cents (49.99), never read as $4,999.
        throw err instanceof MisplacedCommaError ? err : new Error('Enter the budget in dollars, e.g. 200 or 150.50.');
      }
      budget = { scope, scopeValue: scopeDef(scope).needsValue ? value : null, monthlyNano, hard, resetDay: day, tz: tz.trim(), alerts: parseAlerts(alerts) };
    } catch (err) {
      void run(async () => errorMessage(err));
      return;
    }
    const ok = await run(() => save(budget), editing ? 'Updated.' : 'Budget set.');
    if (ok) {
      void usePacing.getState().load();
      onSaved(budget);
    }
  };

  return (
    <form className="form-grid budget-form" onSubmit={(e) => void submit(e)} data-testid="budget-form">
      <label className="field">
        <span className="field-label">Applies to</span>
        <select name="scope" value={scope} disabled={editing !== null} onChange={(e) => setScope(e.target.value as BudgetScope)}>
          {BUDGET_SCOPES.map((s) => (
            <option key={s.scope} value={s.scope}>
              {s.choice}
            </option>
          ))}
        </select>
      </label>
      {scope === 'provider' && (
        <label className="field">
          <span className="field-label">Provider</span>
          <select name="scopeValue" value={scopeValue} disabled={editing !== null} onChange={(e) => setScopeValue(e.target.value)}>
            <option value="">Choose…</option>
            <ProviderOptions providers={providers} />
          </select>
        </label>
      )}
      {scope === 'tag' && (
        <label className="field">
          <span className="field-label">Tag</span>
          <input name="scopeValue" value={scopeValue} disabled={editing !== null} placeholder="ci" spellCheck={false} onChange={(e) => setScopeValue(e.target.value)} />
        </label>
      )}
      {scope === 'key' && (
        <label className="field">
          <span className="field-label">API key</span>
          <select name="scopeValue" value={scopeValue} disabled={editing !== null} onChange={(e) => setScopeValue(e.target.value)}>
            <option value="">{keyRefs && keyRefs.length === 0 ? 'No keys seen yet' : 'Choose…'}</option>
            {(keyRefs ?? []).map((k) => (
              <option key={k.keyRef} value={k.keyRef}>
                {keyRefName(k)}
              </option>
            ))}
            {editing && scopeValue && !keyRefs?.some((k) => k.keyRef === scopeValue) && <option value={scopeValue}>{scopeValue}</option>}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field-label">Amount per month (USD)</span>
        <input name="amount" inputMode="decimal" placeholder="200" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field-label">Period starts on day</span>
        <input name="resetDay" type="number" min={1} max={28} value={resetDay} onChange={(e) => setResetDay(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Time zone</span>
        <input name="tz" list="tt-budget-zones" value={tz} onChange={(e) => setTz(e.target.value)} spellCheck={false} />
        <datalist id="tt-budget-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field-label">Alert at (% of budget)</span>
        <input name="alerts" value={alerts} onChange={(e) => setAlerts(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" name="hard" checked={hard} onChange={(e) => setHard(e.target.checked)} />
        <span>
          Hard cap: the proxy refuses API calls once this budget is spent
          <span className="muted small block">Off: you are warned, calls still go through. A cap can be lifted for an hour.</span>
        </span>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {editing ? 'Update budget' : 'Set budget'}
        </button>
        {editing && (
          <button type="button" className="btn btn-ghost" onClick={onNew}>
            New budget
          </button>
        )}
        <FormMessage message={message} />
      </div>
    </form>
  );
}
