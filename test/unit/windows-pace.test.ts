/** Window pacing and staleness on recorded readings: even pace, ahead, rejected, resets in the past, missing fields. */
import { describe, expect, it } from 'vitest';
import type { WindowReading } from '../../shared/api/contract-windows.js';
import { formatAge, formatResetClock, readUnifiedHeaders, windowPace, windowTitle } from '../../shared/windows/index.js';
import { UNIFIED_ALLOWED, UNIFIED_REJECTED } from '../fixtures/wire/anthropic-unified.js';

const MIN = 60_000;
const H = 60 * MIN;
const reset = Date.parse('2026-12-07T16:40:00Z');
const fiveHour = (used: number | null, over: Partial<WindowReading> = {}): WindowReading => ({ window: '5h', used, resetsAt: reset, status: 'allowed', windowMinutes: 300, ...over });

describe('windowPace', () => {
  it('a window used as fast as its time goes runs out right at its reset', () => {
    const at = reset - 3 * H; // 2 of 5 hours gone
    const p = windowPace(fiveHour(0.4), at, at);
    expect(p).toMatchObject({ stale: false, blocked: false, elapsed: 0.4, msToReset: 3 * H });
    expect(p.paceDelta).toBeCloseTo(0);
    expect(p.exhaustsAt).toBe(reset);
    expect(p.runsOutBeforeReset).toBe(false);
  });

  it('84% after 2 hours: 44 points ahead, used up at 14:03 — before the 16:40 reset', () => {
    const at = reset - 3 * H; // window opened 11:40
    const p = windowPace(fiveHour(0.84), at, at + 5 * MIN);
    expect(p.paceDelta).toBeCloseTo(0.44);
    expect(new Date(p.exhaustsAt!).toISOString()).toBe('2026-12-07T14:02:51.429Z');
    expect(p.runsOutBeforeReset).toBe(true);
    expect(p.msToReset).toBe(3 * H - 5 * MIN);
  });

  it('slow use lasts past the reset', () => {
    const at = reset - H;
    const p = windowPace(fiveHour(0.2), at, at);
    expect(p.paceDelta).toBeCloseTo(-0.6);
    expect(p.exhaustsAt).toBe(reset - 5 * H + 20 * H);
    expect(p.runsOutBeforeReset).toBe(false);
  });

  it('a rejected window is blocked and already used up', () => {
    const h = readUnifiedHeaders(UNIFIED_REJECTED)!;
    const w = h.windows.find((x) => x.window === '5h')!;
    const at = w.resetsAt! - 2 * H;
    const p = windowPace(w, at, at + MIN);
    expect(p).toMatchObject({ blocked: true, stale: false, exhaustsAt: at, runsOutBeforeReset: true });
  });

  it('a reading whose reset has passed is stale, and not projected', () => {
    const p = windowPace(fiveHour(0.97, { status: 'rejected' }), reset - H, reset + MIN);
    expect(p).toMatchObject({ stale: true, staleReason: 'reset-passed', blocked: false, exhaustsAt: null, runsOutBeforeReset: false, msToReset: -MIN });
  });

  it('a reading older than its window is stale even before its stated reset', () => {
    const w = fiveHour(0.1, { resetsAt: reset + 10 * H }); // a reset further out than the window (clock skew, bad data)
    const p = windowPace(w, reset - 6 * H, reset);
    expect(p).toMatchObject({ stale: true, staleReason: 'older-than-window' });
  });

  it('without used or a reset there is no pace and no projection', () => {
    expect(windowPace(fiveHour(null), reset - H, reset - H)).toMatchObject({ paceDelta: null, exhaustsAt: null, runsOutBeforeReset: false, elapsed: 0.8 });
    const noReset = windowPace(fiveHour(0.5, { resetsAt: null }), reset, reset);
    expect(noReset).toMatchObject({ stale: false, msToReset: null, elapsed: null, exhaustsAt: null });
  });

  it('a window of unknown length takes its pace from an earlier reading of the same cycle', () => {
    const w: WindowReading = { window: 'overage', used: 0.5, resetsAt: reset, status: null, windowMinutes: null };
    const p = windowPace(w, reset - 2 * H, reset - 2 * H, { at: reset - 3 * H, used: 0.3 });
    // 20 points an hour: the last 50 points take 2.5 hours, half an hour past the reset.
    expect(p.exhaustsAt).toBe(reset + 30 * MIN);
    expect(p.runsOutBeforeReset).toBe(false);
    expect(windowPace(w, reset - 2 * H, reset - 2 * H, null).exhaustsAt).toBeNull();
  });

  it('the recorded allowed response: 42% of the 5-hour window', () => {
    const h = readUnifiedHeaders(UNIFIED_ALLOWED)!;
    const w = h.windows.find((x) => x.window === '5h')!;
    const at = Date.parse('2026-09-17T06:13:32Z'); // the Date header: 3 hours before the 09:13:32 reset
    const p = windowPace(w, at, at);
    expect(p.elapsed).toBeCloseTo(0.4);
    expect(p.paceDelta).toBeCloseTo(0.02);
    expect(p.runsOutBeforeReset).toBe(true);
  });
});

describe('window words', () => {
  const now = Date.parse('2026-12-07T12:00:00Z'); // a Monday
  it('formats resets today, this week and later in the zone', () => {
    expect(formatResetClock(reset, now, 'UTC')).toBe('16:40');
    expect(formatResetClock(reset, now, 'Asia/Tokyo')).toBe('Tue 01:40');
    expect(formatResetClock(reset + 3 * 24 * H, now, 'UTC')).toBe('Thu 16:40');
    expect(formatResetClock(reset + 9 * 24 * H, now, 'UTC')).toBe('Dec 16 16:40');
  });

  it('formats ages', () => {
    expect(formatAge(20_000)).toBe('just now');
    expect(formatAge(4 * MIN + 59_000)).toBe('4 min ago');
    expect(formatAge(2 * H)).toBe('2 h ago');
    expect(formatAge(72 * H)).toBe('3 days ago');
  });

  it('titles a window for the tray', () => {
    expect(windowTitle({ window: '5h', used: 0.84, resetsAt: reset, stale: false, blocked: false }, now, 'UTC')).toBe('5h 84% · resets 16:40');
    expect(windowTitle({ window: '7d_opus', used: 1, resetsAt: reset + 3 * 24 * H, stale: false, blocked: true }, now, 'UTC')).toBe('7d opus used up · resets Thu 16:40');
    expect(windowTitle({ window: '5h', used: 0.84, resetsAt: reset, stale: true, blocked: false }, now, 'UTC')).toBe('5h 84% · stale');
  });
});
