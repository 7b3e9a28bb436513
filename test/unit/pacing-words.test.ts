import { describe, expect, it } from 'vitest';
import { paceBadge, paceSentence, paceWords, shortDay, type PaceWordsInput } from '../../shared/pacing/pace-words.js';

const USD = 1_000_000_000;
const base: PaceWordsInput = { paceDelta: 0, state: 'on-pace', runsOutOn: null, spentNano: 10 * USD, budgetNano: 50 * USD, projectedLinearNano: 50 * USD };

describe('pace in plain words', () => {
  it.each<[Partial<PaceWordsInput>, string]>([
    [{ paceDelta: 0.41, state: 'ahead', runsOutOn: '2026-12-22', projectedLinearNano: 70 * USD }, 'spending 41% faster than the budget allows; runs out Dec 22'],
    [{ paceDelta: 0.41, state: 'ahead', runsOutOn: null }, 'spending 41% faster than the budget allows'],
    [{ paceDelta: -0.3, projectedLinearNano: 35 * USD }, 'spending 30% slower than the budget allows; about $15.00 left at the end at this pace'],
    [{ paceDelta: 0.04 }, 'on pace: spending 4% faster than the budget allows'],
    [{ paceDelta: -0.06 }, 'on pace: spending 6% slower than the budget allows'],
    [{ paceDelta: 0.001 }, 'on pace: spending what the budget allows'],
    [{ paceDelta: null }, 'nothing to compare yet: the period has just begun'],
    [{ paceDelta: -1, spentNano: 0, projectedLinearNano: 0 }, 'nothing spent yet this period: all $50.00 left'],
    [{ state: 'over', paceDelta: 0.6, spentNano: 53.2 * USD }, 'over budget by $3.20'],
    [{ state: 'over', paceDelta: 0.6, spentNano: 50 * USD }, 'the budget is used up'],
  ])('%j → %s', (over, words) => {
    expect(paceWords({ ...base, ...over })).toBe(words);
  });

  it('makes a sentence of it, and names days without a locale', () => {
    expect(paceSentence({ ...base, paceDelta: 0.41, state: 'ahead', runsOutOn: '2026-12-22' })).toBe('Spending 41% faster than the budget allows; runs out Dec 22.');
    expect(shortDay('2027-01-05')).toBe('Jan 5');
  });
});

describe('paceBadge', () => {
  const base: PaceWordsInput & { elapsed: number } = { paceDelta: -0.99, state: 'on-pace', runsOutOn: null, spentNano: 1_000_000, budgetNano: 50_000_000_000, projectedLinearNano: 1, elapsed: 0.04 };
  it.each([
    ['a first call on the 2nd of the month', {}, { delta: null, word: 'too early to tell' }],
    ['nothing spent yet', { spentNano: 0, paceDelta: -1, elapsed: 0.5 }, { delta: null, word: 'nothing spent yet' }],
    ['no line to compare with', { paceDelta: null, elapsed: 0 }, { delta: null, word: 'too early to tell' }],
    ['early but already ahead: a warning worth its figure', { paceDelta: 3, state: 'ahead' as const }, { delta: '+300%', word: 'ahead' }],
    ['mid-period, well below the line', { paceDelta: -0.4, elapsed: 0.5 }, { delta: '-40%', word: 'under' }],
    ['mid-period, near the line', { paceDelta: 0.04, elapsed: 0.5 }, { delta: '+4%', word: 'on pace' }],
    ['over budget: the share used, not the pace', { paceDelta: 4.21, state: 'over' as const, elapsed: 0.2, spentNano: 59_500_000_000 }, { delta: null, word: 'over budget (119%)' }],
  ])('%s', (_what, over, want) => {
    expect(paceBadge({ ...base, ...over })).toEqual(want);
  });
});
