import { describe, expect, it } from 'vitest';
import { allocateNano, costNano } from '../../shared/pricing/index.js';

describe('costNano', () => {
  it('is exact where floats are not', () => {
    // In floats 3 × 0.0375 × 1000 is 112.49999999999999 and rounds down; the true 112.5 rounds up.
    expect(3 * 0.0375 * 1000).toBeLessThan(112.5);
    expect(costNano(3, 0.0375, 1_000_000, false)).toBe(113);
    expect(costNano(1_000_000, 0.3, 1_000_000, false)).toBe(300_000_000);
    expect(costNano(1, 0.0375, 1_000_000, false)).toBe(38); // 37.5 rounds half up
    expect(costNano(1, 0.0375, 1_000_000, true)).toBe(19); // 18.75
    expect(costNano(3, 10, 1_000, false)).toBe(30_000_000);
  });

  it('stays exact when tokens × rate passes 2^53 (a billion tokens at $150/MTok = $150,000)', () => {
    expect(1_000_000_001 * 150_000_000_000).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(costNano(1_000_000_001, 150, 1_000_000, false)).toBe(150_000_000_150_000);
    expect(costNano(0, 150, 1_000_000, false)).toBe(0);
  });
});

describe('allocateNano', () => {
  it('splits exactly in proportion, remainders to the largest fractions', () => {
    expect(allocateNano(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateNano(10, [0, 3, 1])).toEqual([0, 8, 2]);
    expect(allocateNano(7, [0, 0])).toEqual([7, 0]);
    const parts = allocateNano(45_123_457, [15_000_000, 30_000_000, 0, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(45_123_457);
  });
});
