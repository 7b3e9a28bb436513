import { describe, expect, it } from 'vitest';
import { catalogMonth } from '../../shared/breakeven/catalog-months.js';
import { PLAN_CATALOG } from '../../shared/plans/catalog.js';

const USD = 1_000_000_000;

describe('every catalog plan against the usage a plan could cover', () => {
  it('names the cheapest way to pay for the covered usage, and keeps API-key calls apart', () => {
    const usage = new Map([
      ['anthropic', { coveredNano: 140 * USD, coveredRequests: 900, apiNano: 35 * USD, apiRequests: 120 }],
      ['openai', { coveredNano: 12 * USD, coveredRequests: 80, apiNano: 0, apiRequests: 0 }],
    ]);
    const m = catalogMonth('2026-11', false, usage, PLAN_CATALOG);
    const anthropic = m.providers.find((p) => p.provider === 'anthropic')!;
    // Every Claude plan of the catalog, none added in Settings.
    expect(anthropic.plans.map((p) => p.plan)).toEqual(PLAN_CATALOG.filter((p) => p.provider === 'anthropic').map((p) => p.id));
    expect(anthropic.plans.find((p) => p.plan === 'claude-max-5x')!.savingNano).toBe(40 * USD);
    expect(anthropic.plans.find((p) => p.plan === 'claude-max-20x')!.savingNano).toBe(-60 * USD);
    // Per-seat team plans are listed but never "cheapest" for one person.
    expect(anthropic.cheapest).toEqual({ plan: 'claude-pro', name: 'Claude Pro', costNano: 20 * USD });
    expect(anthropic.apiNano).toBe(35 * USD);
    // $12 of ChatGPT usage: Go at $8 is cheaper than paying API rates.
    expect(m.providers.find((p) => p.provider === 'openai')!.cheapest).toMatchObject({ plan: 'chatgpt-go', costNano: 8 * USD });
  });

  it('says API rates are cheapest when no plan costs less, and leaves out providers without usage', () => {
    const m = catalogMonth('2026-12', true, new Map([['anthropic', { coveredNano: 3 * USD, coveredRequests: 12, apiNano: 0, apiRequests: 0 }]]), PLAN_CATALOG);
    expect(m.providers.map((p) => p.provider)).toEqual(['anthropic']);
    expect(m.providers[0]!.cheapest).toEqual({ plan: null, name: 'API rates', costNano: 3 * USD });
    expect(m.current).toBe(true);
  });
});
