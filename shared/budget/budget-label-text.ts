/**
 * The words for a budget's state, one rule everywhere (alerts, `budget check`, the planner's
 * badges): a budget at 138% is "over budget (138%)", never its last threshold ("90% alert").
 */
import type { Nano } from '../money.js';

/** Spend as a whole percent of the budget; null for a zero budget. */
export function percentUsed(spentNano: Nano, budgetNano: Nano): number | null {
  if (budgetNano <= 0) return null;
  return Math.floor((spentNano * 100) / budgetNano);
}

/** Used up: spend reached the budget (any spend against a zero budget). */
export function isUsedUp(spentNano: Nano, budgetNano: Nano): boolean {
  return budgetNano > 0 ? spentNano >= budgetNano : spentNano > 0;
}

/** "over budget (138%)" once the budget is used up, else null. */
export function overBudgetText(spentNano: Nano, budgetNano: Nano): string | null {
  if (!isUsedUp(spentNano, budgetNano)) return null;
  const pct = percentUsed(spentNano, budgetNano);
  return pct === null ? 'over budget' : `over budget (${pct}%)`;
}

/** What a hard budget whose gate refuses calls says, on the glance, the tray and in `budget check`. */
export const HARD_CAP_REFUSING = 'hard cap: calls are being refused';
