/**
 * Display formatting shared by the CLI and the UI. Pure and locale-independent (the same text in
 * a test, a terminal and a browser). Money is formatted from integer nano-dollars, never via floats.
 */
import { NANO_PER_USD, type Nano } from './money.js';

const NANO_DIGITS = 9;
const NOT_A_NUMBER = '—';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** |nano| rounded half up to `decimals` decimal places of a dollar, as [whole dollars, fraction digits]. */
function splitDollars(absNano: number, decimals: number): [string, string] {
  const unit = 10 ** (NANO_DIGITS - decimals);
  const remainder = absNano % unit;
  let scaled = (absNano - remainder) / unit;
  if (remainder * 2 >= unit) scaled += 1;
  const perDollar = 10 ** decimals;
  const fraction = scaled % perDollar;
  const whole = (scaled - fraction) / perDollar;
  return [String(whole), decimals === 0 ? '' : String(fraction).padStart(decimals, '0')];
}

export interface FormatUsdOptions {
  /** Fixed number of decimals (0-9). Default: 2 from $1 up; below $1 up to 4 (e.g. $0.0036), more for tiny amounts. */
  decimals?: number;
  /** Prefix positive amounts with "+" (for deltas). */
  signed?: boolean;
}

/** "$1,350.00", "$0.045", "$0.0036", "$0.000012", "-$3.20"; `signed` gives "+$1.20". */
export function formatUsd(nano: Nano, opts: FormatUsdOptions = {}): string {
  if (!Number.isFinite(nano)) return NOT_A_NUMBER;
  const abs = Math.abs(Math.round(nano));
  let whole: string;
  let fraction: string;
  if (opts.decimals !== undefined) {
    const decimals = Math.min(NANO_DIGITS, Math.max(0, Math.floor(opts.decimals)));
    [whole, fraction] = splitDollars(abs, decimals);
  } else if (abs >= NANO_PER_USD || abs === 0) {
    [whole, fraction] = splitDollars(abs, 2);
  } else {
    // Below a dollar: 4 decimals, or 2 significant digits for tinier amounts; trailing zeros dropped.
    const leadingZeros = String(abs).padStart(NANO_DIGITS, '0').search(/[1-9]/);
    [whole, fraction] = splitDollars(abs, Math.min(NANO_DIGITS, Math.max(4, leadingZeros + 2)));
    fraction = fraction.replace(/0+$/, '').padEnd(2, '0');
  }
  const body = `$${groupThousands(whole)}${fraction === '' ? '' : `.${fraction}`}`;
  const isZero = /^[0,]*$/.test(whole) && /^0*$/.test(fraction);
  if (isZero) return body;
  if (nano < 0) return `-${body}`;
  return opts.signed ? `+${body}` : body;
}

/** "12,345" */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + groupThousands(String(Math.abs(rounded)));
}

/** "1 call", "2,048 calls": a count and its noun (plural by a trailing s). */
export function formatCountOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${Math.round(n) === 1 ? '' : 's'}`;
}

const TOKEN_UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** "950", "12.3k", "123k", "1.2M", "3B": one decimal below 100 of a unit, none above. */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (Math.round(abs) < 1000) return sign + String(Math.round(abs));
  // Smallest unit whose rounded value stays below 1000 ("999,999" is "1M", not "1000k").
  for (let i = TOKEN_UNITS.length - 1; i >= 0; i--) {
    const [size, suffix] = TOKEN_UNITS[i]!;
    const value = abs / size;
    const decimals = value < 99.95 ? 1 : 0;
    const text = value.toFixed(decimals);
    if (Number(text) < 1000 || i === 0) return sign + text.replace(/\.0$/, '') + suffix;
  }
  return sign + String(Math.round(abs));
}

export interface FormatPercentOptions {
  /** Fixed decimals. Default: 0, or 1 below 10% ("0.4%", "5.5%", "11%"). */
  decimals?: number;
  /** "+11%" for positive values (pace deltas). */
  signed?: boolean;
}

/** A ratio as a percentage: 0.11 → "11%". */
export function formatPercent(ratio: number, opts: FormatPercentOptions = {}): string {
  if (!Number.isFinite(ratio)) return NOT_A_NUMBER;
  const pct = ratio * 100;
  const abs = Math.abs(pct);
  const decimals = opts.decimals ?? (abs < 9.95 ? 1 : 0);
  let text = abs.toFixed(decimals);
  if (opts.decimals === undefined) text = text.replace(/\.0$/, '');
  if (Number(text) === 0) return `${text}%`;
  const sign = pct < 0 ? '-' : opts.signed ? '+' : '';
  return `${sign}${text}%`;
}

/** "512 B", "12.3 KB", "200.0 MB", "1.2 GB" (binary units, as file sizes are shown). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** The finest a table shows: below this, a non-zero amount reads `<$0.0001`, never `$0.0000`. */
const COLUMN_MAX_DECIMALS = 4;

/**
 * The decimals of a column of amounts, so that every figure in it has the same: 2 when the
 * smallest non-zero amount is at least $0.10, 3 from $0.01, else 4 (a cent-level table stays in
 * cents; a column of single calls shows tenths of a cent and below).
 */
export function columnDecimals(amounts: Iterable<Nano>): number {
  let smallest = Infinity;
  for (const a of amounts) {
    const abs = Math.abs(Math.round(a));
    if (abs > 0 && abs < smallest) smallest = abs;
  }
  if (smallest >= NANO_PER_USD / 10) return 2;
  if (smallest >= NANO_PER_USD / 100) return 3;
  return COLUMN_MAX_DECIMALS;
}

/**
 * The one money rule for tables (the UI's and the CLI's): every amount of a column with the same
 * decimals (columnDecimals), and an amount that cost something but rounds to nothing at that
 * precision shown as `<$0.0001`, never as `$0.0000`. Give it the column's amounts; it returns the
 * formatter for each cell (and the column's total).
 */
export function usdColumn(amounts: Iterable<Nano>, opts: Pick<FormatUsdOptions, 'signed'> = {}): (nano: Nano) => string {
  const decimals = columnDecimals(amounts);
  const smallestShown = 10 ** (NANO_DIGITS - decimals);
  return (nano) => {
    if (!Number.isFinite(nano)) return NOT_A_NUMBER;
    const abs = Math.abs(Math.round(nano));
    if (abs > 0 && abs * 2 < smallestShown) {
      const floor = formatUsd(smallestShown, { decimals });
      return nano < 0 ? `>-${floor}` : `<${floor}`;
    }
    return formatUsd(nano, { decimals, signed: opts.signed });
  };
}
