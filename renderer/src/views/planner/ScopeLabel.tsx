import type { BudgetKey } from '../../../../shared/api/contract.js';
import { providerLabel } from '../../lib/balance';

/** "Overall", "Provider · OpenAI", "Tag · ci". */
export function ScopeLabel({ budget }: { budget: BudgetKey }) {
  if (budget.scope === 'overall') return <span className="scope-name">Overall</span>;
  return (
    <span className="scope-name">
      <span className="muted">{budget.scope === 'provider' ? 'Provider' : 'Tag'} · </span>
      {budget.scope === 'provider' ? providerLabel(budget.scopeValue ?? '') : <span className="mono">{budget.scopeValue}</span>}
    </span>
  );
}
