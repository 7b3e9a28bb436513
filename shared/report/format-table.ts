/**
 * Plain-text tables for `tokentally report` (pure: report in, string out). Numbers are right
 * aligned with thousands separators; a cost that includes unpriced usage carries a marker and
 * the table ends with a footnote saying what that means.
 */
import { formatCount, formatCountOf, formatUsd, usdColumn } from '../format.js';
import { nanoToUsd, usdToNano } from '../money.js';
import { TOKEN_WORDS } from './token-words.js';
import type { ModelFigures, PeriodReport, ReportGranularity, ReportTokenFigures, RequestsReport } from './types.js';

export const UNPRICED_MARK = '*';

const UNPRICED_NOTE =
  `${UNPRICED_MARK} includes requests to models with no known price: their cost is a conservative estimate, ` +
  'not the bill. Add a price override in Settings to price them.';

type Align = 'left' | 'right';

interface Column {
  title: string;
  align: Align;
}

function renderTable(columns: readonly Column[], rows: readonly (readonly string[] | null)[]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r ? (r[i] ?? '').length : 0))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(columns.map((c) => c.title)), rule];
  // null marks a rule line (before the totals).
  for (const r of rows) out.push(r ? line(r) : rule);
  return out.join('\n');
}

/** A cost column's cells: the one money rule of tables (shared/format.ts usdColumn) over its amounts. */
type CostFormat = (nano: number) => string;

function costColumn(costsUsd: readonly number[]): CostFormat {
  return usdColumn(costsUsd.map(usdToNano));
}

function costCell(format: CostFormat, costUsd: number, unpriced: boolean): string {
  // The marker column is always reserved so costs stay aligned on their last digit.
  return format(usdToNano(costUsd)) + (unpriced ? UNPRICED_MARK : ' ');
}

function figureCells(f: ReportTokenFigures, format: CostFormat): string[] {
  return [
    formatCount(f.inputTokens),
    formatCount(f.cacheWriteTokens),
    formatCount(f.cacheReadTokens),
    formatCount(f.outputTokens),
    formatCount(f.reasoningTokens),
    formatCount(f.requests),
    costCell(format, f.costUsd, f.unpriced > 0),
  ];
}

const PERIOD_COLUMNS: Column[] = [
  { title: 'Input', align: 'right' },
  { title: 'Cache write', align: 'right' },
  { title: 'Cache read', align: 'right' },
  { title: 'Output', align: 'right' },
  { title: 'Reasoning', align: 'right' },
  { title: 'Requests', align: 'right' },
  { title: 'Cost (USD)', align: 'right' },
];

function modelRow(m: ModelFigures, format: CostFormat): string[] {
  return [`  ${m.model}`, ...figureCells(m, format)];
}

/** Daily or monthly table: one line per period, its models indented below it, then the totals. */
export function formatPeriodTable(report: PeriodReport, granularity: ReportGranularity = report.granularity): string {
  const first: Column = { title: granularity === 'monthly' ? 'Month / model' : 'Day / model', align: 'left' };
  const leftOut = report.leftOut ? leftOutNote(report.leftOut) : null;
  if (report.periods.length === 0) return ['No usage recorded in this range.', ...(leftOut ? [leftOut] : [])].join('\n');
  const format = costColumn([...report.periods.flatMap((p) => [p.costUsd, ...p.byModel.map((m) => m.costUsd)]), report.totals.costUsd]);
  const rows: (string[] | null)[] = [];
  for (const p of report.periods) {
    rows.push([p.period, ...figureCells(p, format)]);
    for (const m of p.byModel) rows.push(modelRow(m, format));
  }
  rows.push(null, ['Total', ...figureCells(report.totals, format)]);
  const table = renderTable([first, ...PERIOD_COLUMNS], rows);
  const notes = [`Times in ${report.tz}. ${TOKEN_WORDS.note}`];
  const subscription = report.totals.byBilling.subscription;
  if (subscription > 0) notes.push(`Of the total, ${formatUsd(usdToNano(subscription))} is subscription usage at API prices (not billed per token).`);
  if (report.totals.unpriced > 0) notes.push(UNPRICED_NOTE);
  if (leftOut) notes.push(leftOut);
  return [table, '', ...notes].join('\n');
}

/** Calls dated after the day after today, which a range open at its end leaves out (PeriodReport.leftOut). */
function leftOutNote(l: NonNullable<PeriodReport['leftOut']>): string {
  const calls = l.requests === 1 ? '1 request' : `${l.requests} requests`;
  return `Left out: ${calls} dated after ${l.after} (a clock set wrong?); --until 9999-12-31 includes ${l.requests === 1 ? 'it' : 'them'}.`;
}

const REQUEST_COLUMNS: Column[] = [
  { title: 'Time', align: 'left' },
  { title: 'Provider', align: 'left' },
  { title: 'Model', align: 'left' },
  { title: 'Billing', align: 'left' },
  { title: 'Tag', align: 'left' },
  { title: 'Status', align: 'left' },
  { title: 'Input', align: 'right' },
  { title: 'Cache write', align: 'right' },
  { title: 'Cache read', align: 'right' },
  { title: 'Output', align: 'right' },
  { title: 'Reasoning', align: 'right' },
  { title: 'Cost (USD)', align: 'right' },
  { title: 'Latency', align: 'right' },
];

/** "2025-03-09T01:59:00.123-05:00" → "2025-03-09 01:59:00" (the zone is stated under the table). */
function readableTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

function latency(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${formatCount(ms)} ms`;
}

/** One line per request, oldest first, then the totals. */
export function formatRequestsTable(report: RequestsReport): string {
  if (report.requests.length === 0) return 'No requests recorded in this range.';
  let costNano = 0;
  let unpriced = 0;
  for (const r of report.requests) {
    // Back to integer nano-dollars for the total: summing dollar floats drifts.
    costNano += usdToNano(r.costUsd);
    if (!r.priced) unpriced++;
  }
  const format = costColumn([...report.requests.map((r) => r.costUsd), nanoToUsd(costNano)]);
  const rows: (string[] | null)[] = report.requests.map((r) => {
    return [
      readableTime(r.time),
      r.provider,
      r.model,
      r.billing,
      r.tag ?? '',
      r.status,
      formatCount(r.inputTokens),
      formatCount(r.cacheWrite5mTokens + r.cacheWrite1hTokens),
      formatCount(r.cacheReadTokens),
      formatCount(r.outputTokens),
      formatCount(r.reasoningTokens),
      costCell(format, r.costUsd, !r.priced),
      latency(r.latencyMs),
    ];
  });
  const n = report.requests.length;
  rows.push(null, [formatCountOf(n, 'request'), '', '', '', '', '', '', '', '', '', '', costCell(format, nanoToUsd(costNano), unpriced > 0), '']);
  const notes = [`Times in ${report.tz}. ${TOKEN_WORDS.note}`];
  if (unpriced > 0) notes.push(UNPRICED_NOTE);
  return [renderTable(REQUEST_COLUMNS, rows), '', ...notes].join('\n');
}
