import { formatCount, usdColumn } from '../../../../shared/format.js';
import type { ModelRow } from '../../state/overview';

function Dash() {
  return <span className="dim-dash">—</span>;
}

export function ModelTable({ rows }: { rows: readonly ModelRow[] }) {
  const hasPlan = rows.some((r) => r.subscriptionNano > 0);
  const spend = usdColumn(rows.map((r) => r.spendNano));
  const plan = usdColumn(rows.map((r) => r.subscriptionNano));
  return (
    <table className="table" data-testid="model-table">
      <thead>
        <tr>
          <th>Model</th>
          <th>Provider</th>
          <th className="right">Requests</th>
          <th className="right">Spend</th>
          {hasPlan && <th className="right" title="API-equivalent cost of subscription usage; not spend">On plan</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.provider}/${r.model}`}>
            <td className="mono">
              {r.model}
              {r.unpriced > 0 && (
                <span className="badge badge-warn" title={`${r.unpriced} call(s) without a price: conservative estimate`}>
                  unpriced
                </span>
              )}
            </td>
            <td className="muted">{r.provider}</td>
            <td className="right num">{formatCount(r.requests)}</td>
            <td className="right num">
              {r.spendNano === 0 && r.requests === r.subscriptionRequests ? <Dash /> : `${r.unpriced > 0 ? '≤ est. ' : ''}${spend(r.spendNano)}`}
            </td>
            {hasPlan && <td className="right num muted">{r.subscriptionRequests === 0 ? <Dash /> : plan(r.subscriptionNano)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
