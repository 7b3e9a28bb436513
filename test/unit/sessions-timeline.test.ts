import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../shared/api/contract-sessions.js';
import { formatDuration } from '../../shared/sessions/session-words.js';
import { placeOnDay, timelineDays } from '../../shared/sessions/timeline.js';
import { windowBlocks } from '../../shared/sessions/window-blocks.js';

const H = 3_600_000;
const T0 = Date.parse('2026-12-03T00:00:00Z');
const KEY = { provider: 'anthropic', account: 'org-1', window: '5h' };

function session(id: string, start: number, end: number): SessionSummary {
  return { sessionId: id, project: '/p', provider: 'anthropic', startMs: start, endMs: end, calls: 2, tokens: 10, costNano: 1, spendNano: 0, unpriced: 0, models: ['m'] };
}

describe('windowBlocks', () => {
  it('makes one cycle of the readings that share a reset, used as far as the highest reading, refused if one says so', () => {
    const reset1 = T0 + 5 * H;
    const reset2 = T0 + 11 * H;
    const blocks = windowBlocks(KEY, 300, [
      { at: T0 + 1 * H, used: 0.1, resetsAt: reset1, status: 'allowed' },
      { at: T0 + 4 * H, used: 0.62, resetsAt: reset1 + 1000, status: 'allowed_warning' },
      { at: T0 + 2 * H, used: 0.3, resetsAt: reset1, status: 'allowed' },
      { at: T0 + 7 * H, used: 1, resetsAt: reset2, status: 'rejected' },
      { at: T0 + 8 * H, used: null, resetsAt: null, status: null },
    ]);
    expect(blocks).toEqual([
      { ...KEY, fromMs: reset1 - 5 * H, toMs: reset1, used: 0.62, blocked: false, lastSeenMs: T0 + 4 * H },
      { ...KEY, fromMs: reset2 - 5 * H, toMs: reset2, used: 1, blocked: true, lastSeenMs: T0 + 7 * H },
    ]);
  });

  it('has no cycle without a reset to place it', () => {
    expect(windowBlocks(KEY, 300, [{ at: T0, used: 0.5, resetsAt: null, status: null }])).toEqual([]);
  });
});

describe('placeOnDay', () => {
  const day = [T0, T0 + 24 * H] as const;
  it.each([
    ['a span inside the day', T0 + 6 * H, T0 + 12 * H, { left: 0.25, width: 0.25 }],
    ['a span from the day before, cut at midnight', T0 - 2 * H, T0 + 6 * H, { left: 0, width: 0.25 }],
    ['a span into the next day, cut at midnight', T0 + 18 * H, T0 + 30 * H, { left: 0.75, width: 0.25 }],
    ['a span ending at midnight', T0 - 6 * H, T0, null],
    ['an instant at midnight', T0, T0, { left: 0, width: 0.003 }],
    ['an instant at the next midnight', T0 + 24 * H, T0 + 24 * H, null],
    ['an instant at noon: a sliver', T0 + 12 * H, T0 + 12 * H, { left: 0.5, width: 0.003 }],
  ])('%s', (_what, from, to, want) => {
    expect(placeOnDay(from, to, ...day)).toEqual(want);
  });
});

describe('timelineDays', () => {
  it('gives a row to each day with a session, the cycles over it, overlapping sessions on lanes of their own', () => {
    const a = session('a', T0 + 9 * H, T0 + 12 * H);
    const b = session('b', T0 + 10 * H, T0 + 11 * H);
    const c = session('c', T0 + 13 * H, T0 + 14 * H);
    const late = session('late', T0 + 2 * 24 * H + 23 * H, T0 + 3 * 24 * H + H);
    const cycle = { ...KEY, fromMs: T0 + 8 * H, toMs: T0 + 13 * H, used: 0.4, blocked: false, lastSeenMs: T0 + 12 * H };
    const days = timelineDays('2026-12-03', '2026-12-06', 'UTC', [late, c, b, a], [cycle]);
    expect(days.map((d) => d.day)).toEqual(['2026-12-03', '2026-12-05', '2026-12-06']);
    const first = days[0]!;
    expect(first.lanes).toBe(2);
    expect(first.sessions.map((s) => [s.item.sessionId, s.lane])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ]);
    expect(first.windows).toEqual([{ item: cycle, left: 8 / 24, width: 5 / 24 }]);
    // A session across midnight shows on both days; days without a session are left out.
    expect(days[1]!.sessions[0]!.left).toBeCloseTo(23 / 24, 12);
    expect(days[1]!.sessions[0]!.width).toBeCloseTo(1 / 24, 12);
    expect(days[2]!.sessions[0]).toMatchObject({ left: 0, width: 1 / 24 });
    expect(days[1]!.windows).toEqual([]);
  });

  it('reads days in the zone: a session at 23:30 UTC is the next day in Tokyo', () => {
    const s = session('tokyo', Date.parse('2026-12-03T23:30:00Z'), Date.parse('2026-12-03T23:50:00Z'));
    expect(timelineDays('2026-12-03', '2026-12-04', 'Asia/Tokyo', [s], []).map((d) => d.day)).toEqual(['2026-12-04']);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'under a minute'],
    [59_000, 'under a minute'],
    [12 * 60_000, '12 min'],
    [H, '1 h'],
    [H + 20 * 60_000, '1 h 20 min'],
    [24 * H, '1 day'],
    [51 * H, '2 days 3 h'],
  ])('%d ms reads "%s"', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
