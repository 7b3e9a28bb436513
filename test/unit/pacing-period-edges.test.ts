import { describe, expect, it } from 'vitest';
import { everyDay, pacingAt, usd } from './pacing-fixtures.js';

describe('pacing: first and last day of a period', () => {
  it("at the period's first instant: nothing elapsed, no delta, the whole budget over all days", () => {
    const p = pacingAt('2026-04-15T00:00:00Z', { budget: 300, resetDay: 15, days: everyDay('2026-04-08', 7, 20) });
    expect(p).toMatchObject({
      daysTotal: 30,
      daysLeft: 30,
      elapsed: 0,
      spentNano: 0,
      idealNano: 0,
      paceDelta: null,
      todayAllowanceNano: usd(10),
      projectedLinearNano: 0,
      state: 'on-pace',
      runsOutOn: null,
    });
    // The last period's days still say how fast money goes: 30 days at the $20 median.
    expect(p.median7dNano).toBe(usd(20));
    expect(p.projectedRobustNano).toBe(usd(600));
  });

  it('later on the first day: the ideal is a share of one day', () => {
    const p = pacingAt('2026-04-15T06:00:00Z', { budget: 300, resetDay: 15, days: { '2026-04-15': 1 } });
    expect(p.idealNano).toBe(usd(2.5));
    expect(p.paceDelta).toBeCloseTo(1 / 2.5 - 1, 12);
    expect(p.projectedLinearNano).toBe(usd(120));
    expect(p.daysLeft).toBe(30);
  });

  it('on the last day: one day left, its allowance is all that is left', () => {
    const days = { ...everyDay('2026-04-15', 29, 10), '2026-05-14': 3 };
    const p = pacingAt('2026-05-14T18:00:00Z', { budget: 300, resetDay: 15, days });
    expect(p).toMatchObject({ daysLeft: 1, spentNano: usd(293), todaySpentNano: usd(3), todayAllowanceNano: usd(10), remainingNano: usd(7) });
    expect(p.elapsed).toBeCloseTo(29.75 / 30, 12);
    expect(p.idealNano).toBe(usd(297.5));
    // A quarter of a day to go at the $10 median.
    expect(p.projectedRobustNano).toBe(usd(295.5));
  });

  it("at the period's last instant, and the next instant starts afresh", () => {
    const days = everyDay('2026-04-15', 30, 10);
    const last = pacingAt('2026-05-14T23:59:59.999Z', { budget: 300, resetDay: 15, days });
    expect(last.daysLeft).toBe(1);
    expect(last.spentNano).toBe(usd(300));
    expect(last.state).toBe('over');
    expect(last.runsOutOn).toBe('2026-05-14');
    const next = pacingAt('2026-05-15T00:00:00Z', { budget: 300, resetDay: 15, days });
    expect(next).toMatchObject({ spentNano: 0, daysLeft: 31, daysTotal: 31, state: 'on-pace', runsOutOn: null });
  });

  it('a budget that runs out on the last day is dated the last day, one that would run out later is not dated', () => {
    // $9.70 a day for 29.5 days of a $290 month: reached at 29.9 days, during the last day.
    const late = pacingAt('2026-05-14T12:00:00Z', { budget: 290, resetDay: 15, days: { ...everyDay('2026-04-15', 29, 9.7), '2026-05-14': 4.85 } });
    expect(late.runsOutOn).toBe('2026-05-14');
    const never = pacingAt('2026-05-14T12:00:00Z', { budget: 300, resetDay: 15, days: { ...everyDay('2026-04-15', 29, 9.7), '2026-05-14': 4.85 } });
    expect(never.runsOutOn).toBeNull();
  });
});
