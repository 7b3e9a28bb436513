import { describe, expect, it } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import type { BudgetAlert } from '../../shared/api/contract-budgets.js';
import { alertInForce } from '../../shared/budget/alert-in-force.js';

const DOLLAR = 1_000_000_000;
const tag: Budget = { scope: 'tag', scopeValue: 'ci', monthlyNano: 2 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [50] };
const overall: Budget = { scope: 'overall', scopeValue: null, monthlyNano: 10 * DOLLAR, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75] };
const alert = (over: Partial<BudgetAlert> = {}): BudgetAlert => ({
  id: 1,
  budget: { scope: 'overall', scopeValue: null },
  kind: 'threshold',
  threshold: 75,
  periodStart: '2026-12-01',
  at: 0,
  message: 'Overall budget: 75% used ($7.50 of $10.00)',
  spentNano: 7.5 * DOLLAR,
  budgetNano: 10 * DOLLAR,
  ...over,
});
const december = () => '2026-12-01';

describe('alertInForce: the glance shows an alert only while it holds', () => {
  it('holds for the same budget, amount and period', () => {
    expect(alertInForce(alert(), [tag, overall], [], december)).toBe(true);
  });
  it('not once the budget is changed, removed, or its period is over', () => {
    expect(alertInForce(alert(), [tag, { ...overall, monthlyNano: 100 * DOLLAR }], [], december)).toBe(false);
    expect(alertInForce(alert(), [tag], [], december)).toBe(false);
    expect(alertInForce(alert(), [overall], [], () => '2027-01-01')).toBe(false);
  });
  it('a cap alert only while that cap refuses calls (not when lifted, not for another scope)', () => {
    const cap = alert({ budget: { scope: 'tag', scopeValue: 'ci' }, kind: 'cap', threshold: 100, budgetNano: 2 * DOLLAR, message: 'Tag "ci" budget: hard cap: calls are being refused' });
    expect(alertInForce(cap, [tag, overall], [{ scope: 'tag', scopeValue: 'ci' }], december)).toBe(true);
    expect(alertInForce(cap, [tag, overall], [], december)).toBe(false);
    expect(alertInForce(cap, [tag, overall], [{ scope: 'tag', scopeValue: 'nightly' }], december)).toBe(false);
  });
});
