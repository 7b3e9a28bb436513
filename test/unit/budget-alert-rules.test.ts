import { describe, expect, it } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { alertRank, dueAlerts, reachedThresholds } from '../../shared/budget/alert-rules.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { computePacing } from '../../shared/pacing/index.js';
import { everyDay, pacingInput } from './pacing-fixtures.js';

const NOW = '2026-03-11T12:00:00Z';

function budget(partial: Partial<Budget> = {}): Budget {
  return { scope: 'overall', scopeValue: null, monthlyNano: 100_000_000_000, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90], ...partial };
}

function due(b: Budget, days: Record<string, number>, dataSince?: string | null) {
  const input = pacingInput(NOW, { budget: b.monthlyNano / 1e9, days, dataSince });
  return dueAlerts(b, computePacing(input), budgetPeriod(input.now, b.resetDay, b.tz));
}

describe('budget alert rules', () => {
  it('each threshold spend has reached, with the figures in the message', () => {
    const alerts = due(budget(), { '2026-03-11': 80 }, '2026-03-11');
    expect(alerts.map((a) => [a.kind, a.threshold])).toEqual([
      ['threshold', 50],
      ['threshold', 75],
    ]);
    expect(alerts[1]!.message).toBe('Overall budget: 75% used ($80.00 of $100.00), 21 days left.');
  });

  it('a projection past the budget, once there is a day of history', () => {
    // $6 a day for 10 days: $60 spent, the median projects $60 + 6 × 20.5 = $183; at the pace so far
    // ($60 in 10.5 days) $100 is reached 17.5 days in, on 18 March.
    const days = everyDay('2026-03-01', 10, 6);
    const alerts = due(budget({ alerts: [] }), days, '2026-03-01');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'projection', threshold: 100 });
    expect(alerts[0]!.message).toContain('on course to end the period at $183.00, over its $100.00; at this pace it runs out on 2026-03-18.');
    // The first day of data alone projects nothing.
    expect(due(budget({ alerts: [] }), { '2026-03-11': 60 }, '2026-03-11')).toEqual([]);
  });

  it('a hard cap used up says so; a soft budget used up says "over budget" once, with its real percentage', () => {
    const hard = due(budget({ scope: 'provider', scopeValue: 'openai', hard: true, alerts: [] }), { '2026-03-05': 100 });
    expect(hard.map((a) => a.kind)).toEqual(['cap']);
    expect(hard[0]!.message).toBe('openai budget: over budget (100%), hard cap: calls are being refused ($100.00 of $100.00) until 2026-04-01 (UTC).');
    const soft = due(budget({ alerts: [] }), { '2026-03-05': 120 });
    expect(soft.map((a) => [a.kind, a.threshold])).toEqual([['threshold', 100]]);
    expect(soft[0]!.message).toMatch(/^Overall budget: over budget \(120%\), \$120\.00 of \$100\.00/);
  });

  it('a budget at 138% is "over budget (138%)", never its last threshold', () => {
    const over = due(budget({ alerts: [50, 80] }), { '2026-03-05': 138 });
    expect(over.map((a) => a.threshold)).toEqual([100]);
    expect(over[0]!.message).toContain('over budget (138%)');
    expect(over.some((a) => a.message.includes('80%'))).toBe(false);
  });

  it('a zero budget: any spend reaches every threshold; none without spend', () => {
    expect(due(budget({ monthlyNano: 0 }), {})).toEqual([]);
    // Any spend uses a zero budget up: "over budget", once.
    expect(due(budget({ monthlyNano: 0 }), { '2026-03-05': 0.01 }).map((a) => [a.threshold, a.message.includes('over budget')])).toEqual([[100, true]]);
    expect(reachedThresholds([50], { spentNano: 0, budgetNano: 0 })).toEqual([]);
  });

  it('ranks a cap above any threshold above a projection', () => {
    expect(alertRank({ kind: 'cap', threshold: 100 })).toBeGreaterThan(alertRank({ kind: 'threshold', threshold: 200 }));
    expect(alertRank({ kind: 'threshold', threshold: 50 })).toBeGreaterThan(alertRank({ kind: 'projection', threshold: 100 }));
  });
});
