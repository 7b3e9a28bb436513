import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { findPlan, PLAN_CATALOG } from '../../shared/plans/catalog.js';
import { validateSubscriptions } from '../../shared/plans/validate-subscriptions.js';
import { defaultSettings, validateSettingsPatch } from '../../shared/settings.js';

const USD = 1_000_000_000;

describe('the plans catalog', () => {
  it('lists the plans at their monthly list prices, Claude plans on Anthropic and ChatGPT plans on OpenAI', () => {
    expect(PLAN_CATALOG.map((p) => [p.id, p.monthlyNano / USD, p.provider, p.perSeat])).toEqual([
      ['claude-pro', 20, 'anthropic', false],
      ['claude-max-5x', 100, 'anthropic', false],
      ['claude-max-20x', 200, 'anthropic', false],
      ['claude-team-standard', 30, 'anthropic', true],
      ['claude-team-premium', 150, 'anthropic', true],
      ['chatgpt-plus', 20, 'openai', false],
      ['chatgpt-pro', 200, 'openai', false],
    ]);
    expect(findPlan('claude-max-5x')?.name).toBe('Claude Max 5×');
    expect(findPlan('nope')).toBeUndefined();
  });
});

describe('Settings.subscriptions', () => {
  it('is empty by default', () => {
    expect(defaultSettings('UTC').subscriptions).toEqual([]);
  });

  it('fills a catalog plan from the catalog and keeps what the user set', () => {
    expect(
      validateSettingsPatch({
        subscriptions: [
          { plan: 'claude-max-5x' },
          { plan: 'claude-team-premium', seats: 5, renewalDay: 12, since: '2025-09-12', name: 'Work team' },
          { plan: 'chatgpt-plus', monthlyNano: 23 * USD },
          { plan: 'custom', name: 'GLM coding', provider: 'ZAI', monthlyNano: 3 * USD, renewalDay: 28 },
        ],
      }).subscriptions,
    ).toEqual([
      { plan: 'claude-max-5x', name: 'Claude Max 5×', provider: 'anthropic', monthlyNano: 100 * USD, seats: 1, renewalDay: 1, since: null },
      { plan: 'claude-team-premium', name: 'Work team', provider: 'anthropic', monthlyNano: 150 * USD, seats: 5, renewalDay: 12, since: '2025-09-12' },
      { plan: 'chatgpt-plus', name: 'ChatGPT Plus', provider: 'openai', monthlyNano: 23 * USD, seats: 1, renewalDay: 1, since: null },
      { plan: 'custom', name: 'GLM coding', provider: 'zai', monthlyNano: 3 * USD, seats: 1, renewalDay: 28, since: null },
    ]);
  });

  it.each([
    [{ plan: 'claude-ultra' }, /subscriptions\[0\]\.plan must be "custom" or one of claude-pro/],
    [{ plan: 'custom', provider: 'anthropic', monthlyNano: 1 }, /needs a name/],
    [{ plan: 'custom', name: 'x', monthlyNano: 1 }, /names the provider/],
    [{ plan: 'custom', name: 'x', provider: 'anthropic' }, /needs its monthly price/],
    [{ plan: 'claude-pro', renewalDay: 31 }, /renewalDay must be a day of the month from 1 to 28/],
    [{ plan: 'claude-pro', seats: 0 }, /seats must be a whole number/],
    [{ plan: 'claude-pro', monthlyNano: 19.99 }, /monthlyNano must be a whole number of nano-dollars/],
    [{ plan: 'claude-pro', since: '2025-02-30' }, /since: not a day/],
    [{ plan: 'claude-pro', price: 20 }, /unknown field "price"/],
    ['claude-pro', /subscriptions\[0\] must be an object/],
  ])('refuses %j', (entry, message) => {
    expect(() => validateSubscriptions([entry])).toThrow(message);
    expect(() => validateSubscriptions([entry])).toThrow(ApiError);
  });

  it('refuses two subscriptions with one name, and a list that is not one', () => {
    expect(() => validateSubscriptions([{ plan: 'claude-pro' }, { plan: 'claude-pro' }])).toThrow(/"Claude Pro" is listed twice/);
    expect(() => validateSubscriptions([{ plan: 'claude-pro' }, { plan: 'claude-pro', name: 'Second account' }])).not.toThrow();
    expect(() => validateSettingsPatch({ subscriptions: {} })).toThrow(/subscriptions must be a list/);
  });
});
