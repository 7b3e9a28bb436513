import { lazy, Suspense, useState } from 'react';
import { paceSentence, PROJECTION_WORDS } from '../../../../shared/pacing/pace-words.js';
import type { Budget } from '../../../../shared/api/contract.js';
import type { BudgetStatus } from '../../../../shared/api/contract-budgets.js';
import { formatUsd } from '../../../../shared/format.js';
import { useSaveAction } from '../../components/FormMessage';
import { formatPeriod } from '../../lib/dates';
import { useBudgets } from '../../state/budgets';
import { budgetKeyId, usePacing } from '../../state/pacing';
import { useSettings } from '../../state/settings';
import { AlertsCard } from './AlertsCard';
import { BudgetForm } from './BudgetForm';
import { BudgetStatusTable } from './BudgetStatusTable';
import { ScopeLabel } from './ScopeLabel';

// recharts stays out of the glance's bundle.
const DailyPacingChart = lazy(() => import('./PacingCharts').then((m) => ({ default: m.DailyPacingChart })));
const CumulativePacingChart = lazy(() => import('./PacingCharts').then((m) => ({ default: m.CumulativePacingChart })));

export function BudgetsTab() {
  const { statuses, selected, error } = usePacing();
  const settings = useSettings((s) => s.settings);
  const [editingId, setEditingId] = useState<string | null | undefined>(undefined);
  const [message, run] = useSaveAction();

  // Until the user picks, the form edits the overall budget when there is one.
  const overall = statuses?.find((s) => s.budget.scope === 'overall') ?? null;
  const editId = editingId === undefined ? (overall ? 'overall' : null) : editingId;
  const editing = statuses?.find((s) => budgetKeyId(s.budget) === editId)?.budget ?? null;
  const current = statuses?.find((s) => budgetKeyId(s.budget) === selected) ?? null;

  const remove = (s: BudgetStatus) =>
    void run(async () => {
      const err = await useBudgets.getState().remove({ scope: s.budget.scope, scopeValue: s.budget.scopeValue });
      if (!err) {
        if (budgetKeyId(s.budget) === editId) setEditingId(null);
        await usePacing.getState().load();
      }
      return err;
    }, 'Removed.');

  return (
    <>
      <section className="card">
        <div className="card-head">
          <h2>Budgets this period</h2>
          <span className="muted small">Subscription usage never counts as spend.</span>
        </div>
        {error && <p className="notice notice-error">{error}</p>}
        {!statuses ? (
          <p className="muted">Loading…</p>
        ) : statuses.length === 0 ? (
          <p className="muted">No budgets yet. Set one below: the glance and the tray count down from it.</p>
        ) : (
          <BudgetStatusTable
            statuses={statuses}
            selected={selected}
            onSelect={(id) => void usePacing.getState().select(id)}
            onEdit={(s) => setEditingId(budgetKeyId(s.budget))}
            onRemove={remove}
          />
        )}
      </section>

      {current && <PacingCard status={current} />}

      <div className="planner-columns">
        <section className="card">
          <div className="card-head">
            <h2>{editing ? 'Change budget' : 'New budget'}</h2>
            {editing && <ScopeLabel budget={editing} />}
          </div>
          <BudgetForm
            key={editId ?? 'new'}
            editing={editing}
            defaultTz={settings?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
            customProviders={settings?.customProviders.map((p) => p.name) ?? []}
            message={message}
            run={run}
            onSaved={(b: Budget) => setEditingId(budgetKeyId(b))}
            onNew={() => setEditingId(null)}
          />
        </section>
        <AlertsCard />
      </div>
    </>
  );
}

function PacingCard({ status }: { status: BudgetStatus }) {
  const series = usePacing((s) => s.series);
  const p = status.pacing;
  const ready = series && budgetKeyId(series.budget) === budgetKeyId(status.budget);
  return (
    <section className="card" data-testid="pacing-card">
      <div className="card-head">
        <h2>
          <ScopeLabel budget={status.budget} /> <span className="muted">· {formatPeriod(status.period.start, status.period.end)}</span>
        </h2>
        <div className="burn small muted" title="Burn rates: spend in the last 24 hours, and per day over the 7 whole days before today">
          <span>
            last 24 h <span className="num strong">{formatUsd(p.burn24hNano)}</span>
          </span>
          <span>
            {/* Whole days only: today, still running, is in "last 24 h". */}
            7 days before today <span className="num strong">{formatUsd(p.burn7dNano)}</span>/day
          </span>
          {p.median7dNano !== null && (
            <span>
              median <span className="num strong">{formatUsd(p.median7dNano)}</span>/day
            </span>
          )}
        </div>
      </div>
      <p className="small pace-sentence" data-testid="pace-words" title={PROJECTION_WORDS.explain}>
        {paceSentence(p)}
      </p>
      <div className="chart-pair">
        <ChartBlock title="Daily spend" legend={[['spend', 'spend'], ['allowance', 'allowance'], ['ideal', 'ideal']]}>
          {ready && <DailyPacingChart series={series} />}
        </ChartBlock>
        <ChartBlock title="Cumulative" legend={[['spend', 'spent'], ['ideal', 'ideal'], ['linear', "this period's pace"], ['robust', "recent days' pace"]]}>
          {ready && <CumulativePacingChart series={series} />}
        </ChartBlock>
      </div>
    </section>
  );
}

/** One chart with its title and legend; a placeholder of the same height until its data and code are in. */
function ChartBlock({ title, legend, children }: { title: string; legend: [swatch: string, label: string][]; children: React.ReactNode }) {
  return (
    <div>
      <div className="chart-title">
        <span>{title}</span>
        <span className="legend small muted">
          {legend.map(([swatch, label]) => (
            <span key={label} className="legend-item">
              <span className={`swatch swatch-${swatch}`} /> {label}
            </span>
          ))}
        </span>
      </div>
      {children ? <Suspense fallback={<div className="chart-placeholder" />}>{children}</Suspense> : <div className="chart-placeholder muted">Loading…</div>}
    </div>
  );
}
