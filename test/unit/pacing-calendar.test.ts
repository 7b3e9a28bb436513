import { describe, expect, it } from 'vitest';
import { everyDay, pacingAt, usd } from './pacing-fixtures.js';

describe('pacing: month lengths', () => {
  it.each([
    ['2026-02-15T00:00:00Z', 28, 'February'],
    ['2028-02-15T00:00:00Z', 29, 'a leap February'],
    ['2026-04-15T00:00:00Z', 30, 'April'],
    ['2026-01-15T00:00:00Z', 31, 'January'],
  ])('%s: %i days; the ideal after 14 days is 14/%i of the budget (%s)', (now, daysTotal) => {
    const p = pacingAt(now, { budget: 840 });
    expect(p.daysTotal).toBe(daysTotal);
    expect(p.daysLeft).toBe(daysTotal - 14);
    expect(p.idealNano).toBe(Math.round((usd(840) * 14) / daysTotal));
    expect(p.todayAllowanceNano).toBe(Math.floor(usd(840) / (daysTotal - 14)));
  });

  it('a period from a reset day spans two months: 31 days from 15 January, 28 from 15 February', () => {
    expect(pacingAt('2026-02-14T12:00:00Z', { budget: 310, resetDay: 15 }).daysTotal).toBe(31);
    const feb = pacingAt('2026-02-15T00:00:00Z', { budget: 280, resetDay: 15 });
    expect(feb.daysTotal).toBe(28);
    expect(feb.todayAllowanceNano).toBe(usd(10));
  });

  it('the run-out day is counted across the month boundary', () => {
    // From 20 January: $20 a day for 10 days against $300 → reached after 15 days, on 3 February.
    const p = pacingAt('2026-01-30T00:00:00Z', { budget: 300, resetDay: 20, days: everyDay('2026-01-20', 10, 20) });
    expect(p.runsOutOn).toBe('2026-02-03');
  });
});

describe('pacing: DST changes', () => {
  it('New York spring forward: 8 March 2026 has 23 hours; noon is 11/23 of it', () => {
    // Noon EDT = 16:00 UTC; the day began at 05:00 UTC (midnight EST).
    const p = pacingAt('2026-03-08T16:00:00Z', { budget: 310, tz: 'America/New_York' });
    expect(p.elapsed).toBeCloseTo((7 + 11 / 23) / 31, 12);
    expect(p.idealNano).toBe(Math.round((usd(310) * (7 + 11 / 23)) / 31));
    expect(p.daysLeft).toBe(24);
  });

  it('New York fall back: 1 November 2026 has 25 hours; noon is 13/25 of it', () => {
    // Noon EST = 17:00 UTC; the day began at 04:00 UTC (midnight EDT).
    const p = pacingAt('2026-11-01T17:00:00Z', { budget: 300, tz: 'America/New_York' });
    expect(p.elapsed).toBeCloseTo(13 / 25 / 30, 12);
    expect(p.daysTotal).toBe(30);
  });

  it('Berlin: the period holding the spring change still has 31 equal days; days are read in the zone', () => {
    // 29 March 2026, 23:30 local = 21:30 UTC: the day's last half hour (a 23-hour day).
    const days = everyDay('2026-03-01', 29, 10);
    const p = pacingAt('2026-03-29T21:30:00Z', { budget: 310, tz: 'Europe/Berlin', days });
    expect(p.elapsed).toBeCloseTo((28 + 22.5 / 23) / 31, 12);
    expect(p.spentNano).toBe(usd(290));
    expect(p.todaySpentNano).toBe(usd(10));
    // Just after local midnight it is the 30th there, though still the 29th in UTC.
    const next = pacingAt('2026-03-29T22:30:00Z', { budget: 310, tz: 'Europe/Berlin', days });
    expect(next.daysLeft).toBe(2);
    expect(next.todayAllowanceNano).toBe(usd(10));
  });

  it('the ideal line never steps back across a change', () => {
    let previous = -1;
    // From the period's start (midnight EDT) through the 25-hour day and into the next.
    for (let t = Date.parse('2026-11-01T04:00:00Z'); t < Date.parse('2026-11-02T12:00:00Z'); t += 15 * 60_000) {
      const p = pacingAt(new Date(t).toISOString(), { budget: 300, tz: 'America/New_York' });
      expect(p.elapsed).toBeGreaterThanOrEqual(previous);
      previous = p.elapsed;
    }
  });
});
