import { useState } from 'react';
import type { PlanVsActual, SavedPlan } from '../../../../shared/api/contract-budgets.js';
import { formatCountOf, formatUsd } from '../../../../shared/format.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { RowButton } from '../../components/RowButton';
import { formatPeriod } from '../../lib/dates';
import { useSavedPlans } from '../../state/saved-plans';
import { useScenario } from '../../state/scenario';

/** Saved plans against this period's actual spend: planned, spent so far, where it ends. */
export function SavedPlansCard() {
  const { plans, vsActual, error } = useSavedPlans();
  const editingId = useScenario((s) => s.planId);
  const [open, setOpen] = useState<number | null>(null);
  const [message, run] = useSaveAction();
  const period = plans && plans[0] ? vsActual[plans[0].id]?.period : undefined;

  const remove = (plan: SavedPlan) =>
    void run(async () => {
      const err = await useSavedPlans.getState().remove(plan.id);
      if (!err && editingId === plan.id) useScenario.setState({ planId: null });
      return err;
    }, 'Removed.');

  return (
    <section className="card" data-testid="saved-plans">
      <div className="card-head">
        <h2>Saved plans against actual spend</h2>
        {period && <span className="muted small">{formatPeriod(period.start, period.end)}</span>}
      </div>
      {error && <p className="notice notice-error">{error}</p>}
      {!plans ? (
        <p className="muted">Loading…</p>
      ) : plans.length === 0 ? (
        <p className="muted small">No saved plans. Save the workloads above to follow them against what you really spend.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Plan</th>
              <th className="right">Planned / mo</th>
              <th className="right">Spent so far</th>
              <th className="right">Projected</th>
              <th className="right">Against plan</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => {
              const v = vsActual[plan.id];
              return (
                <PlanRows key={plan.id} plan={plan} v={v} open={open === plan.id} editing={editingId === plan.id} onToggle={() => setOpen(open === plan.id ? null : plan.id)} onRemove={() => remove(plan)} />
              );
            })}
          </tbody>
        </table>
      )}
      <FormMessage message={message} />
    </section>
  );
}

function PlanRows({ plan, v, open, editing, onToggle, onRemove }: { plan: SavedPlan; v: PlanVsActual | undefined; open: boolean; editing: boolean; onToggle(): void; onRemove(): void }) {
  const delta = v ? v.projectedNano - v.plannedNano : null;
  return (
    <>
      <tr data-plan={plan.id}>
        <td>
          <button type="button" className="link-btn" onClick={onToggle} aria-expanded={open}>
            <span className={`chevron${open ? ' open' : ''}`} aria-hidden="true" />
            {plan.name}
          </button>
          <span className="muted small">
            {' '}
            · {formatCountOf(plan.rows.length, 'workload')}
          </span>
          {editing && <span className="badge badge-plan">editing</span>}
        </td>
        <td className="right num">{v ? formatUsd(v.plannedNano) : '…'}</td>
        <td className="right num">{v ? formatUsd(v.actualNano) : '…'}</td>
        <td className="right num">{v ? formatUsd(v.projectedNano) : '…'}</td>
        <td className={`right num${delta === null ? '' : delta > 0 ? ' text-danger' : ' text-ok'}`}>
          {delta === null ? '…' : `${formatUsd(delta, { signed: true })}`}
          {delta !== null && <span className="muted small block">{delta > 0 ? 'over plan' : 'under plan'}</span>}
        </td>
        <td className="right nowrap">
          <RowButton onClick={() => useScenario.getState().loadPlan({ id: plan.id, name: plan.name, rows: plan.rows })}>Open</RowButton>
          <ConfirmRemove onConfirm={onRemove} />
        </td>
      </tr>
      {open && v && (
        <tr className="plan-detail">
          <td colSpan={6}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Provider</th>
                  <th className="right">Planned / mo</th>
                  <th className="right">Spent so far</th>
                </tr>
              </thead>
              <tbody>
                {v.byModel.map((m) => (
                  <tr key={`${m.provider}/${m.model}`}>
                    <td className="mono">{m.model}</td>
                    <td className="muted">{m.provider}</td>
                    <td className="right num">{formatUsd(m.plannedNano)}</td>
                    <td className="right num">{formatUsd(m.actualNano)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}
