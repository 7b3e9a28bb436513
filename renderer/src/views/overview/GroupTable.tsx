import type { UsageGroupsReport } from '../../../../shared/api/contract-groups.js';
import { formatCount, formatPercent, usdColumn } from '../../../../shared/format.js';
import { providerLabel } from '../../state/provider-catalog';
import { pageHref } from '../../lib/route';
import { useUsage } from '../../state/usage';
import { useSync } from '../../state/sync';
import { GROUP_CHOICES, groupNamer, NO_PROJECT_HINT } from './group-words';

/** Spend per group over the chosen period: spend, plan usage at API rates (never spend), calls, share of spend. */
export function GroupTable({ report }: { report: UsageGroupsReport }) {
  const { groups, groupBy } = report;
  const totalSpend = groups.reduce((s, g) => s + g.spendNano, 0);
  const hasPlan = groups.some((g) => g.subscriptionNano > 0);
  const spend = usdColumn([...groups.map((g) => g.spendNano), totalSpend]);
  const plan = usdColumn(groups.map((g) => g.subscriptionNano));
  const name = groupNamer(report);
  const selfDevice = useSync((s) => s.status?.deviceId ?? null);
  return (
    <table className="table group-table" data-testid="group-table">
      <thead>
        <tr>
          <th>{GROUP_CHOICES.find((c) => c.id === groupBy)?.label ?? groupBy}</th>
          <th className="right">Calls</th>
          <th className="right">Spend</th>
          <th className="right">Share</th>
          {hasPlan && (
            <th className="right" title="Subscription usage at API rates: what the plan covered, never spend">
              On plan
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={`${g.provider ?? ''}/${g.value ?? ''}`} data-group={g.value ?? ''}>
            <td className="cell-wrap">
              {groupBy === 'device' ? (
                // A machine's name opens Requests filtered to its calls (this machine's: by its own id).
                <a href={pageHref('requests')} onClick={() => useUsage.getState().setFilters({ device: g.value ?? selfDevice ?? '' })} data-testid="device-calls">
                  {name(g)}
                </a>
              ) : (
                <span className={groupBy === 'model' ? 'mono' : g.value === null ? 'muted' : undefined} title={groupBy === 'project' ? (g.value ?? NO_PROJECT_HINT) : undefined}>
                  {name(g)}
                </span>
              )}
              {g.provider !== undefined && <span className="muted small"> {providerLabel(g.provider)}</span>}
              {groupBy === 'project' && <ProjectNote path={g.value} />}
            </td>
            <td className="right num">{formatCount(g.requests)}</td>
            <td className="right num" data-testid="group-spend">
              {g.unpriced > 0 ? '≤ est. ' : ''}
              {spend(g.spendNano)}
            </td>
            <td className="right num muted">{totalSpend > 0 ? formatPercent(g.spendNano / totalSpend) : '—'}</td>
            {hasPlan && <td className="right num muted">{g.subscriptionNano > 0 ? plan(g.subscriptionNano) : '—'}</td>}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>Total</td>
          <td className="right num">{formatCount(groups.reduce((s, g) => s + g.requests, 0))}</td>
          <td className="right num" data-testid="group-total">
            {spend(totalSpend)}
          </td>
          <td />
          {hasPlan && <td className="right num muted">{plan(groups.reduce((s, g) => s + g.subscriptionNano, 0))}</td>}
        </tr>
      </tfoot>
    </table>
  );
}

/** Under a project's name: its folder and a link to its calls; for calls without one, what they are. */
function ProjectNote({ path }: { path: string | null }) {
  if (path === null) return <div className="muted small">{NO_PROJECT_HINT}</div>;
  return (
    <div className="muted small project-note">
      <span className="mono project-path">{path}</span>{' '}
      <a href={pageHref('requests')} onClick={() => useUsage.getState().setFilters({ project: path })} data-testid="project-calls">
        calls
      </a>
    </div>
  );
}
