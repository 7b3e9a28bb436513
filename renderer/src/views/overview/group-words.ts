import type { UsageGroup, UsageGroupBy, UsageGroupsReport } from '../../../../shared/api/contract-groups.js';
import { projectLabels } from '../../../../shared/projects/project-of.js';
import { providerLabel } from '../../state/provider-catalog';

/** The grouping choices, as the Overview offers them. */
export const GROUP_CHOICES: { id: UsageGroupBy; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'provider', label: 'Provider' },
  { id: 'tag', label: 'Tag' },
  { id: 'billing', label: 'Billing mode' },
  { id: 'source', label: 'Source' },
  { id: 'project', label: 'Project' },
  // Offered once the ledger holds another machine's calls (sync, issue 17).
  { id: 'device', label: 'Machine' },
];

/** Calls without a project: proxied calls (the proxy sees no working directory) and logs that name none. */
const NO_PROJECT = '(no project)';
export const NO_PROJECT_HINT = 'Proxied calls and imported sessions whose working directory is unknown';

const BILLING_WORDS: Record<string, string> = { api: 'API', batch: 'Batch', subscription: 'Plan (subscription)' };
const SOURCE_WORDS: Record<string, string> = { proxy: 'Proxy', import: 'Imported sessions', poll: 'Provider reports' };

/** Each group's name in a table or a legend; projects by folder name, told apart where two share it. */
export function groupNamer(report: Pick<UsageGroupsReport, 'groupBy' | 'groups'>): (g: Pick<UsageGroup, 'value' | 'provider' | 'label'>) => string {
  const labels = report.groupBy === 'project' ? projectLabels(report.groups.flatMap((g) => (g.value === null ? [] : [g.value]))) : null;
  return (g) => (labels ? (g.value === null ? NO_PROJECT : (labels.get(g.value) ?? g.value)) : groupName(report.groupBy, g));
}

function groupName(groupBy: UsageGroupBy, g: Pick<UsageGroup, 'value' | 'provider' | 'label'>): string {
  switch (groupBy) {
    case 'model':
      return g.value ?? '';
    case 'provider':
      return providerLabel(g.value ?? '');
    case 'tag':
      return g.value ?? 'no tag';
    case 'billing':
      return BILLING_WORDS[g.value ?? ''] ?? String(g.value);
    case 'source':
      return SOURCE_WORDS[g.value ?? ''] ?? String(g.value);
    case 'project':
      return g.value ?? NO_PROJECT;
    case 'device':
      return g.label ?? g.value ?? 'this machine';
  }
}
