import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { findPlan, PLAN_CATALOG } from '../../shared/plans/catalog.js';
import { validateSubscriptions } from '../../shared/plans/validate-subscriptions.js';
import { applyPlanEdits } from '../../shared/plans/plan-edits.js';
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
      ['chatgpt-go', 8, 'openai', false],
      ['chatgpt-plus', 20, 'openai', false],
      ['chatgpt-pro-5x', 100, 'openai', false],
      ['chatgpt-pro', 200, 'openai', false],
    ]);
    // Renamed in October 2026; the ids stay so stored subscriptions keep working.
    expect(findPlan('claude-max-5x')?.name).toBe('Claude Max');
    expect(findPlan('claude-max-20x')?.name).toBe('Claude Ultra');
    expect(findPlan('nope')).toBeUndefined();
  });

  it('is dated and sourced, with each plan’s windows and included credits', () => {
    for (const p of PLAN_CATALOG) {
      expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source).toMatch(/^https:\/\//);
      expect(p.windows.length).toBeGreaterThan(0);
    }
    expect(findPlan('claude-max-20x')).toMatchObject({ windows: ['7d', '7d_sonnet'], monthlyCreditsNano: 200 * USD });
    expect(findPlan('chatgpt-plus')).toMatchObject({ windows: ['5h', '7d'], monthlyCreditsNano: null });
  });
});

describe('Settings.planEdits', () => {
  it('corrects a catalog plan: the fields given replace the catalog’s, marked edited', () => {
    const { planEdits } = validateSettingsPatch({ planEdits: [{ plan: 'claude-pro', name: ' Claude Pro (EU) ', monthlyNano: 18 * USD, windows: ['five_hour', 'seven_day', '5h'] }] });
    expect(planEdits).toEqual([{ plan: 'claude-pro', name: 'Claude Pro (EU)', monthlyNano: 18 * USD, windows: ['5h', '7d'] }]);
    const plans = applyPlanEdits(PLAN_CATALOG, planEdits!);
    expect(plans.find((p) => p.id === 'claude-pro')).toMatchObject({ name: 'Claude Pro (EU)', monthlyNano: 18 * USD, monthlyCreditsNano: 20 * USD, edited: true, asOf: '2026-12-07' });
    expect(plans.find((p) => p.id === 'chatgpt-pro')!.edited).toBeUndefined();
    expect(applyPlanEdits(PLAN_CATALOG, [{ plan: 'chatgpt-plus', monthlyCreditsNano: 5 * USD }]).find((p) => p.id === 'chatgpt-plus')!.monthlyCreditsNano).toBe(5 * USD);
  });

  it.each([
    [[{ plan: 'claude-ultra' }], /planEdits\[0\]\.plan must be one of claude-pro/],
    [[{ plan: 'claude-pro' }, { plan: 'claude-pro' }], /claude-pro is edited twice/],
    [[{ plan: 'claude-pro', monthlyNano: 19.99 }], /whole number of nano-dollars/],
    [[{ plan: 'claude-pro', windows: [''] }], /window names/],
    [[{ plan: 'claude-pro', price: 1 }], /unknown field "price"/],
  ])('refuses %j', (edits, message) => {
    expect(() => validateSettingsPatch({ planEdits: edits })).toThrow(message);
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
      { plan: 'claude-max-5x', name: 'Claude Max', provider: 'anthropic', monthlyNano: 100 * USD, seats: 1, renewalDay: 1, since: null },
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
