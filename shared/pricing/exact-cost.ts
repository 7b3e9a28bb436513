/**
 * Integer money arithmetic for prices: a rate is turned into integer nano-dollars per block once,
 * then units × rate / block is computed exactly in BigInt and rounded once (half up), so
 * 1,000,000 tokens at $0.3/MTok is exactly 300,000,000 nano-dollars, never 299,999,999.99.
 */
import { NANO_PER_USD, type Nano } from '../money.js';

const FAST_LIMIT = 2 ** 52;

/**
 * Cost of `units` (tokens or requests) at `usdPerBlock` dollars per `blockSize` units
 * (1,000,000 for tokens, 1,000 for requests), halved for batch, in nano-dollars.
 */
export function costNano(units: number, usdPerBlock: number, blockSize: number, batch: boolean): Nano {
  if (units === 0 || usdPerBlock === 0) return 0;
  const rate = Math.round(usdPerBlock * NANO_PER_USD);
  const divisor = blockSize * (batch ? 2 : 1);
  const product = units * rate;
  // Fast path, same result: below 2^52 every step here is an exact integer in a double
  // (an import prices every message; BigInt costs microseconds a call).
  if (Number.isSafeInteger(units) && Number.isSafeInteger(rate) && Number.isSafeInteger(divisor) && product >= 0 && product < FAST_LIMIT) {
    const quotient = Math.floor(product / divisor);
    const remainder = product - quotient * divisor;
    // Half up, as below. The float quotient is never below the true one, but may have rounded up
    // to the next integer: then the remainder comes out negative.
    if (remainder < 0) return quotient - 1 + (2 * (remainder + divisor) >= divisor ? 1 : 0);
    return quotient + (2 * remainder >= divisor ? 1 : 0);
  }
  const rateNano = BigInt(rate);
  const numerator = BigInt(units) * rateNano;
  const denominator = BigInt(blockSize) * (batch ? 2n : 1n);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/**
 * Split `total` nano-dollars over parts in proportion to `weights`, exactly (largest remainder):
 * the parts are non-negative integers that sum to `total`. With no weight at all, everything
 * goes to the first part.
 */
export function allocateNano(total: Nano, weights: readonly number[]): Nano[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const shares = weights.map((w, index) => {
    const exact = BigInt(w) * bigTotal;
    return { index, floor: exact / bigSum, remainder: exact % bigSum };
  });
  let left = bigTotal - shares.reduce((a, s) => a + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (left <= 0n) break;
    share.floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(s.floor));
}
