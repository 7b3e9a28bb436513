/**
 * Exact money from the providers' decimal text. Anthropic's cost report gives cents as a decimal
 * string ("123.45" = $1.2345), OpenAI and OpenRouter give dollars as JSON numbers, DeepSeek gives
 * strings. Amounts are parsed with integer arithmetic into atto-units (1e-18 of the currency unit),
 * summed there, and rounded to nano-units once: no float ever touches a sum.
 */
import type { Nano } from '../../../shared/money.js';

const ATTO_DIGITS = 18;
const NANO_DIGITS = 9;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

class AmountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmountError';
  }
}

/** What the text counts: whole currency units ('dollars', also for yuan) or hundredths ('cents'). */
export type AmountUnit = 'dollars' | 'cents';
const UNIT_EXPONENT: Record<AmountUnit, number> = { dollars: 0, cents: -2 };

/**
 * A decimal amount (string, or a JSON number via its shortest round-trip text) in atto-units of
 * the currency. Digits beyond 1e-18 are rounded half away from zero.
 */
export function parseAmount(value: unknown, unit: AmountUnit): bigint {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else throw new AmountError(`expected an amount, got ${describe(value)}`);
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new AmountError(`"${text.slice(0, 40)}" is not a decimal amount`);
  const negative = m[1] === '-';
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? '0') + UNIT_EXPONENT[unit];
  // value = digits × 10^(exponent − fraction.length); in atto-units multiply by 10^18.
  const digits = BigInt(whole + fraction || '0');
  const shift = ATTO_DIGITS + exponent - fraction.length;
  const atto = shift >= 0 ? digits * 10n ** BigInt(shift) : roundDiv(digits, 10n ** BigInt(-shift));
  return negative ? -atto : atto;
}

/** Round atto-units to nano-units (half away from zero); refuses amounts beyond exact Number range. */
export function attoToNano(atto: bigint): Nano {
  const divisor = 10n ** BigInt(ATTO_DIGITS - NANO_DIGITS);
  const nano = atto < 0n ? -roundDiv(-atto, divisor) : roundDiv(atto, divisor);
  if (nano > BigInt(Number.MAX_SAFE_INTEGER) || nano < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AmountError('an amount too large to count exactly');
  }
  return Number(nano);
}

export function attoToNanoOrNull(atto: bigint | null): Nano | null {
  return atto === null ? null : attoToNano(atto);
}

/** parseAmount then attoToNano, for a single figure that is not summed. */
export function amountToNano(value: unknown, unit: AmountUnit): Nano {
  return attoToNano(parseAmount(value, unit));
}

function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value;
}
