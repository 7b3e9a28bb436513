import { describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/api/contract.js';
import type { RunwayItem } from '../../shared/api/contract-windows.js';
import { fitTooltip, TOOLTIP_MAX_CHARS, trayText } from '../../shared/glance/tray-text.js';

const USD = 1_000_000_000;
const usd = (dollars: number) => Math.round(dollars * USD);

function summary(over: Partial<Summary> = {}): Summary {
  return {
    now: Date.parse('2026-03-19T12:00:00Z'),
    tz: 'UTC',
    period: { start: '2026-03-01', end: '2026-03-31', daysTotal: 31, daysLeft: 13 },
    spentNano: usd(61.8),
    todaySpentNano: usd(1.12),
    budgetNano: usd(100),
    remainingNano: usd(38.2),
    todayAllowanceNano: usd(2.93),
    subscriptionCostNano: 0,
    requestsToday: 34,
    unpricedThisPeriod: 0,
    topModelsToday: [],
    proxy: { listening: true, url: 'http://127.0.0.1:8787', port: 8787, error: null },
    pacing: null,
    lastAlert: null,
    capLiftedUntil: null,
    hasHardCap: false,
    ...over,
  };
}

describe('trayText', () => {
  it('shows month remaining and today with a budget', () => {
    const text = trayText(summary());
    expect(text.title).toBe('$38.20 left · $1.12 today');
    expect(text.state).toBe('ok');
    expect(text.tooltip).toBe('Tokentally\n$38.20 left of $100.00 · 13 days to go\nToday $1.12 · 34 requests');
  });

  it('shows only today without a budget', () => {
    const text = trayText(summary({ budgetNano: null, remainingNano: null, todayAllowanceNano: null }));
    expect(text.title).toBe('$1.12 today');
    expect(text.state).toBe('none');
    expect(text.tooltip).toContain('$61.80 spent this month (no budget set)');
  });

  it('says how much over the budget', () => {
    const text = trayText(summary({ spentNano: usd(103.1), remainingNano: usd(-3.1) }));
    expect(text.title).toBe('$3.10 over · $1.12 today');
    expect(text.state).toBe('over');
    expect(text.tooltip).toContain('$3.10 over the $100.00 budget');
  });

  it.each([
    [38.2, 'ok'],
    [20.01, 'ok'],
    [20, 'warn'],
    [0.5, 'warn'],
    [0, 'warn'],
    [-0.01, 'over'],
  ] as const)('with $%s of $100 left the state is %s', (left, state) => {
    expect(trayText(summary({ remainingNano: Math.round(left * USD) })).state).toBe(state);
  });

  it('treats a zero budget as exhausted, not as no budget', () => {
    const text = trayText(summary({ budgetNano: 0, remainingNano: usd(-1.12) }));
    expect(text.state).toBe('over');
  });

  it('never shows a sub-cent spend as $0.00', () => {
    expect(trayText(summary({ todaySpentNano: 3_600_000 })).title).toBe('$38.20 left · $0.0036 today');
    expect(trayText(summary({ todaySpentNano: 0 })).title).toBe('$38.20 left · $0.00 today');
  });

  it('rounds to the cent from a dollar up, exactly from nano-dollars', () => {
    expect(trayText(summary({ remainingNano: 1_005_000_000, todaySpentNano: 1_234_567_890_000 })).title).toBe('$1.01 left · $1,234.57 today');
  });

  it('mentions unpriced requests, and a stopped proxy before them', () => {
    expect(trayText(summary({ unpricedThisPeriod: 3 })).tooltip.split('\n').pop()).toBe('3 unpriced requests this month');
    expect(trayText(summary({ unpricedThisPeriod: 1 })).tooltip.split('\n').pop()).toBe('1 unpriced request this month');
    const proxyOff = { listening: false, url: null, port: null, error: 'port 8787 in use' };
    expect(trayText(summary({ proxy: proxyOff })).tooltip.split('\n').pop()).toBe('Proxy off: calls are not being counted');
    // Both do not fit Windows' 127 characters: the stopped proxy matters more.
    const both = trayText(summary({ proxy: proxyOff, unpricedThisPeriod: 3 })).tooltip;
    expect(both).toContain('Proxy off');
    expect(both).not.toContain('unpriced');
  });

  it('keeps the tooltip within the Windows limit, dropping the least important lines', () => {
    const huge = summary({
      spentNano: usd(1_234_567.89),
      budgetNano: usd(999_999.99),
      remainingNano: usd(-234_567.9),
      todaySpentNano: usd(98_765.43),
      requestsToday: 1_234_567,
      unpricedThisPeriod: 12_345,
      proxy: { listening: false, url: null, port: null, error: null },
    });
    const text = trayText(huge);
    expect(text.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX_CHARS);
    expect(text.tooltip.split('\n').slice(0, 3)).toEqual(['Tokentally', '$234,567.90 over the $999,999.99 budget · 13 days to go', 'Today $98,765.43 · 1,234,567 requests']);
    expect(text.tooltip).not.toContain('unpriced');
  });

  it('says "last day" on the last day of the period', () => {
    expect(trayText(summary({ period: { start: '2026-03-01', end: '2026-03-31', daysTotal: 31, daysLeft: 1 } })).tooltip).toContain('· last day');
  });
});

describe('trayText with plan windows', () => {
  const now = Date.parse('2026-03-19T12:00:00Z');
  const window = (over: Partial<RunwayItem> = {}): RunwayItem => ({
    kind: 'window',
    key: 'window:anthropic:org:5h',
    label: 'Claude 5-hour',
    short: '5h 84% · resets 16:40',
    used: 0.84,
    resetsAt: '2026-03-19T16:40:00.000Z',
    exhaustsAt: '2026-03-19T14:26:40.000Z',
    runsOutBeforeReset: true,
    blocked: false,
    stale: false,
    ageMs: 120_000,
    ...over,
  });
  const overall: RunwayItem = { kind: 'budget', key: 'budget:overall', label: 'Overall budget', short: '$38.20 left', used: 0.618, resetsAt: '2026-04-01T00:00:00.000Z', exhaustsAt: null, runsOutBeforeReset: false, blocked: false, stale: false, ageMs: 0 };

  it('shows the tightest window as the title, and the windows with their age first in the tooltip', () => {
    const weekly = window({ key: 'window:anthropic:org:7d', label: 'Claude Weekly', short: '7d 30% · resets Sun 09:00', used: 0.3, resetsAt: '2026-03-22T09:00:00.000Z', runsOutBeforeReset: false, exhaustsAt: null });
    const text = trayText(summary({ now, runway: [window(), weekly, overall] }));
    expect(text.title).toBe('5h 84% · resets 16:40');
    expect(text.state).toBe('warn');
    // The month's and today's lines follow, as far as Windows' 127 characters allow (here: none).
    expect(text.tooltip).toBe(['Tokentally', 'Claude 5-hour 84% · resets 16:40 (2 min ago)', 'Claude Weekly 30% · resets Sun 09:00 (2 min ago)'].join('\n'));
    expect(trayText(summary({ now, runway: [window()] })).tooltip.split('\n')).toEqual(['Tokentally', 'Claude 5-hour 84% · resets 16:40 (2 min ago)', '$38.20 left of $100.00 · 13 days to go', 'Today $1.12 · 34 requests']);
  });

  it('a refused window is "over"; a window with room is "ok"', () => {
    expect(trayText(summary({ now, runway: [window({ blocked: true, short: '5h used up · resets 16:40' }), overall] }))).toMatchObject({ title: '5h used up · resets 16:40', state: 'over' });
    expect(trayText(summary({ now, runway: [window({ used: 0.2, runsOutBeforeReset: false, short: '5h 20% · resets 16:40' })] })).state).toBe('ok');
    expect(trayText(summary({ now, runway: [window({ used: 0.85, runsOutBeforeReset: false })] })).state).toBe('warn');
  });

  it('a stale window is never the title: the budget is, and the window says stale in the tooltip', () => {
    const text = trayText(summary({ now, runway: [overall, window({ stale: true, ageMs: 6 * 3_600_000, short: '5h 84% · stale' })] }));
    expect(text.title).toBe('$38.20 left · $1.12 today');
    expect(text.tooltip.split('\n')).toEqual(['Tokentally', '$38.20 left of $100.00 · 13 days to go', 'Claude 5-hour 84% (stale, 6 h ago)', 'Today $1.12 · 34 requests']);
  });

  it('the budget stays the title when it is the tightest; another budget says which', () => {
    expect(trayText(summary({ now, runway: [overall, window({ runsOutBeforeReset: false, exhaustsAt: null })] })).title).toBe('$38.20 left · $1.12 today');
    const tag = { ...overall, key: 'budget:tag:ci', label: 'Tag "ci" budget', short: '$0.40 left', used: 0.96, runsOutBeforeReset: true };
    expect(trayText(summary({ now, runway: [tag, overall] }))).toMatchObject({ title: '$0.40 left · Tag "ci" budget', state: 'warn' });
  });
});

describe('fitTooltip', () => {
  it('keeps the first line even when it alone is too long, cut with an ellipsis', () => {
    const out = fitTooltip(['x'.repeat(200), 'second'], 20);
    expect(out).toHaveLength(20);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('tray text: hard cap', () => {
  it('says plainly that calls are being refused, second line of the tooltip', () => {
    const text = trayText(summary({ hasHardCap: true, capRefusing: true }));
    expect(text.tooltip.split('\n')[1]).toBe('Hard cap: calls are being refused');
    expect(trayText(summary({ hasHardCap: true, capRefusing: false })).tooltip).not.toContain('refused');
  });
});
