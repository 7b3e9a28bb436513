/**
 * Amounts and counts as people type them: a comma is a thousands separator only in its place,
 * anywhere else it is refused in words, never dropped ("49,99" is not $4,999).
 */
import { describe, expect, it } from 'vitest';
import { parseUsd, usdToNano } from '../../shared/money.js';
import { MisplacedCommaError, withoutThousandsCommas } from '../../shared/thousands.js';

describe('thousands commas', () => {
  it.each([
    ['1,000', '1000'],
    ['12,500.50', '12500.50'],
    ['1,234,567', '1234567'],
    ['999', '999'],
    ['1,000k', '1000k'],
    ['1,200.5k', '1200.5k'],
    ['', ''],
  ])('takes %j as %j', (text, out) => expect(withoutThousandsCommas(text)).toBe(out));

  it.each(['49,99', '50,5', '1,5', '1,00', '1,0000', '1234,567', ',5', '5,', '1,,000', '1,000,00', '1.234,56', '12,500.5,0'])('refuses %j', (text) =>
    expect(withoutThousandsCommas(text)).toBeNull(),
  );
});

describe('parseUsd', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['$1,200.00', 1200],
    ['1,000', 1000],
    ['12,500.50', 12_500.5],
    ['1,234,567', 1_234_567],
    [' 49.99 ', 49.99],
  ])('reads %j as $%d', (text, usd) => expect(parseUsd(text)).toBe(usdToNano(usd)));

  it.each([
    ['49,99', '49,99: use a dot for cents (49.99)'],
    ['50,5', '50,5: use a dot for cents (50.5)'],
    ['1,00', '1,00: use a dot for cents (1.00)'],
    [' $49,99 ', '$49,99: use a dot for cents ($49.99)'],
    ['1,0000', '1,0000: a comma only separates thousands, as in 1,000 or 12,500.50'],
    ['1.234,56', '1.234,56: a comma only separates thousands, as in 1,000 or 12,500.50'],
  ])('refuses %j in words: %s', (text, message) => {
    expect(() => parseUsd(text)).toThrow(MisplacedCommaError);
    expect(() => parseUsd(text)).toThrow(message);
  });

  it.each(['abc', '1e3', '-5', '', '12.'])('refuses %j', (text) => expect(() => parseUsd(text)).toThrow(/not a dollar amount/));
});
