/**
 * The pace in words, as a page shows it, against the sentence the API's pacing gives.
 *
 * The projection moves with the clock (spent ÷ time gone): between the page's fetch and the
 * test's, its dollars may cross a cent (seen in a fresh-clone run: "$396.05 left" on the page,
 * "$396.04" a moment later). So the words must be the same, and each amount within a cent.
 */
import { expect } from 'vitest';
import type { Pacing } from '../../shared/api/contract-budgets.js';
import { paceSentence } from '../../shared/pacing/pace-words.js';

const DOLLARS = /\$([\d,]+\.\d+)/g;
const amounts = (text: string) => [...text.matchAll(DOLLARS)].map((m) => Number(m[1]!.replace(/,/g, '')));

export function expectPaceWords(shown: string, pacing: Pacing): void {
  const expected = paceSentence(pacing);
  expect(shown.replace(DOLLARS, '$…')).toBe(expected.replace(DOLLARS, '$…'));
  const got = amounts(shown);
  const want = amounts(expected);
  expect(got).toHaveLength(want.length);
  want.forEach((usd, i) => expect(Math.abs(got[i]! - usd), `${shown} against ${expected}`).toBeLessThanOrEqual(0.011));
}
