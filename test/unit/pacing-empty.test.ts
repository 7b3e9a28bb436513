import { describe, expect, it } from 'vitest';
import { everyDay, pacingAt, usd } from './pacing-fixtures.js';

describe('pacing: a zero budget', () => {
  it('without spend: nothing left, no allowance, no delta, on pace, never runs out', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 0 });
    expect(p).toMatchObject({
      budgetNano: 0,
      spentNano: 0,
      remainingNano: 0,
      todayAllowanceNano: 0,
      idealNano: 0,
      paceDelta: null,
      projectedLinearNano: 0,
      projectedRobustNano: 0,
      runsOutOn: null,
      state: 'on-pace',
    });
  });

  it('any spend is over, dated the day it happened', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 0, days: { '2026-03-04': 0.01 } });
    expect(p).toMatchObject({ state: 'over', remainingNano: -usd(0.01), runsOutOn: '2026-03-04', todayAllowanceNano: 0, paceDelta: null });
  });
});

describe('pacing: no data', () => {
  it('no records at all: zeros, no median, projections at zero', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: {}, dataSince: null });
    expect(p).toMatchObject({
      spentNano: 0,
      todaySpentNano: 0,
      burn24hNano: 0,
      burn7dNano: 0,
      median7dNano: null,
      projectedLinearNano: 0,
      projectedRobustNano: 0,
      runsOutOn: null,
      state: 'on-pace',
      todayAllowanceNano: Math.floor(usd(310) / 21),
    });
    expect(p.paceDelta).toBe(-1);
  });

  it('first records today: no 7-day history, so the robust projection is the linear one', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: { '2026-03-11': 21 }, dataSince: '2026-03-11' });
    expect(p.median7dNano).toBeNull();
    expect(p.burn7dNano).toBe(0);
    expect(p.projectedRobustNano).toBe(p.projectedLinearNano);
    expect(p.projectedLinearNano).toBe(usd(62));
  });

  it('days before the first record are not zeros in the 7-day figures', () => {
    // Records since 8 March: the window is 8..10 March only.
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: everyDay('2026-03-08', 3, 12), dataSince: '2026-03-08' });
    expect(p.median7dNano).toBe(usd(12));
    expect(p.burn7dNano).toBe(usd(12));
    // Without the hint, the four empty days would drag both down.
    const naive = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: everyDay('2026-03-08', 3, 12) });
    expect(naive.median7dNano).toBe(0);
    expect(naive.burn7dNano).toBe(Math.round((usd(36)) / 7));
  });
});
