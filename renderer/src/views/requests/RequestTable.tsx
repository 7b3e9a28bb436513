import { formatTokens } from '../../../../shared/format.js';
import { totalInputTokens, type UsageRecord } from '../../../../shared/usage.js';
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
  return (
    <table className="table table-hover" data-testid="requests-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Model</th>
          <th>Tag</th>
          <th>Billing</th>
          <th>Status</th>
          <th className="right" title="All input: uncached, cache writes and cache reads">
            In
          </th>
          <th className="right" title="Output, reasoning included">
            Out
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
            <td className="num nowrap muted">{formatTime(r.time, tz)}</td>
            <td className="cell-model">
              <span className="mono">{r.model}</span>
              <span className="muted small"> {r.provider}</span>
            </td>
            <td className="muted">{r.tag ?? '—'}</td>
            <td>
              <BillingBadge billing={r.billing} />
            </td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td className="right num">{formatTokens(totalInputTokens(r))}</td>
            <td className="right num">{formatTokens(r.outputTokens + r.reasoningTokens)}</td>
            <td className="right nowrap" data-testid="row-cost">
              <Cost nano={r.costNano} priced={r.priced} />
            </td>
            <td className="right num muted nowrap">{formatMs(r.latencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
