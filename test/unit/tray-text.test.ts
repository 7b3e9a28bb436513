import { describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/api/contract.js';
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

describe('fitTooltip', () => {
  it('keeps the first line even when it alone is too long, cut with an ellipsis', () => {
    const out = fitTooltip(['x'.repeat(200), 'second'], 20);
    expect(out).toHaveLength(20);
    expect(out.endsWith('…')).toBe(true);
  });
});
