import { describe, expect, it } from 'vitest';
import { readStatusLineInput } from '../../shared/statusline/status-input.js';
import { statusLineText, tightestWindow } from '../../shared/statusline/status-text.js';

const USD = 1_000_000_000;

describe("Claude Code's status-line input", () => {
  it('reads the documented fields: session, model, directory, cost, rate limits', () => {
    const input = readStatusLineInput({
      hook_event_name: 'Status',
      session_id: 'abc-123',
      cwd: '/home/dev/other',
      model: { id: 'claude-opus-4-1', display_name: 'Opus' },
      workspace: { current_dir: '/home/dev/app', project_dir: '/home/dev/app' },
      cost: { total_cost_usd: 1.2345, total_duration_ms: 1000 },
      rate_limits: { five_hour: { used_percentage: 42, resets_at: 1_738_425_600 }, seven_day: { used_percentage: 64, resets_at: 1_738_857_600 } },
    });
    expect(input).toEqual({
      sessionId: 'abc-123',
      model: 'Opus',
      directory: '/home/dev/app',
      sessionCostNano: 1_234_500_000,
      windows: [
        { window: '5h', used: 0.42, resetsAt: 1_738_425_600_000, status: null, windowMinutes: 300 },
        { window: '7d', used: 0.64, resetsAt: 1_738_857_600_000, status: null, windowMinutes: 10_080 },
      ],
    });
  });

  it('reads missing and wrong-typed fields as absent, never throws', () => {
    const empty = { sessionId: null, model: null, directory: null, sessionCostNano: null, windows: [] };
    expect(readStatusLineInput(null)).toEqual(empty);
    expect(readStatusLineInput([1, 2])).toEqual(empty);
    expect(readStatusLineInput({ cost: { total_cost_usd: '0.42' }, model: 'Opus', rate_limits: 'none' })).toEqual(empty);
    expect(readStatusLineInput({ cost: { total_cost_usd: -1 } }).sessionCostNano).toBeNull();
    expect(readStatusLineInput({ cost: { total_cost_usd: Number.NaN } }).sessionCostNano).toBeNull();
    expect(readStatusLineInput({ model: { id: 'claude-sonnet-4-5' }, cwd: '/x' })).toMatchObject({ model: 'claude-sonnet-4-5', directory: '/x' });
    // A top-level five_hour without rate_limits is not a rate limit.
    expect(readStatusLineInput({ five_hour: { used_percentage: 10, resets_at: 1 } }).windows).toEqual([]);
  });
});

describe('the status line', () => {
  it('joins what is known: session, today against the allowance, the window', () => {
    expect(statusLineText({ sessionCostNano: 0.42 * USD, today: { spentNano: 3.1 * USD, allowanceNano: 5 * USD }, window: { short: '5h 84% · resets 16:40' } })).toBe(
      '$0.42 session | $3.10 of $5.00 today | 5h 84% · resets 16:40',
    );
    expect(statusLineText({ sessionCostNano: null, today: { spentNano: 3.1 * USD, allowanceNano: null }, window: null })).toBe('$3.10 today');
    expect(statusLineText({ sessionCostNano: 0.0036 * USD, today: null, window: null, problem: 'no ledger yet' })).toBe('$0.0036 session | tokentally: no ledger yet');
  });

  it('is never empty (Claude Code would blank the line)', () => {
    expect(statusLineText({ sessionCostNano: null, today: null, window: null })).toBe('tokentally: nothing to show yet');
  });

  it('takes the tightest window that is not stale, never a budget', () => {
    const runway = [
      { kind: 'budget' as const, stale: false, short: '$1.00 left' },
      { kind: 'window' as const, stale: true, short: '5h 99% · stale' },
      { kind: 'window' as const, stale: false, short: '7d 64% · resets Fri 08:00' },
      { kind: 'window' as const, stale: false, short: '5h 10% · resets 10:00' },
    ];
    expect(tightestWindow(runway)?.short).toBe('7d 64% · resets Fri 08:00');
    expect(tightestWindow(runway.slice(0, 2))).toBeNull();
  });
});
