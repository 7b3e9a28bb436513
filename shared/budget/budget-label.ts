import type { BudgetKey } from '../api/contract.js';

/** "Overall budget", "anthropic budget", 'Tag "ci" budget': how messages name a budget. */
export function budgetLabel(key: BudgetKey): string {
  if (key.scope === 'overall') return 'Overall budget';
  if (key.scope === 'provider') return `${key.scopeValue} budget`;
  return `Tag "${key.scopeValue}" budget`;
}
