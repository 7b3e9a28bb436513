/**
 * Money is kept as integer nano-dollars (1e-9 USD) everywhere below the UI.
 * Floats are only used at the edges (price data in, display out), so a month of
 * a million rows sums exactly: 2^53 nano-dollars is about $9 million.
 */
import { MisplacedCommaError, misplacedCommaInUsd, withoutThousandsCommas } from './thousands.js';

export type Nano = number;

export const NANO_PER_USD = 1_000_000_000;

/** Round a float dollar amount to the nearest nano-dollar. */
export function usdToNano(usd: number): Nano {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite amount of dollars: ${usd}`);
  return Math.round(usd * NANO_PER_USD);
}

/** For display and JSON only: never sum the results of this. */
export function nanoToUsd(nano: Nano): number {
  return nano / NANO_PER_USD;
}

/**
 * Parse a user-typed dollar amount ("12", "12.5", "$1,200.00"); throws on anything else. A comma
 * out of place ("49,99") throws a MisplacedCommaError saying what to type instead (shared/thousands.ts).
 */
export function parseUsd(text: string): Nano {
  const trimmed = text.trim();
  const cleaned = withoutThousandsCommas(trimmed.replace(/^\$/, ''));
  if (cleaned === null) throw new MisplacedCommaError(misplacedCommaInUsd(trimmed));
  if (!/^\d+(\.\d+)?$/.test(cleaned)) throw new RangeError(`not a dollar amount: "${text}"`);
  return usdToNano(Number(cleaned));
}
