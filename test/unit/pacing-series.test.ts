import { describe, expect, it } from 'vitest';
import { computePacing, pacingPoints } from '../../shared/pacing/index.js';
import { everyDay, pacingInput, usd } from './pacing-fixtures.js';

describe('pacing series: the charts agree with the numbers', () => {
  const input = pacingInput('2026-03-11T12:00:00Z', { budget: 310, days: { ...everyDay('2026-03-01', 10, 8), '2026-03-11': 30 } });
  const points = pacingPoints(input);
  const pacing = computePacing(input);

  it('one point per day; past days known, future days projected', () => {
    expect(points).toHaveLength(31);
    expect(points[0]!.day).toBe('2026-03-01');
    expect(points[30]!.day).toBe('2026-03-31');
    expect(points[9]).toMatchObject({ spendNano: usd(8), cumulativeNano: usd(80), projectedLinearNano: null });
    expect(points[11]).toMatchObject({ spendNano: null, cumulativeNano: null, allowanceNano: null });
  });

  it("today's point carries the spend, the allowance and the start of the projections", () => {
    const today = points[10]!;
    expect(today.cumulativeNano).toBe(pacing.spentNano);
    expect(today.allowanceNano).toBe(pacing.todayAllowanceNano);
    expect(today.projectedLinearNano).toBeGreaterThan(pacing.spentNano);
  });

  it('the lines end where the projections and the budget say', () => {
    expect(points[30]!.idealNano).toBe(usd(310));
    expect(points[30]!.projectedLinearNano).toBe(pacing.projectedLinearNano);
    expect(points[30]!.projectedRobustNano).toBe(pacing.projectedRobustNano);
    expect(points[0]!.allowanceNano).toBe(usd(10));
  });
});
