import { overBudgetText } from '../../../../shared/budget/budget-label-text.js';
import type { BudgetStatus } from '../../../../shared/api/contract-budgets.js';
import { formatUsd } from '../../../../shared/format.js';
import { PROJECTION_WORDS } from '../../../../shared/pacing/pace-words.js';
import { Meter } from '../../components/Meter';
import { PaceBadge } from '../../components/PaceBadge';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { RowButton } from '../../components/RowButton';
import { formatDay } from '../../lib/dates';
import { budgetKeyId } from '../../state/pacing';
import { ScopeLabel } from './ScopeLabel';

interface Props {
  statuses: readonly BudgetStatus[];
  selected: string | null;
  onSelect(id: string): void;
  onEdit(status: BudgetStatus): void;
  onRemove(status: BudgetStatus): void;
}

/** Every budget in its current period: spent, left, pace, today, where it ends. A row picks the charts. */
export function BudgetStatusTable({ statuses, selected, onSelect, onEdit, onRemove }: Props) {
  return (
    <table className="table table-hover budget-status-table" data-testid="budget-table">
      <thead>
        <tr>
          <th>Budget</th>
          <th>Spent</th>
          <th className="right">Left</th>
          <th>Pace</th>
          <th className="right">Today</th>
          <th className="right" title={PROJECTION_WORDS.explain}>
            Projected
          </th>
          <th>Runs out</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {statuses.map((s) => {
          const id = budgetKeyId(s.budget);
          const p = s.pacing;
          const over = p.remainingNano < 0;
          return (
            <tr
              key={id}
              data-budget={id}
              className={id === selected ? 'selected' : undefined}
              onClick={() => onSelect(id)}
              onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && onSelect(id)}
              tabIndex={0}
              aria-selected={id === selected}
              title="Show this budget's charts"
            >
              <td>
                <ScopeLabel budget={s.budget} />
                <div className="status-badges">
                  {s.budget.hard && <span className={`badge ${s.capReached ? 'badge-danger' : 'badge-info'}`}>{s.capReached ? 'refusing calls' : 'hard cap'}</span>}
                  {!s.capReached && overBudgetText(p.spentNano, p.budgetNano) !== null && <span className="badge badge-warn">{overBudgetText(p.spentNano, p.budgetNano)}</span>}
                  {s.thresholdReached !== null && !s.capReached && overBudgetText(p.spentNano, p.budgetNano) === null && <span className="badge badge-warn">{s.thresholdReached}% alert</span>}
                </div>
              </td>
              <td className="cell-spent">
                <div className="num">
                  {formatUsd(p.spentNano)} <span className="muted">of {formatUsd(p.budgetNano)}</span>
                </div>
                <Meter value={p.spentNano} max={p.budgetNano} mark={p.idealNano} thin />
              </td>
              <td className={`right num${over ? ' text-danger' : ''}`} data-testid="status-left">
                {over ? `-${formatUsd(-p.remainingNano)}` : formatUsd(p.remainingNano)}
              </td>
              <td>
                <PaceBadge pacing={p} />
              </td>
              <td className="right num">
                <span className={p.todaySpentNano > p.todayAllowanceNano ? 'text-danger' : undefined}>{formatUsd(p.todaySpentNano)}</span>
                <span className="muted small block">of {formatUsd(p.todayAllowanceNano)}</span>
              </td>
              <td className="right num">
                <span className={p.projectedLinearNano > p.budgetNano ? 'text-danger' : undefined}>{formatUsd(p.projectedLinearNano)}</span>
                <span className="muted small block" title={PROJECTION_WORDS.explain}>
                  {formatUsd(p.projectedRobustNano)} {PROJECTION_WORDS.recent}
                </span>
              </td>
              {/* When it runs out, and under it when the period starts again: one column, so the table fits a 900 px window. */}
              <td className="num">
                {p.runsOutOn ? <span className={p.spentNano >= p.budgetNano ? 'text-danger' : 'text-warn'}>{formatDay(p.runsOutOn)}</span> : <span className="dim-dash">—</span>}
                <span className="muted small block nowrap">resets {formatDay(s.period.next)}</span>
              </td>
              <td className="right" onClick={(e) => e.stopPropagation()}>
                <div className="row-actions">
                  <RowButton onClick={() => onEdit(s)}>Edit</RowButton>
                  <ConfirmRemove onConfirm={() => onRemove(s)} label={`Remove ${id} budget`} question={s.budget.hard ? 'Remove this hard cap?' : 'Remove?'} />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
