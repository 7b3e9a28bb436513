import type { BudgetKey } from '../../../../shared/api/contract.js';
import { scopeDef } from '../../../../shared/budget/scope.js';
import { providerLabel } from '../../state/provider-catalog';
import { useKeyRefs } from '../../state/key-refs';

/** "Overall", "Provider · OpenAI", "Tag · ci", "API key · work". */
export function ScopeLabel({ budget }: { budget: BudgetKey }) {
  const keyLabel = useKeyRefs((s) => (budget.scope === 'key' ? (s.refs?.find((k) => k.keyRef === budget.scopeValue)?.label ?? null) : null));
  const def = scopeDef(budget.scope);
  if (!def.needsValue) return <span className="scope-name">{def.noun}</span>;
  const value = budget.scopeValue ?? '';
  return (
    <span className="scope-name">
      <span className="muted">{def.noun} · </span>
      {budget.scope === 'provider' ? providerLabel(value) : budget.scope === 'key' && keyLabel ? keyLabel : <span className="mono">{value}</span>}
    </span>
  );
}
