import { formatTokens, usdColumn } from '../../../../shared/format.js';
import { TOKEN_WORDS } from '../../../../shared/report/token-words.js';
import type { UsageRecord } from '../../../../shared/usage.js';
import { Cost } from '../../components/Cost';
import { formatMs, formatTime } from '../../lib/dates';
import { BillingBadge, StatusBadge } from './labels';

export function RequestTable({
  records,
  tz,
  selectedId,
  onSelect,
}: {
  records: readonly UsageRecord[];
  tz: string | undefined;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const cost = usdColumn(records.map((r) => r.costNano));
  return (
    <table className="table table-hover requests-table" data-testid="requests-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Model</th>
          <th>Tag</th>
          <th title="How the call is paid for, and how it ended">Billing</th>
          <th className="right" title={TOKEN_WORDS.input}>
            Input
          </th>
          <th className="right" title={TOKEN_WORDS.cache}>
            Cache r / w
          </th>
          <th className="right" title={TOKEN_WORDS.output}>
            Output
          </th>
          <th className="right">Cost</th>
          <th className="right">Latency</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr
            key={r.id}
            data-id={r.id}
            className={r.id === selectedId ? 'selected' : undefined}
            onClick={() => onSelect(r.id)}
            tabIndex={0}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(r.id);
              }
            }}
            aria-selected={r.id === selectedId}
          >
            <td className="num muted">{formatTime(r.time, tz)}</td>
            <td className="cell-model">
              <span className="mono">{r.model}</span>
              <span className="muted small model-provider">{r.provider}</span>
            </td>
            <td className="muted cell-wrap">{r.tag ?? '—'}</td>
            {/* One column for both, so the table holds in a 900 px window. */}
            <td className="cell-stack">
              <BillingBadge billing={r.billing} />
              <StatusBadge status={r.status} />
            </td>
            <td className="right num" data-testid="row-input">
              {formatTokens(r.inputTokens)}
            </td>
            <td className="right num muted nowrap" data-testid="row-cache">
              {formatTokens(r.cacheReadTokens)} / {formatTokens(r.cacheWrite5mTokens + r.cacheWrite1hTokens)}
            </td>
            <td className="right num">{formatTokens(r.outputTokens + r.reasoningTokens)}</td>
            <td className="right" data-testid="row-cost">
              {/* A failed or refused call was not charged: a dash, not a "$0.0000" that reads like a tiny cost. */}
              {r.costNano === 0 && (r.status === 'error' || r.status === 'blocked') ? (
                <span className="muted" title={r.status === 'blocked' ? 'Refused by Tokentally: never reached the provider, not charged' : 'Failed: not charged'}>
                  —
                </span>
              ) : (
                <Cost nano={r.costNano} priced={r.priced} format={cost} />
              )}
            </td>
            <td className="right num muted nowrap">{formatMs(r.latencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
