import { describe, expect, it } from 'vitest';
import { columnDecimals, formatCount, formatCountOf, formatPercent, formatTokens, formatUsd, usdColumn } from '../../shared/format.js';
import { usdToNano } from '../../shared/money.js';

describe('formatUsd', () => {
  it.each([
    [1350, '$1,350.00'],
    [145, '$145.00'],
    [72.5, '$72.50'],
    [1, '$1.00'],
    [1234567.891, '$1,234,567.89'],
    [0, '$0.00'],
    [0.5, '$0.50'],
    [0.675, '$0.675'],
    [0.045, '$0.045'],
    [0.0036, '$0.0036'],
    [0.12345, '$0.1235'],
    [0.000012, '$0.000012'],
    [0.0000123456, '$0.000012'],
    [0.00005, '$0.00005'],
    [0.000000001, '$0.000000001'],
    [-3.2, '-$3.20'],
    [-0.0036, '-$0.0036'],
  ])('%d → %s', (usd, text) => {
    expect(formatUsd(usdToNano(usd))).toBe(text);
  });

  it('rounds half up from the integer, never through floats', () => {
    expect(formatUsd(1_005_000_000)).toBe('$1.01');
    expect(formatUsd(1_004_999_999)).toBe('$1.00');
    expect(formatUsd(999_995_000_000)).toBe('$1,000.00');
    expect(formatUsd(9_007_199_254_740_991)).toBe('$9,007,199.25');
  });

  it('takes fixed decimals and a sign for deltas', () => {
    expect(formatUsd(usdToNano(0.0036), { decimals: 2 })).toBe('$0.00');
    expect(formatUsd(usdToNano(12.3456), { decimals: 0 })).toBe('$12');
    expect(formatUsd(usdToNano(1.2), { signed: true })).toBe('+$1.20');
    expect(formatUsd(usdToNano(-1.2), { signed: true })).toBe('-$1.20');
    expect(formatUsd(0, { signed: true })).toBe('$0.00');
    expect(formatUsd(-1, { decimals: 2 })).toBe('$0.00'); // no "-$0.00"
  });

  it('shows a dash for a non-number', () => {
    expect(formatUsd(Number.NaN)).toBe('—');
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999, '999'],
    [1000, '1k'],
    [12_345, '12.3k'],
    [99_949, '99.9k'],
    [123_456, '123k'],
    [999_499, '999k'],
    [999_999, '1M'],
    [1_234_567, '1.2M'],
    [50_000_000, '50M'],
    [3_000_000_000, '3B'],
    [-12_345, '-12.3k'],
  ])('%d → %s', (n, text) => {
    expect(formatTokens(n)).toBe(text);
  });
});

describe('formatCount and formatPercent', () => {
  it('groups thousands', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-1234)).toBe('-1,234');
    expect(formatCount(12)).toBe('12');
  });

  it('gives a count its noun, singular only for one', () => {
    expect(formatCountOf(1, 'message')).toBe('1 message');
    expect(formatCountOf(0, 'call')).toBe('0 calls');
    expect(formatCountOf(2048, 'call')).toBe('2,048 calls');
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.11)).toBe('11%');
    expect(formatPercent(0.055)).toBe('5.5%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.004)).toBe('0.4%');
    expect(formatPercent(1.5)).toBe('150%');
    expect(formatPercent(0.11, { signed: true })).toBe('+11%');
    expect(formatPercent(-0.03, { signed: true })).toBe('-3%');
    expect(formatPercent(0, { signed: true })).toBe('0%');
    expect(formatPercent(0.12345, { decimals: 2 })).toBe('12.35%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('usdColumn: one money rule for tables', () => {
  const column = (...usd: number[]) => {
    const nanos = usd.map(usdToNano);
    const cell = usdColumn(nanos);
    return nanos.map(cell);
  };

  it('gives every amount of a column the same decimals, chosen by its smallest non-zero amount', () => {
    expect(column(12.5, 0.45, 1350)).toEqual(['$12.50', '$0.45', '$1,350.00']);
    expect(column(1.25, 0.045)).toEqual(['$1.250', '$0.045']);
    expect(column(1.25, 0.0036, 0)).toEqual(['$1.2500', '$0.0036', '$0.0000']);
    expect(column(0, 0)).toEqual(['$0.00', '$0.00']);
  });

  it('never shows a call that cost something as $0.0000', () => {
    expect(column(0.045, 0.00003, 0)).toEqual(['$0.0450', '<$0.0001', '$0.0000']);
    expect(column(0.00005)).toEqual(['$0.0001']);
    expect(column(0.000049)).toEqual(['<$0.0001']);
    expect(usdColumn([-30])(-30)).toBe('>-$0.0001');
  });

  it('signs deltas when asked', () => {
    const cell = usdColumn([usdToNano(1.5), usdToNano(-0.25)], { signed: true });
    expect([cell(usdToNano(1.5)), cell(usdToNano(-0.25)), cell(0)]).toEqual(['+$1.50', '-$0.25', '$0.00']);
  });

  it('picks 2, 3 or 4 decimals at the $0.10 and $0.01 lines', () => {
    expect(columnDecimals([100_000_000])).toBe(2);
    expect(columnDecimals([99_999_999])).toBe(3);
    expect(columnDecimals([10_000_000])).toBe(3);
    expect(columnDecimals([9_999_999])).toBe(4);
    expect(columnDecimals([])).toBe(2);
  });
});
