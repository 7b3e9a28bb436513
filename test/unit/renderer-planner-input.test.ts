/** The planner's typed input: counts, percentages and whole rows, read the way a user types them. */
import { describe, expect, it } from 'vitest';
import { blankDraft, draftFromRow, parseCount, parseDraft, parsePercent } from '../../renderer/src/lib/workload-draft.js';
import { formatMoneyIn } from '../../renderer/src/lib/balance.js';
import { formatRelative } from '../../renderer/src/lib/relative-time.js';

describe('planner input', () => {
  it.each([
    ['5000', 5000],
    ['5,000', 5000],
    ['1,234,567', 1_234_567],
    ['1,200.5k', 1_200_500],
    [' 12 000 ', 12_000],
    ['5k', 5000],
    ['1.2M', 1_200_000],
    ['2b', 2_000_000_000],
    ['0', 0],
  ])('reads the count %j as %d', (text, n) => expect(parseCount(text)).toBe(n));

  // A comma out of place is refused, never dropped: "1,5" is not 15, "5,00" not 500.
  it.each(['', 'abc', '-5', '1.5', '1.2345k', '5kk', '1e3', '1,5', '5,00', '1,5k', '12,34', '1,0000'])('refuses the count %j', (text) => expect(parseCount(text)).toBeNull());

  it.each([
    ['25', 0.25],
    ['25%', 0.25],
    ['12.5', 0.125],
    ['', 0],
    ['100', 1],
  ])('reads the percentage %j as %d', (text, share) => expect(parsePercent(text)).toBe(share));

  it.each(['101', '-1', 'half'])('refuses the percentage %j', (text) => expect(parsePercent(text)).toBeNull());

  it('turns a complete row into a workload and names every bad cell of an incomplete one', () => {
    const row = { name: '', provider: 'Anthropic', model: ' claude-haiku-4-5 ', requestsPerMonth: 3000, inputTokens: 2000, outputTokens: 300, cachedShare: 0.5, batchShare: 0 };
    const parsed = parseDraft(draftFromRow(row), 2);
    expect(parsed).toEqual({ ok: true, row: { ...row, name: 'Workload 3', provider: 'anthropic', model: 'claude-haiku-4-5' } });

    const bad = parseDraft({ ...blankDraft(), requests: 'lots', cachedPct: '150' }, 0);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['cachedPct', 'input', 'model', 'output', 'requests']);
  });

  it('keeps a share exact through the text form', () => {
    const d = draftFromRow({ name: 'x', provider: 'openai', model: 'gpt-5', requestsPerMonth: 1, inputTokens: 1, outputTokens: 1, cachedShare: 0.125, batchShare: 1 / 3 });
    expect([d.cachedPct, d.batchPct]).toEqual(['12.5', '33.33']);
  });
});

describe('balances and relative times', () => {
  it('formats a balance in its own currency, never converted', () => {
    expect(formatMoneyIn(12_340_000_000, 'USD')).toBe('$12.34');
    expect(formatMoneyIn(56_200_000_000, 'CNY')).toBe('¥56.20');
    expect(formatMoneyIn(-1_500_000_000, 'CNY')).toBe('-¥1.50');
    expect(formatMoneyIn(1_234_500_000_000, 'CHF')).toBe('1,234.50 CHF');
  });

  it('says how long ago, coarsely, in both directions', () => {
    const now = 1_700_000_000_000;
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now + 10_000, now)).toBe('in a moment');
    expect(formatRelative(now - 4 * 60_000, now)).toBe('4 min ago');
    expect(formatRelative(now + 3 * 3_600_000, now)).toBe('in 3 h');
    expect(formatRelative(now - 86_400_000, now)).toBe('1 day ago');
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe('3 days ago');
  });
});
