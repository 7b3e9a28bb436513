import type { TokentallyApi } from '../../../shared/api/contract.js';
import { listBudgets, removeBudget, upsertBudget } from '../ledger/index.js';
import type { ServiceContext } from './context.js';

export function budgetHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listBudgets' | 'setBudget' | 'removeBudget'> {
  return {
    async listBudgets() {
      return listBudgets(ctx.db);
    },
    async setBudget(budget) {
      upsertBudget(ctx.db, budget);
      ctx.emit({ type: 'budgets-changed' });
      return listBudgets(ctx.db);
    },
    async removeBudget(key) {
      removeBudget(ctx.db, key);
      ctx.emit({ type: 'budgets-changed' });
      return listBudgets(ctx.db);
    },
  };
}
