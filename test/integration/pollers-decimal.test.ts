import { describe, expect, it } from 'vitest';
import { amountToNano, attoToNano, parseAmount } from '../../electron/core/pollers/decimal-amount.js';

describe("providers' decimal amounts to exact nano-dollars", () => {
  it.each([
    ['123.45', 'cents', 1_234_500_000],
    ['0.1', 'cents', 1_000_000],
    ['12.3456789', 'cents', 123_456_789],
    ['1000', 'cents', 10_000_000_000],
    ['0', 'cents', 0],
    ['110.00', 'dollars', 110_000_000_000],
    ['.5', 'dollars', 500_000_000],
    ['5.', 'dollars', 5_000_000_000],
    ['-2.25', 'dollars', -2_250_000_000],
    ['1e-7', 'dollars', 100],
    ['2.5E+2', 'cents', 2_500_000_000],
    [' 7.5 ', 'dollars', 7_500_000_000],
    // Half a nano-dollar rounds away from zero.
    ['0.0000000005', 'dollars', 1],
    ['-0.0000000005', 'dollars', -1],
    ['0.00000000049', 'dollars', 0],
    [0.06, 'dollars', 60_000_000],
    [25.75, 'dollars', 25_750_000_000],
    [1e-7, 'dollars', 100],
  ] as const)('%j %s → %d nano', (value, unit, nano) => {
    expect(amountToNano(value, unit)).toBe(nano);
  });

  it('sums in atto-units, rounding once: 0.1 + 0.2 dollars is exactly 0.3', () => {
    expect(attoToNano(parseAmount(0.1, 'dollars') + parseAmount(0.2, 'dollars'))).toBe(300_000_000);
    // A thousand results of 0.0000000004 dollars: 0 each if rounded one by one, 400 nano summed first.
    let atto = 0n;
    for (let i = 0; i < 1000; i++) atto += parseAmount('0.0000000004', 'dollars');
    expect(attoToNano(atto)).toBe(400);
  });

  it.each([[''], ['.'], ['1,5'], ['12,345.00'], ['abc'], ['1e'], ['$5'], ['0x10'], [null], [undefined], [true], [Number.NaN], [Infinity], [{}]])(
    'refuses %j',
    (value) => {
      expect(() => parseAmount(value, 'dollars')).toThrow(/amount/);
    },
  );

  it('refuses an amount too large to count exactly', () => {
    expect(() => amountToNano('99999999999', 'dollars')).toThrow('too large');
  });
});
