import type { UsageGroup, UsageGroupBy } from '../../../../shared/api/contract-groups.js';
import { providerLabel } from '../../state/provider-catalog';

/** The grouping choices, as the Overview offers them. */
export const GROUP_CHOICES: { id: UsageGroupBy; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'provider', label: 'Provider' },
  { id: 'tag', label: 'Tag' },
  { id: 'billing', label: 'Billing mode' },
  { id: 'source', label: 'Source' },
];

const BILLING_WORDS: Record<string, string> = { api: 'API', batch: 'Batch', subscription: 'Plan (subscription)' };
const SOURCE_WORDS: Record<string, string> = { proxy: 'Proxy', import: 'Imported sessions', poll: 'Provider reports' };

/** A group's name in a table or a legend. */
export function groupName(groupBy: UsageGroupBy, g: Pick<UsageGroup, 'value' | 'provider'>): string {
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
  }
}
