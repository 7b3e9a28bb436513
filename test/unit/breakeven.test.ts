import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../shared/api/contract-subscriptions.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { callsToBreakEven, periodStartingIn, planOptions, planPeriodBreakEven, volumeBreakEven, type CoveredDay } from '../../shared/breakeven/index.js';

const USD = 1_000_000_000;
const at = (iso: string) => Date.parse(iso);
const pro: Subscription = { plan: 'claude-pro', name: 'Claude Pro', provider: 'anthropic', monthlyNano: 20 * USD, seats: 1, renewalDay: 1, since: null };

function days(list: [string, number][]): CoveredDay[] {
  return list.map(([day, usd]) => ({ day, costNano: usd * USD, requests: 10, unpriced: 0 }));
}

describe('the volume at which a plan becomes cheaper', () => {
  it('Sonnet at 5,000 in / 2,000 out a call breaks even with a $20 plan at 445 calls a month', () => {
    const v = volumeBreakEven({ model: 'claude-sonnet-4-5', tokensPerCall: { inputTokens: 5000, outputTokens: 2000 }, plan: 'claude-pro' });
    expect(v).toMatchObject({ costPerCallNano: 45_000_000, priceNano: 20 * USD, callsPerMonth: 445, callsPerDay: 15, priced: true, matchedModel: 'claude-sonnet-4-5' });
    // 444 calls cost $19.98, 445 cost $20.025.
    expect(444 * v.costPerCallNano).toBeLessThan(20 * USD);
    expect(445 * v.costPerCallNano).toBeGreaterThanOrEqual(20 * USD);
  });

  it('takes a price instead of a plan, and says when a call costs nothing', () => {
    expect(volumeBreakEven({ provider: 'openai', model: 'gpt-4o', tokensPerCall: { inputTokens: 1000, outputTokens: 1000 }, monthlyNano: 200 * USD }).callsPerMonth).toBe(16_000);
    expect(callsToBreakEven(20 * USD, 0)).toBeNull();
    expect(callsToBreakEven(20 * USD, 50_000_000)).toBe(400);
    expect(callsToBreakEven(20 * USD, 50_000_001)).toBe(400);
    expect(callsToBreakEven(20 * USD, 49_999_999)).toBe(401);
  });

  it('refuses a workload it cannot price', () => {
    expect(() => volumeBreakEven({ model: 'claude-sonnet-4-5', tokensPerCall: { inputTokens: -1 }, plan: 'claude-pro' })).toThrow(/inputTokens must be a non-negative whole number/);
    expect(() => volumeBreakEven({ model: 'claude-sonnet-4-5', tokensPerCall: {} })).toThrow(/give a plan or a monthlyNano/);
    expect(() => volumeBreakEven({ model: '', tokensPerCall: {}, plan: 'claude-pro' })).toThrow(/model is required/);
  });
});

describe('a plan in one period', () => {
  const period = budgetPeriod(at('2025-10-10T12:00:00Z'), 1, 'UTC');

  it('past period: covered cost, saving, the day it paid for itself', () => {
    const r = planPeriodBreakEven({
      index: 0,
      subscription: pro,
      period,
      nowMs: at('2025-11-05T00:00:00Z'),
      tz: 'UTC',
      days: days([
        ['2025-10-09', 12],
        ['2025-10-02', 5],
        ['2025-10-20', 7],
      ]),
      apiSpendNano: 3 * USD,
      sharedWith: [],
    });
    expect(r).toMatchObject({
      period: { start: '2025-10-01', last: '2025-10-31', daysTotal: 31, status: 'past' },
      active: true,
      priceNano: 20 * USD,
      coveredNano: 24 * USD,
      coveredRequests: 30,
      savingNano: 4 * USD,
      paidOffOn: '2025-10-20',
      projectedNano: 24 * USD,
      projectedPaidOffOn: null,
      apiSpendNano: 3 * USD,
    });
  });

  it('current period: projects the pace so far to the end and says when it will pay off', () => {
    // Ten days in (exactly), $5 so far: $0.50 a day, $15.50 by the 31st, never reaching $20.
    const slow = planPeriodBreakEven({ index: 0, subscription: pro, period, nowMs: at('2025-10-11T00:00:00Z'), tz: 'UTC', days: days([['2025-10-03', 5]]), apiSpendNano: 0, sharedWith: [] });
    expect(slow).toMatchObject({ period: { status: 'current' }, coveredNano: 5 * USD, savingNano: -15 * USD, projectedNano: 15.5 * USD, paidOffOn: null, projectedPaidOffOn: null });
    // $10 in ten days: $1 a day, $20 reached after ten more days, on the 20th (at its end).
    const fast = planPeriodBreakEven({ index: 0, subscription: pro, period, nowMs: at('2025-10-11T00:00:00Z'), tz: 'UTC', days: days([['2025-10-05', 10]]), apiSpendNano: 0, sharedWith: [] });
    expect(fast).toMatchObject({ projectedNano: 31 * USD, projectedPaidOffOn: '2025-10-21' });
    const fastBy = planPeriodBreakEven({ index: 0, subscription: pro, period, nowMs: at('2025-10-11T00:00:00Z'), tz: 'UTC', days: days([['2025-10-05', 10.5]]), apiSpendNano: 0, sharedWith: [] });
    expect(fastBy.projectedPaidOffOn).toBe('2025-10-20');
  });

  it('a plan not paid for yet costs nothing in that period; a future period is empty', () => {
    const later = { ...pro, since: '2025-11-03' };
    const before = planPeriodBreakEven({ index: 0, subscription: later, period, nowMs: at('2025-11-05T00:00:00Z'), tz: 'UTC', days: days([['2025-10-09', 12]]), apiSpendNano: 0, sharedWith: [] });
    expect(before).toMatchObject({ active: false, priceNano: 0, coveredNano: 12 * USD, paidOffOn: null });
    const next = periodStartingIn('2025-12', 1, 'UTC');
    const future = planPeriodBreakEven({ index: 0, subscription: pro, period: next, nowMs: at('2025-11-05T00:00:00Z'), tz: 'UTC', days: [], apiSpendNano: 0, sharedWith: [] });
    expect(future).toMatchObject({ period: { start: '2025-12-01', status: 'future' }, coveredNano: 0, projectedNano: 0, paidOffOn: null });
  });

  it('counts a Team plan by its seats and follows the renewal day and zone', () => {
    const team: Subscription = { ...pro, plan: 'claude-team-premium', name: 'Team', monthlyNano: 150 * USD, seats: 3, renewalDay: 15 };
    const p = periodStartingIn('2025-10', 15, 'Europe/Berlin');
    expect([p.start, p.last, p.startMs]).toEqual(['2025-10-15', '2025-11-14', at('2025-10-14T22:00:00Z')]);
    const r = planPeriodBreakEven({ index: 2, subscription: team, period: p, nowMs: at('2025-12-01T00:00:00Z'), tz: 'Europe/Berlin', days: days([['2025-10-14', 999], ['2025-10-15', 400], ['2025-11-14', 60]]), apiSpendNano: 0, sharedWith: ['Claude Pro'] });
    // The 14th lies before the period and is not counted.
    expect(r).toMatchObject({ index: 2, priceNano: 450 * USD, coveredNano: 460 * USD, savingNano: 10 * USD, paidOffOn: '2025-11-14', sharedWith: ['Claude Pro'] });
  });
});

describe('plan options for API users', () => {
  it('sets each catalog plan against the month’s API spend on its provider, projected to the month’s end', () => {
    const options = planOptions({
      spend: new Map([
        ['anthropic', { spendNano: 30 * USD, requests: 900 }],
        ['openai', { spendNano: 4 * USD, requests: 100 }],
      ]),
      startMs: at('2025-11-01T00:00:00Z'),
      endMs: at('2025-12-01T00:00:00Z'),
      nowMs: at('2025-11-11T00:00:00Z'),
    });
    const pro = options.find((o) => o.plan === 'claude-pro')!;
    expect(pro).toMatchObject({ apiSpendNano: 30 * USD, apiRequests: 900, projectedApiSpendNano: 90 * USD, savingNano: 70 * USD });
    expect(options.find((o) => o.plan === 'claude-max-20x')!.savingNano).toBe(-110 * USD);
    expect(options.find((o) => o.plan === 'chatgpt-plus')).toMatchObject({ provider: 'openai', projectedApiSpendNano: 12 * USD, savingNano: -8 * USD });
    const past = planOptions({ spend: new Map(), startMs: at('2025-10-01T00:00:00Z'), endMs: at('2025-11-01T00:00:00Z'), nowMs: at('2025-11-11T00:00:00Z') });
    expect(past.find((o) => o.plan === 'claude-pro')).toMatchObject({ apiSpendNano: 0, projectedApiSpendNano: 0, savingNano: -20 * USD });
  });
});
