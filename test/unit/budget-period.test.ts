import { describe, expect, it } from 'vitest';
import { budgetPeriod, previousBudgetPeriod } from '../../shared/budget/period.js';

const at = (iso: string) => Date.parse(iso);

describe('budgetPeriod', () => {
  it('is the calendar month with reset day 1', () => {
    const p = budgetPeriod(at('2026-02-14T12:00:00Z'), 1, 'UTC');
    expect(p).toMatchObject({ start: '2026-02-01', last: '2026-02-28', next: '2026-03-01', today: '2026-02-14', daysTotal: 28, daysLeft: 15, daysElapsed: 13 });
    expect(p.startMs).toBe(at('2026-02-01T00:00:00Z'));
    expect(p.endMs).toBe(at('2026-03-01T00:00:00Z'));
  });

  it('counts the first and last day of a period', () => {
    const first = budgetPeriod(at('2026-01-15T00:00:00Z'), 15, 'UTC');
    expect(first).toMatchObject({ start: '2026-01-15', next: '2026-02-15', daysTotal: 31, daysLeft: 31, daysElapsed: 0 });
    const last = budgetPeriod(at('2026-02-14T23:59:59Z'), 15, 'UTC');
    expect(last).toMatchObject({ start: '2026-01-15', last: '2026-02-14', daysLeft: 1, daysElapsed: 30 });
  });

  it('reads the day in the budget time zone', () => {
    // 2026-03-01 03:00 UTC is still February 28 in New York.
    const p = budgetPeriod(at('2026-03-01T03:00:00Z'), 1, 'America/New_York');
    expect(p.start).toBe('2026-02-01');
    expect(p.endMs).toBe(at('2026-03-01T05:00:00Z'));
  });

  it('spans a DST change with whole calendar days', () => {
    const p = budgetPeriod(at('2026-03-20T12:00:00Z'), 1, 'Europe/Berlin');
    expect(p.daysTotal).toBe(31);
    expect(p.endMs - p.startMs).toBe(31 * 86_400_000 - 3_600_000);
  });

  it('wraps the year and finds the previous period', () => {
    const p = budgetPeriod(at('2026-01-03T00:00:00Z'), 10, 'UTC');
    expect(p).toMatchObject({ start: '2025-12-10', next: '2026-01-10' });
    expect(previousBudgetPeriod(at('2026-01-03T00:00:00Z'), 10, 'UTC')).toMatchObject({ start: '2025-11-10', next: '2025-12-10' });
  });

  it('refuses reset days that some months lack', () => {
    expect(() => budgetPeriod(0, 29, 'UTC')).toThrow(/1 to 28/);
    expect(() => budgetPeriod(0, 0, 'UTC')).toThrow(/1 to 28/);
  });
});
