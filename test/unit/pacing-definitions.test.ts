import { describe, expect, it } from 'vitest';
import { AHEAD_TOLERANCE } from '../../shared/pacing/index.js';
import { everyDay, pacingAt, usd } from './pacing-fixtures.js';

// March 2026 has 31 days; a $310 budget is $10 a day on the ideal line.
describe('pacing: the definitions, mid-period', () => {
  const days = { ...everyDay('2026-03-01', 10, 10), '2026-03-11': 5 };

  it('on the ideal line: spent = budget × elapsed, projections land on the budget', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days, last24h: 9 });
    expect(p).toMatchObject({
      budgetNano: usd(310),
      spentNano: usd(105),
      remainingNano: usd(205),
      daysTotal: 31,
      daysLeft: 21,
      todaySpentNano: usd(5),
      // (310 − 100 spent before today) / 21 days left, today included.
      todayAllowanceNano: usd(10),
      idealNano: usd(105),
      paceDelta: 0,
      burn24hNano: usd(9),
      burn7dNano: usd(10),
      median7dNano: usd(10),
      projectedLinearNano: usd(310),
      // 105 + $10 median × 20.5 days still to come.
      projectedRobustNano: usd(310),
      runsOutOn: null,
      state: 'on-pace',
    });
    expect(p.elapsed).toBeCloseTo(10.5 / 31, 12);
  });

  it('ahead: the delta is signed against the ideal line, and the run-out day follows the pace so far', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: { ...days, '2026-03-11': 26 } });
    expect(p.spentNano).toBe(usd(126));
    expect(p.paceDelta).toBeCloseTo(126 / 105 - 1, 12);
    expect(p.state).toBe('ahead');
    // $12 a day so far: $310 is reached 25.83 days into the period, on its 26th day.
    expect(p.runsOutOn).toBe('2026-03-26');
    expect(p.projectedLinearNano).toBe(usd((126 * 31) / 10.5));
    // Today's allowance does not shrink with today's own spending.
    expect(p.todayAllowanceNano).toBe(usd(10));
  });

  it('behind the ideal line is a negative delta and on pace', () => {
    const p = pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: everyDay('2026-03-01', 10, 5) });
    expect(p.paceDelta).toBeCloseTo(50 / 105 - 1, 12);
    expect(p.state).toBe('on-pace');
    // More left than planned: tomorrow's share grows.
    expect(p.todayAllowanceNano).toBe(Math.floor(usd(260) / 21));
  });

  it('up to the tolerance above the ideal line is still on pace', () => {
    const at = (spentToday: number) => pacingAt('2026-03-11T12:00:00Z', { budget: 310, days: { ...everyDay('2026-03-01', 10, 10), '2026-03-11': spentToday } });
    expect(at(5 + 105 * AHEAD_TOLERANCE).state).toBe('on-pace');
    expect(at(5 + 105 * AHEAD_TOLERANCE + 0.01).state).toBe('ahead');
  });

  it('the robust projection ignores one expensive day; the linear one does not', () => {
    const spiky = { ...everyDay('2026-03-01', 10, 4), '2026-03-09': 120 };
    const p = pacingAt('2026-03-11T00:00:00Z', { budget: 310, days: spiky });
    expect(p.spentNano).toBe(usd(156));
    expect(p.median7dNano).toBe(usd(4));
    expect(p.projectedRobustNano).toBe(usd(156 + 4 * 21));
    expect(p.projectedLinearNano).toBe(usd((156 * 31) / 10));
    expect(p.burn7dNano).toBe(usd((6 * 4 + 120) / 7));
  });

  it('over: spend reached the budget; the run-out day is the day it did', () => {
    const p = pacingAt('2026-03-20T08:00:00Z', { budget: 100, days: everyDay('2026-03-01', 20, 6) });
    expect(p.state).toBe('over');
    expect(p.remainingNano).toBe(usd(-20));
    expect(p.runsOutOn).toBe('2026-03-17');
    expect(p.todayAllowanceNano).toBe(0);
  });

  it('exactly at the budget is over (nothing left)', () => {
    expect(pacingAt('2026-03-20T08:00:00Z', { budget: 120, days: everyDay('2026-03-01', 20, 6) }).state).toBe('over');
  });

  it('spend outside the period does not count as spent, but recent days feed the burn rates', () => {
    const p = pacingAt('2026-03-03T12:00:00Z', { budget: 310, days: { ...everyDay('2026-02-20', 9, 50), '2026-03-01': 1, '2026-03-02': 1 } });
    expect(p.spentNano).toBe(usd(2));
    expect(p.median7dNano).toBe(usd(50));
    expect(p.burn7dNano).toBe(usd((5 * 50 + 2) / 7));
  });

  it('refuses negative or fractional money', () => {
    expect(() => pacingAt('2026-03-03T12:00:00Z', { budget: 310, days: { '2026-03-01': -1 } })).toThrow(RangeError);
    expect(() => pacingAt('2026-03-03T12:00:00Z', { budget: -5 })).toThrow(RangeError);
  });
});
