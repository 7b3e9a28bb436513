/**
 * CSV export of usage records (the Requests page's "Export CSV"). RFC 4180: fields separated by
 * commas, records by CRLF, a field holding a comma, quote, CR or LF is wrapped in double quotes
 * with inner quotes doubled. Costs are exact decimal dollars written from integer nano-dollars,
 * never through a float.
 */
import type { Nano } from '../money.js';
import { isoInZone } from '../time/zoned.js';
import { TOKEN_FIELDS, type UsageRecord } from '../usage.js';

export type CsvValue = string | number | boolean | null | undefined;

/** One field, quoted only when it has to be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Text that came from outside (a model name, a tag from a request header) and starts like a
 * formula would be run by a spreadsheet on open (CSV injection); a leading apostrophe makes it text.
 */
function neutralizeFormula(text: string | null): string | null {
  return text !== null && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Exact dollars from nano-dollars: 1234567890 → "1.23456789", 3600000 → "0.0036", 0 → "0.00". */
export function nanoToDecimalUsd(nano: Nano): string {
  if (!Number.isSafeInteger(nano)) throw new RangeError(`not an integer amount of nano-dollars: ${nano}`);
  const sign = nano < 0 ? '-' : '';
  const abs = Math.abs(nano);
  const whole = Math.floor(abs / 1e9);
  const fraction = String(abs % 1e9).padStart(9, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/** The export's columns; the token kinds are TOKEN_FIELDS, in its order, so a new kind is exported too. */
export const USAGE_CSV_HEADER = [
  'id',
  'time',
  'provider',
  'model',
  'billing',
  'source',
  'tag',
  'status',
  'stream',
  ...TOKEN_FIELDS,
  'costUsd',
  'priced',
  'costSource',
  'priceVersion',
  'latencyMs',
  'ttftMs',
  'requestId',
  'endpoint',
  'httpStatus',
  'errorMessage',
] as const;

/** Token fields are disjoint kinds (inputTokens is uncached input); time is ISO 8601 in `tz`. */
export function usageRecordsToCsv(records: readonly UsageRecord[], tz: string): string {
  const rows = records.map((r) => [
    r.id,
    isoInZone(r.time, tz),
    neutralizeFormula(r.provider),
    neutralizeFormula(r.model),
    r.billing,
    r.source,
    neutralizeFormula(r.tag),
    r.status,
    r.stream,
    ...TOKEN_FIELDS.map((field) => r[field]),
    nanoToDecimalUsd(r.costNano),
    r.priced,
    r.costSource,
    r.priceVersion,
    r.latencyMs,
    r.ttftMs,
    neutralizeFormula(r.requestId),
    neutralizeFormula(r.endpoint),
    r.httpStatus,
    neutralizeFormula(r.errorMessage),
  ]);
  return toCsv(USAGE_CSV_HEADER, rows);
}
