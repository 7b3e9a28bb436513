import type { PlanWindowValue } from '../../../../shared/api/contract-windows.js';
import { formatCountOf, formatPercent, formatUsd } from '../../../../shared/format.js';

/**
 * What a full plan window was worth at API prices this period, per window seen ("a full weekly
 * window is worth about $X of API calls to me"), or that too little was seen to say.
 */
export function WindowValues({ values }: { values: readonly PlanWindowValue[] | undefined }) {
  if (!values || values.length === 0) return null;
  const accounts = new Set(values.map((v) => v.account)).size;
  return (
    <div className="plan-window-values small" data-testid="be-window-values">
      <div className="label">A full window at API prices</div>
      <ul>
        {values.map((v) => (
          <li key={`${v.account}/${v.window}`} data-testid="be-window-value" data-window={v.window}>
            <span>
              {accounts > 1 ? `${v.accountLabel} ` : ''}
              {v.label}
            </span>{' '}
            {v.enough && v.fullWindowNano !== null ? (
              <>
                <span className="num strong">≈ {formatUsd(v.fullWindowNano)}</span>{' '}
                <span className="muted">
                  ({formatUsd(v.costNano)} of calls filled {formatPercent(v.observedUsed, { decimals: 0 })} of a window
                  {v.cycles > 1 ? `, over ${formatCountOf(v.cycles, 'window')}` : ''})
                </span>
              </>
            ) : (
              <span className="muted">too little seen to estimate yet ({formatPercent(v.observedUsed, { decimals: 0 })} of a window logged)</span>
            )}
          </li>
        ))}
      </ul>
      <div className="muted">Only calls logged here count: use elsewhere (claude.ai, another machine) fills the windows too, so these figures read low.</div>
    </div>
  );
}
