/**
 * The API contract's part for: Budgets, pacing, alerts and the planner (issue 4).
 * Declare methods on BudgetsApi and list them in BUDGETS_METHODS; contract.ts merges both.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BudgetsApi {}

export const BUDGETS_METHODS = {} as const satisfies Record<keyof BudgetsApi, true>;
