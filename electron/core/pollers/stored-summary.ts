/** What a poll stored, for the CLI, the sync status and the UI, in plain words. */
import { formatUsd } from '../../../shared/format.js';
import type { Nano } from '../../../shared/money.js';
import type { BalanceRow, PollResult } from './poll-types.js';

export interface StoredSummary {
  usageRows: number;
  /** UTC days read of the usage report. */
  usageDays: number;
  /** Each UTC day of the cost report, with the reported cost. */
  costDays: { day: string; costNano: Nano }[];
  balances: BalanceRow[];
  notes: string[];
}

export function summarize(result: PollResult): StoredSummary {
  const costByDay = new Map<number, Nano>();
  for (const b of result.buckets) if (b.kind === 'cost') costByDay.set(b.bucketStart, 0);
  for (const r of result.rows) if (r.kind === 'cost') costByDay.set(r.bucketStart, (costByDay.get(r.bucketStart) ?? 0) + (r.costNano ?? 0));
  return {
    usageRows: result.rows.filter((r) => r.kind === 'usage').length,
    usageDays: result.buckets.filter((b) => b.kind === 'usage').length,
    costDays: [...costByDay].sort(([a], [b]) => a - b).map(([start, costNano]) => ({ day: new Date(start).toISOString().slice(0, 10), costNano })),
    balances: result.balances ?? [],
    notes: result.notes,
  };
}

/** "2 days of usage (5 rows), 2 days of cost ($3.21), balance $4.56" */
export function describeStored(s: StoredSummary): string {
  const parts: string[] = [];
  if (s.usageDays > 0) parts.push(`${plural(s.usageDays, 'day')} of usage (${plural(s.usageRows, 'row')})`);
  if (s.costDays.length > 0) parts.push(`${plural(s.costDays.length, 'day')} of cost (${formatUsd(s.costDays.reduce((sum, d) => sum + d.costNano, 0))})`);
  for (const b of s.balances) if (b.remainingNano !== null) parts.push(`balance ${formatAmount(b.remainingNano, b.currency)}`);
  if (parts.length === 0) parts.push('nothing new');
  return parts.join(', ') + (s.notes.length > 0 ? ` — note: ${s.notes.join('; ')}` : '');
}

/** "$4.56" for USD, "110.00 CNY" for other currencies. */
export function formatAmount(nano: Nano, currency: string): string {
  if (currency === 'USD') return formatUsd(nano);
  const text = formatUsd(nano, { decimals: 2 });
  return `${text.replace('$', '')} ${currency}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
