import type { BudgetsApi } from '../../../shared/api/contract-budgets.js';
import type { ServiceContext } from './context.js';

export function pacingHandlers(ctx: ServiceContext): BudgetsApi {
  void ctx;
  return {};
}
