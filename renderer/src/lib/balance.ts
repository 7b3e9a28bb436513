import { formatUsd } from '../../../shared/format.js';

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£' };

/** An amount in a provider's currency: "$12.34", "¥5.20", "12.34 CHF". Not converted to dollars. */
export function formatMoneyIn(nano: number, currency: string): string {
  if (currency === 'USD') return formatUsd(nano);
  const sign = nano < 0 ? '-' : '';
  const digits = formatUsd(Math.abs(nano), { decimals: 2 }).slice(1);
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${digits} ${currency}`;
}
