import { describe, expect, it } from 'vitest';
import { ApiError, type Budget } from '../../shared/api/contract.js';
import { validateBudget, validateBudgetKey } from '../../shared/budget-validate.js';
import { errorMessage } from '../../shared/error-message.js';

const valid: Budget = { scope: 'provider', scopeValue: 'anthropic', monthlyNano: 20_000_000_000, hard: true, resetDay: 1, tz: 'Europe/Berlin', alerts: [50, 80] };

function refusal(budget: unknown): string {
  try {
    validateBudget(budget);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad_request');
    return errorMessage(err);
  }
  throw new Error(`accepted: ${JSON.stringify(budget)}`);
}

describe('validateBudget', () => {
  it('accepts and normalises valid budgets', () => {
    expect(validateBudget(valid)).toEqual(valid);
    expect(validateBudget({ ...valid, scope: 'overall', scopeValue: '', alerts: [100, 50, 50], tz: 'utc' })).toEqual({
      ...valid,
      scope: 'overall',
      scopeValue: null,
      alerts: [50, 100],
      tz: 'UTC',
    });
    expect(validateBudget({ ...valid, scopeValue: 'OpenRouter' }).scopeValue).toBe('openrouter');
    expect(validateBudget({ ...valid, scope: 'tag', scopeValue: ' Team A ' }).scopeValue).toBe('Team A');
    expect(validateBudget({ ...valid, monthlyNano: 0, alerts: [] })).toMatchObject({ monthlyNano: 0, alerts: [] });
  });

  it.each([
    [null, /a budget must be an object/],
    [{ ...valid, scope: 'team' }, /scope must be one of overall, provider, tag/],
    [{ ...valid, scope: 'overall', scopeValue: 'anthropic' }, /overall budget has no scopeValue/],
    [{ ...valid, scopeValue: null }, /a provider budget needs a scopeValue/],
    [{ ...valid, scope: 'tag', scopeValue: '  ' }, /a tag budget needs a scopeValue/],
    [{ ...valid, scopeValue: 'Open AI' }, /a provider name is/],
    [{ ...valid, monthlyNano: -1 }, /monthlyNano must be a whole number of nano-dollars/],
    [{ ...valid, monthlyNano: 1.5 }, /monthlyNano/],
    [{ ...valid, monthlyNano: '100' }, /monthlyNano/],
    [{ ...valid, hard: 'yes' }, /hard must be true or false/],
    [{ ...valid, resetDay: 0 }, /resetDay must be a day of the month from 1 to 28, got 0/],
    [{ ...valid, resetDay: 29 }, /resetDay/],
    [{ ...valid, tz: 'Mars/Base' }, /tz: unknown time zone "Mars\/Base"/],
    [{ ...valid, alerts: '50' }, /alerts must be a list of percentages/],
    [{ ...valid, alerts: [0] }, /alerts are percentages above 0 and at most 1000, got 0/],
    [{ ...valid, alerts: [1001] }, /at most 1000/],
    [{ ...valid, alerts: Array.from({ length: 11 }, (_, i) => i + 1) }, /at most 10 alerts/],
    [{ ...valid, colour: 'red' }, /unknown field "colour"/],
  ])('refuses %j', (budget, message) => {
    expect(refusal(budget)).toMatch(message);
  });

  it('validates a key on its own', () => {
    expect(validateBudgetKey({ scope: 'overall', scopeValue: null })).toEqual({ scope: 'overall', scopeValue: null });
    expect(validateBudgetKey({ scope: 'tag', scopeValue: 'ci' })).toEqual({ scope: 'tag', scopeValue: 'ci' });
    expect(() => validateBudgetKey({ scope: 'provider' })).toThrow(ApiError);
  });
});
