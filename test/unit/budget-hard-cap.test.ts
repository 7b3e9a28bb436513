// The hard cap's one decision (shared/budget/hard-cap.ts), as the gate and `budget check` ask it.
import { describe, expect, it } from 'vitest';
import { capRefuses, ordinaryCallNano } from '../../shared/budget/hard-cap.js';
import { overBudgetText, percentUsed } from '../../shared/budget/budget-label-text.js';

const c = (usd: number) => Math.round(usd * 1e9);

describe('capRefuses', () => {
  it('refuses when the call could pass the cap, though spend is below it (the $0.02 case)', () => {
    expect(capRefuses({ capNano: c(0.02), spentNano: c(0.0198), callNano: c(0.0066), lifted: false })).toBe(true);
    expect(capRefuses({ capNano: c(0.02), spentNano: c(0.0198), callNano: c(0.0002), lifted: false })).toBe(false);
  });
  it('refuses at or past the cap even for a free call; a zero cap refuses everything', () => {
    expect(capRefuses({ capNano: c(1), spentNano: c(1), callNano: 0, lifted: false })).toBe(true);
    expect(capRefuses({ capNano: 0, spentNano: 0, callNano: 0, lifted: false })).toBe(true);
  });
  it('never refuses while lifted', () => {
    expect(capRefuses({ capNano: c(1), spentNano: c(5), callNano: c(1), lifted: true })).toBe(false);
  });
});

describe('ordinaryCallNano', () => {
  it('is the median of the recent paid calls (lower middle), 0 without any', () => {
    expect(ordinaryCallNano([])).toBe(0);
    expect(ordinaryCallNano([0, 0])).toBe(0);
    expect(ordinaryCallNano([5, 1, 3])).toBe(3);
    expect(ordinaryCallNano([4, 1, 3, 2])).toBe(2);
  });
});

describe('over budget wording', () => {
  it('says the real percentage once used up, nothing before', () => {
    expect(overBudgetText(c(138), c(100))).toBe('over budget (138%)');
    expect(overBudgetText(c(100), c(100))).toBe('over budget (100%)');
    expect(overBudgetText(c(99.99), c(100))).toBeNull();
    expect(overBudgetText(1, 0)).toBe('over budget');
    expect(percentUsed(c(80), c(100))).toBe(80);
  });
});
