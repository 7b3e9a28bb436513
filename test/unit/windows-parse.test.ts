/** The window parsers on recorded inputs: Anthropic's unified headers, Codex's rate_limits, Claude Code's copies. */
import { describe, expect, it } from 'vitest';
import { readClaudeStateUsage, readCodexRateLimits, readStatusLineRateLimits, readUnifiedHeaders } from '../../shared/windows/index.js';
import { isPlausibleReset, parseResetTime, windowLabel, windowMinutesOf, windowName } from '../../shared/windows/index.js';
import { ORG_A, UNIFIED_ALLOWED, UNIFIED_REJECTED, UNIFIED_WITH_SONNET } from '../fixtures/wire/anthropic-unified.js';

const S = 1000;

describe('Anthropic unified headers', () => {
  it('reads both windows, the binding one, the status and the organization', () => {
    const h = readUnifiedHeaders(UNIFIED_ALLOWED)!;
    expect(h.account).toBe(ORG_A);
    expect(h.status).toBe('allowed');
    expect(h.binding).toBe('5h');
    const byName = Object.fromEntries(h.windows.map((w) => [w.window, w]));
    expect(byName['5h']).toEqual({ window: '5h', used: 0.42, resetsAt: 1789636412 * S, status: 'allowed', windowMinutes: 300 });
    expect(byName['7d']).toEqual({ window: '7d', used: 0.3, resetsAt: 1790141111 * S, status: 'allowed', windowMinutes: 10080 });
    // Extra usage is kept as a window of its own (its disabled reason and the fallback are not).
    expect(byName.overage).toEqual({ window: 'overage', used: null, resetsAt: null, status: 'rejected', windowMinutes: null });
    expect(Object.keys(byName).sort()).toEqual(['5h', '7d', 'overage']);
  });

  it('keeps a per-model weekly window as its own', () => {
    const h = readUnifiedHeaders(UNIFIED_WITH_SONNET)!;
    expect(h.account).toBeNull();
    expect(h.binding).toBe('7d');
    expect(h.windows.find((w) => w.window === '7d_sonnet')).toEqual({ window: '7d_sonnet', used: 0, resetsAt: 1777154400 * S, status: 'allowed', windowMinutes: 10080 });
  });

  it('reads a rejected window', () => {
    const h = readUnifiedHeaders(UNIFIED_REJECTED)!;
    expect(h.status).toBe('rejected');
    expect(h.windows.find((w) => w.window === '5h')).toMatchObject({ used: 1, status: 'rejected', resetsAt: 1789644000 * S });
    expect(h.windows.find((w) => w.window === '7d')).toMatchObject({ used: 0.81, status: 'allowed_warning' });
  });

  it('is case-insensitive, takes ISO resets and unknown window names', () => {
    const h = readUnifiedHeaders([
      'Anthropic-RateLimit-Unified-30d_codegen-Utilization', '0.125',
      'ANTHROPIC-RATELIMIT-UNIFIED-30D_CODEGEN-RESET', '2026-12-31T23:00:00Z',
      'anthropic-ratelimit-unified-2h-utilization', '0.5',
      'anthropic-ratelimit-unified-2h-reset', '2026-12-07T12:00:00.123456+01:00',
    ])!;
    expect(h.windows).toEqual([
      { window: '30d_codegen', used: 0.125, resetsAt: Date.parse('2026-12-31T23:00:00Z'), status: null, windowMinutes: 43_200 },
      { window: '2h', used: 0.5, resetsAt: Date.parse('2026-12-07T11:00:00.123Z'), status: null, windowMinutes: 120 },
    ]);
  });

  it('leaves missing or unreadable fields null', () => {
    const h = readUnifiedHeaders([
      'anthropic-ratelimit-unified-5h-utilization', 'n/a',
      'anthropic-ratelimit-unified-7d-reset', 'soon',
      'anthropic-ratelimit-unified-7d-status', '',
    ])!;
    expect(h.windows).toEqual([
      { window: '5h', used: null, resetsAt: null, status: null, windowMinutes: 300 },
      { window: '7d', used: null, resetsAt: null, status: null, windowMinutes: 10080 },
    ]);
    expect(h.status).toBeNull();
    expect(h.binding).toBeNull();
  });

  it('gives the binding window the account-wide reset and status when it sends none of its own', () => {
    const h = readUnifiedHeaders([
      'anthropic-ratelimit-unified-status', 'rejected',
      'anthropic-ratelimit-unified-reset', '1789644000',
      'anthropic-ratelimit-unified-representative-claim', 'seven_day_opus',
    ])!;
    expect(h.windows).toEqual([{ window: '7d_opus', used: null, resetsAt: 1789644000 * S, status: 'rejected', windowMinutes: 10080 }]);
  });

  it('clamps a utilization past 1 and answers null without unified headers', () => {
    expect(readUnifiedHeaders(['anthropic-ratelimit-unified-5h-utilization', '1.04'])!.windows[0]!.used).toBe(1);
    expect(readUnifiedHeaders(['anthropic-ratelimit-requests-remaining', '49', 'anthropic-organization-id', ORG_A])).toBeNull();
    expect(readUnifiedHeaders([])).toBeNull();
  });
});

describe('Codex rate_limits', () => {
  const at = Date.parse('2025-11-18T21:55:53.328Z');

  it('reads primary and secondary (codex 0.58, epoch-second resets)', () => {
    const w = readCodexRateLimits(
      { primary: { used_percent: 7.0, window_minutes: 300, resets_at: 1763483205 }, secondary: { used_percent: 77.0, window_minutes: 10080, resets_at: 1763606387 } },
      at,
    );
    expect(w).toEqual([
      { window: '5h', used: 0.07, resetsAt: 1763483205 * S, status: null, windowMinutes: 300 },
      { window: '7d', used: 0.77, resetsAt: 1763606387 * S, status: null, windowMinutes: 10080 },
    ]);
  });

  it('takes resets_in_seconds from the event time (older versions)', () => {
    const w = readCodexRateLimits({ primary: { used_percent: 100, window_minutes: 299, resets_in_seconds: 3600 } }, at);
    expect(w).toEqual([{ window: '299m', used: 1, resetsAt: at + 3_600_000, status: 'rejected', windowMinutes: 299 }]);
  });

  it('names extra limits by their id and skips what it cannot read', () => {
    const w = readCodexRateLimits({ limit_id: 'codex_bengalfox', primary: { used_percent: 12.5, window_minutes: 10080, resets_at: null }, secondary: { used_percent: 'x' } }, at);
    expect(w).toEqual([{ window: '7d_codex_bengalfox', used: 0.125, resetsAt: null, status: null, windowMinutes: 10080 }]);
    expect(readCodexRateLimits({ limit_id: 'codex', primary: { used_percent: 3 } }, at)).toEqual([{ window: 'primary', used: 0.03, resetsAt: null, status: null, windowMinutes: null }]);
    expect(readCodexRateLimits(null, at)).toEqual([]);
    expect(readCodexRateLimits({ primary: null }, at)).toEqual([]);
  });
});

describe("Claude Code's copies", () => {
  it('reads the status-line input (v2.1.80+)', () => {
    const input = { session_id: 's', model: { id: 'claude-opus-4-8' }, rate_limits: { five_hour: { used_percentage: 23.5, resets_at: 1738425600 }, seven_day: { used_percentage: 41.2, resets_at: 1738857600 } } };
    expect(readStatusLineRateLimits(input)).toEqual([
      { window: '5h', used: 0.235, resetsAt: 1738425600 * S, status: null, windowMinutes: 300 },
      { window: '7d', used: 0.412, resetsAt: 1738857600 * S, status: null, windowMinutes: 10080 },
    ]);
    expect(readStatusLineRateLimits({ session_id: 's', cost: { total_cost_usd: 1 } })).toEqual([]);
  });

  it('leaves out a window whose used percentage is impossible (below 0, above 200); a window past 100% (105 is reported) is used up', () => {
    const limits = (five: unknown, seven: unknown = 10) => ({ rate_limits: { five_hour: { used_percentage: five, resets_at: 1738425600 }, seven_day: { used_percentage: seven, resets_at: 1738857600 } } });
    expect(readStatusLineRateLimits(limits(-1)).map((w) => w.window)).toEqual(['7d']);
    expect(readStatusLineRateLimits(limits(500, -0.5))).toEqual([]);
    expect(readStatusLineRateLimits(limits(200.01)).map((w) => w.window)).toEqual(['7d']);
    expect(readStatusLineRateLimits(limits(100.00000000000001, 105)).map((w) => w.used)).toEqual([1, 1]);
    expect(readStatusLineRateLimits(limits(200, 0)).map((w) => w.used)).toEqual([1, 0]);
  });

  it("reads ~/.claude.json's cachedUsageUtilization, and its organization", () => {
    const state = {
      numStartups: 40,
      oauthAccount: { organizationUuid: ORG_A, emailAddress: 'me@example.com' },
      cachedUsageUtilization: {
        fetchedAtMs: 1787522765060,
        utilization: {
          five_hour: { utilization: 2, resets_at: '2026-08-24T02:59:59Z' },
          seven_day: { utilization: 75, resets_at: '2026-08-23T22:59:59Z' },
          seven_day_opus: null,
          extra_usage: { is_enabled: false },
        },
      },
    };
    expect(readClaudeStateUsage(state)).toEqual({
      at: 1787522765060,
      account: ORG_A,
      windows: [
        { window: '5h', used: 0.02, resetsAt: Date.parse('2026-08-24T02:59:59Z'), status: null, windowMinutes: 300 },
        { window: '7d', used: 0.75, resetsAt: Date.parse('2026-08-23T22:59:59Z'), status: null, windowMinutes: 10080 },
      ],
    });
    expect(readClaudeStateUsage({ numStartups: 1 })).toBeNull();
    expect(readClaudeStateUsage({ cachedUsageUtilization: { utilization: {} } })).toBeNull();
  });
});

describe('isPlausibleReset', () => {
  const now = Date.parse('2026-12-08T12:00:00Z');
  const H = 3_600_000;
  const w = (window: string, resetsAt: number | null) => ({ window, used: 0.5, resetsAt, status: null, windowMinutes: windowMinutesOf(window) });

  it('takes a reset within the window’s length (and two hours of slack: resets come on the hour, clocks differ) from now', () => {
    expect(isPlausibleReset(w('5h', now + 5 * H), now)).toBe(true);
    expect(isPlausibleReset(w('5h', now + 7 * H), now)).toBe(true);
    expect(isPlausibleReset(w('5h', now + 7 * H + 1), now)).toBe(false);
    expect(isPlausibleReset(w('7d', now + 7 * 24 * H + 2 * H), now)).toBe(true);
    expect(isPlausibleReset(w('7d', now + 8 * 24 * H), now)).toBe(false);
    // Year 5138 (resets_at 99999999999999, read as milliseconds).
    expect(isPlausibleReset(w('5h', parseResetTime(99999999999999)), now)).toBe(false);
    // A window whose name gives no length: a month at most (extra usage is billed monthly).
    expect(isPlausibleReset(w('overage', now + 30 * 24 * H), now)).toBe(true);
    expect(isPlausibleReset(w('overage', now + 40 * 24 * H), now)).toBe(false);
    expect(isPlausibleReset(w('5h', null), now)).toBe(true);
  });

  it('takes a reset that passed within the window’s length (figures Claude Code kept while idle), not one from long before', () => {
    expect(isPlausibleReset(w('5h', now - 3 * H), now)).toBe(true);
    expect(isPlausibleReset(w('5h', now - 8 * H), now)).toBe(false);
    expect(isPlausibleReset(w('7d', parseResetTime(1)), now)).toBe(false);
  });
});

describe('names and values', () => {
  it.each([
    ['five_hour', '5h', 300, '5-hour'],
    ['seven_day', '7d', 10080, 'Weekly'],
    ['seven_day_opus', '7d_opus', 10080, 'Weekly (Opus)'],
    ['7d_sonnet', '7d_sonnet', 10080, 'Weekly (Sonnet)'],
    ['extra_usage', 'overage', null, 'Extra usage'],
    ['Weird-Window', 'weird-window', null, 'weird-window'],
  ] as const)('%s is %s', (raw, name, minutes, label) => {
    expect(windowName(raw)).toBe(name);
    expect(windowMinutesOf(name)).toBe(minutes);
    expect(windowLabel(name)).toBe(label);
  });

  it.each([
    [1789636412, 1789636412000],
    ['1789636412', 1789636412000],
    ['1789636412000', 1789636412000],
    ['2026-09-17T09:13:32Z', 1789636412000],
    ['2026-09-17T09:13:32.000000+00:00', 1789636412000],
    ['', null],
    ['tomorrow', null],
    [-5, null],
  ] as const)('reset %j is %s', (value, ms) => {
    expect(parseResetTime(value)).toBe(ms);
  });
});
