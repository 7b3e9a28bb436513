/** The runway ranking, the window notification rule and the window-value rule, on written cases. */
import { describe, expect, it } from 'vitest';
import type { RunwayItem } from '../../shared/api/contract-windows.js';
import { budgetRunwayEntry, rankRunway, runwayDetail, runwayFigure, tightest, windowAlertKey, windowAlertsDue, windowValue, type AlertableWindow, type RunwayEntry } from '../../shared/windows/index.js';

const MIN = 60_000;
const H = 60 * MIN;
const USD = 1_000_000_000;
const now = Date.parse('2026-12-07T12:00:00Z');

function entry(key: string, over: Partial<RunwayEntry> = {}): RunwayEntry {
  return { kind: 'window', key, label: key, short: key, used: 0.5, resetsAt: now + 3 * H, exhaustsAt: null, runsOutBeforeReset: false, blocked: false, stale: false, ageMs: 0, ...over };
}

describe('runway ranking', () => {
  it('rejected first, then projected to run out before reset, then by time to exhaustion, stale last', () => {
    const ranked = rankRunway([
      entry('stale-rejected', { blocked: false, stale: true, used: 1 }),
      entry('weekly-later', { exhaustsAt: now + 100 * H, resetsAt: now + 50 * H }),
      entry('budget-never', { kind: 'budget', exhaustsAt: null, used: 0.2 }),
      entry('5h-runs-out-late', { exhaustsAt: now + 2 * H, runsOutBeforeReset: true }),
      entry('rejected', { blocked: true, exhaustsAt: now - H, runsOutBeforeReset: true, used: 1 }),
      entry('5h-runs-out-soon', { exhaustsAt: now + H, runsOutBeforeReset: true }),
      // Runs out sooner than both 5h entries, but only after its own reset: ranked below them.
      entry('after-reset-soon', { exhaustsAt: now + 30 * MIN, resetsAt: now + 10 * MIN }),
    ]);
    expect(ranked.map((e) => e.key)).toEqual(['rejected', '5h-runs-out-soon', '5h-runs-out-late', 'after-reset-soon', 'weekly-later', 'budget-never', 'stale-rejected']);
    expect(tightest(ranked)!.key).toBe('rejected');
    expect(tightest([entry('s', { stale: true })])).toBeNull();
  });

  it('equal projections: the fuller first, then by key', () => {
    const ranked = rankRunway([entry('b', { used: 0.3 }), entry('a', { used: 0.3 }), entry('c', { used: 0.9 })]);
    expect(ranked.map((e) => e.key)).toEqual(['c', 'a', 'b']);
  });

  it('a budget runs out when spend reaches it at the pace so far', () => {
    const start = Date.parse('2026-12-01T00:00:00Z');
    const end = Date.parse('2027-01-01T00:00:00Z');
    // $61.80 of $100 in 6.5 days: $100 is reached on day 10.5, before the period ends.
    const b = budgetRunwayEntry({ key: 'budget:overall', label: 'Monthly budget', budgetNano: 100 * USD, spentNano: 61.8 * USD, periodStartMs: start, periodEndMs: end, capReached: false }, now);
    expect(b).toMatchObject({ kind: 'budget', short: '$38.20 left', runsOutBeforeReset: true, blocked: false, resetsAt: end });
    expect(b.used).toBeCloseTo(0.618);
    expect(b.exhaustsAt).toBe(start + Math.round((now - start) / 0.618));

    const slow = budgetRunwayEntry({ key: 'k', label: 'l', budgetNano: 100 * USD, spentNano: 5 * USD, periodStartMs: start, periodEndMs: end, capReached: false }, now);
    expect(slow.runsOutBeforeReset).toBe(false);
    const over = budgetRunwayEntry({ key: 'k', label: 'l', budgetNano: 100 * USD, spentNano: 103.1 * USD, periodStartMs: start, periodEndMs: end, capReached: true }, now);
    expect(over).toMatchObject({ short: '$3.10 over', blocked: true, exhaustsAt: now, runsOutBeforeReset: true });
    const nothing = budgetRunwayEntry({ key: 'k', label: 'l', budgetNano: 100 * USD, spentNano: 0, periodStartMs: start, periodEndMs: end, capReached: false }, now);
    expect(nothing).toMatchObject({ exhaustsAt: null, runsOutBeforeReset: false, used: 0 });
  });
});

describe('window notifications', () => {
  const reset = now + 3 * H;
  const w = (over: Partial<AlertableWindow> = {}): AlertableWindow => ({ provider: 'anthropic', account: 'org', window: '5h', label: 'Claude 5-hour', used: 0.55, resetsAt: reset, blocked: false, stale: false, ...over });

  it('once per threshold per reset: the highest of those crossed at once', () => {
    const first = windowAlertsDue([w({ used: 0.8 })], [50, 75, 90], new Set(), now, 'UTC');
    expect(first).toEqual([{ provider: 'anthropic', account: 'org', window: '5h', cycle: reset, levels: ['50', '75'], message: 'Claude 5-hour window 80% used (75% alert) · resets 15:00' }]);
    const sent = new Set(first[0]!.levels.map((l) => windowAlertKey(first[0]!, l)));
    expect(windowAlertsDue([w({ used: 0.85 })], [50, 75, 90], sent, now, 'UTC')).toEqual([]);
    expect(windowAlertsDue([w({ used: 0.9 })], [50, 75, 90], sent, now, 'UTC')[0]).toMatchObject({ levels: ['90'] });
    // The next window (a new reset) starts over.
    expect(windowAlertsDue([w({ used: 0.6, resetsAt: reset + 5 * H })], [50, 75, 90], sent, now, 'UTC')[0]).toMatchObject({ levels: ['50'], cycle: reset + 5 * H });
  });

  it('one when the window is refused, and none after for that reset', () => {
    const due = windowAlertsDue([w({ used: 1, blocked: true })], [50, 75, 90], new Set([windowAlertKey({ provider: 'anthropic', account: 'org', window: '5h', cycle: reset }, '50')]), now, 'UTC');
    expect(due).toEqual([{ provider: 'anthropic', account: 'org', window: '5h', cycle: reset, levels: ['rejected', '75', '90'], message: 'Claude 5-hour limit reached: calls are refused until it resets · resets 15:00' }]);
    const sent = new Set(['50', ...due[0]!.levels].map((l) => windowAlertKey(due[0]!, l)));
    expect(windowAlertsDue([w({ used: 1, blocked: true })], [50, 75, 90], sent, now, 'UTC')).toEqual([]);
  });

  it('settable thresholds; nothing for stale readings, extra usage or unknown use', () => {
    expect(windowAlertsDue([w({ used: 0.3 })], [25], new Set(), now, 'UTC')[0]).toMatchObject({ levels: ['25'] });
    expect(windowAlertsDue([w({ used: 0.3 })], [50, 75, 90], new Set(), now, 'UTC')).toEqual([]);
    expect(windowAlertsDue([w({ used: 0.99, stale: true })], [50], new Set(), now, 'UTC')).toEqual([]);
    expect(windowAlertsDue([w({ window: 'overage', used: null, blocked: true })], [50], new Set(), now, 'UTC')).toEqual([]);
    expect(windowAlertsDue([w({ used: null })], [50], new Set(), now, 'UTC')).toEqual([]);
  });
});

describe('window value', () => {
  const r1 = now + 5 * H;
  const r2 = now + 10 * H;
  it('Σ cost between snapshots of the same cycle ÷ Σ Δused', () => {
    const snaps = [
      { at: now, used: 0.1, resetsAt: r1 },
      { at: now + H, used: 0.2, resetsAt: r1 },
      { at: now + 2 * H, used: 0.2, resetsAt: r1 + 40_000 }, // same reset, a few seconds' jitter
      { at: now + 3 * H, used: 0.4, resetsAt: r1 },
      // Next cycle: the pair across the reset is not counted.
      { at: now + 6 * H, used: 0.05, resetsAt: r2 },
      { at: now + 7 * H, used: 0.15, resetsAt: r2 },
    ];
    const calls = [
      { time: now - 1, costNano: 999 * USD }, // before the first snapshot
      { time: now + 30 * MIN, costNano: 1 * USD },
      { time: now + 90 * MIN, costNano: 0.5 * USD }, // Δused 0: still part of the window's filling
      { time: now + 150 * MIN, costNano: 2.5 * USD },
      { time: now + 5 * H, costNano: 7 * USD }, // between cycles
      { time: now + 6.5 * H, costNano: 1 * USD },
    ];
    const v = windowValue(snaps, calls);
    expect(v.observedUsed).toBeCloseTo(0.4);
    expect(v.costNano).toBe(5 * USD);
    expect(v.cycles).toBe(2);
    expect(v.enough).toBe(true);
    expect(v.fullWindowNano).toBe(Math.round((5 * USD) / v.observedUsed)); // $12.50 a full window
  });

  it('too little seen: under 10 points of change, or no cost', () => {
    const snaps = [
      { at: now, used: 0.1, resetsAt: r1 },
      { at: now + H, used: 0.15, resetsAt: r1 },
    ];
    expect(windowValue(snaps, [{ time: now + 1, costNano: USD }])).toMatchObject({ enough: false, fullWindowNano: null, costNano: USD });
    expect(windowValue([{ at: now, used: 0, resetsAt: r1 }, { at: now + H, used: 0.5, resetsAt: r1 }], [])).toMatchObject({ enough: false, fullWindowNano: null });
    expect(windowValue([], [])).toMatchObject({ cycles: 0, observedUsed: 0, enough: false });
  });

  it('a fall within a cycle (an early reset) and readings without a reset are left out', () => {
    const snaps = [
      { at: now, used: 0.6, resetsAt: r1 },
      { at: now + H, used: 0.02, resetsAt: r1 },
      { at: now + 2 * H, used: 0.3, resetsAt: r1 },
      { at: now + 3 * H, used: 0.9, resetsAt: null },
    ];
    const v = windowValue(snaps, [{ time: now + 30 * MIN, costNano: 4 * USD }, { time: now + 90 * MIN, costNano: 3 * USD }]);
    expect(v.observedUsed).toBeCloseTo(0.28);
    expect(v.costNano).toBe(3 * USD);
  });
});

describe('runway words', () => {
  const item = (over: Partial<RunwayItem> = {}): RunwayItem => ({
    kind: 'window',
    key: 'window:anthropic:org:5h',
    label: 'Claude 5-hour',
    short: '5h 84% · resets 16:40',
    used: 0.84,
    resetsAt: '2026-12-07T16:40:00.000Z',
    exhaustsAt: '2026-12-07T14:26:40.000Z',
    runsOutBeforeReset: true,
    blocked: false,
    stale: false,
    ageMs: 0,
    ...over,
  });

  it('says when a window runs out, resets, or refuses', () => {
    expect(runwayFigure(item())).toBe('84%');
    expect(runwayDetail(item(), now, 'UTC')).toBe('used up at 14:26 at this pace, before it resets 16:40');
    expect(runwayDetail(item({ runsOutBeforeReset: false, exhaustsAt: '2026-12-08T02:00:00.000Z' }), now, 'UTC')).toBe('resets 16:40 · lasts at this pace');
    expect(runwayDetail(item({ exhaustsAt: null, runsOutBeforeReset: false }), now, 'UTC')).toBe('resets 16:40');
    expect(runwayFigure(item({ blocked: true }))).toBe('used up');
    expect(runwayDetail(item({ blocked: true }), now, 'UTC')).toBe('refused until it resets 16:40');
    expect(runwayDetail(item({ stale: true, resetsAt: '2026-12-07T09:00:00.000Z' }), now, 'UTC')).toBe('stale: it reset at 09:00');
    expect(runwayDetail(item({ stale: true, resetsAt: '2026-12-09T09:00:00.000Z' }), now, 'UTC')).toBe('stale: older than the window');
  });

  it('speaks of a budget in days', () => {
    const budget = item({ kind: 'budget', key: 'budget:overall', label: 'Overall budget', short: '$38.20 left', used: 0.62, resetsAt: '2027-01-01T00:00:00.000Z', exhaustsAt: '2026-12-18T10:00:00.000Z' });
    expect(runwayFigure(budget)).toBe('$38.20 left');
    expect(runwayDetail(budget, now, 'UTC')).toBe('runs out on Dec 18 at this pace, before it resets Jan 1');
    expect(runwayDetail({ ...budget, blocked: true }, now, 'UTC')).toBe('hard cap reached · resets Jan 1');
    // Used up without a cap: no forecast of a day already past, the same words as the alerts.
    const usedUp = { ...budget, short: '$0.0627 over', used: 1.19, exhaustsAt: '2026-12-07T12:00:00.000Z' };
    expect(runwayDetail(usedUp, now, 'UTC')).toBe('over budget (119%) · resets Jan 1');
    expect(runwayDetail({ ...usedUp, used: 1 }, now, 'UTC')).toBe('over budget (100%) · resets Jan 1');
  });
});
