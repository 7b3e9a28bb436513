/**
 * What one transcript holds past an offset: its usage lines read, decoded and reduced to one
 * message per key (the most complete copy, the first of equals, as across files), each priced and
 * made a ledger row (import-row.ts). Plain data in and out, so it runs in the import's worker threads as well as
 * in the caller's: the thread that writes the ledger then only writes.
 */
import path from 'node:path';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import { isMoreComplete, parseClaudeCodeLine, type LineResult, type TranscriptMessage } from '../../../../shared/transcripts/claude-code-line.js';
import type { NewUsageRecord } from '../../../../shared/usage.js';
import { storableImportedRecord } from '../imported-record.js';
import { toImportRow, type ImportRow } from './import-row.js';
import { readCompleteLines, type Slice } from './read-new-bytes.js';
import { forEachUsageLine } from './scan-usage-lines.js';
import { errorMessage } from '../../../../shared/error-message.js';

export interface ReadJob {
  file: string;
  /** Resume offset (0: from the start). */
  from: number;
  /** File size when stat'ed: read up to here. */
  size: number;
  /** The file has been still long enough for a last line without a newline to count as whole. */
  stale: boolean;
  /** The latest plausible time of a message (latestCallTime of the pass's clock); later ones are malformed. Default: LATEST_CALL_TIME. */
  latest?: number;
}

export interface FileRead {
  file: string;
  /** Where reading really started: 0 when the remembered offset no longer fitted the file. */
  from: number;
  /** Offset after the last line taken. */
  end: number;
  bytes: number;
  usageLines: number;
  /** Lines that are not JSON, or whose message holds impossible figures (malformed). */
  badLines: number;
  /** Synthetic, API-error and undated replies. */
  skipped: number;
  /** One row per message, in the order the file first has them. */
  rows: ImportRow[];
  error: string | null;
}

// eslint-disable-next-line no-control-regex -- the range names all of ASCII, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Parse one line. Decoding as Latin-1 is several times cheaper than UTF-8 and gives the same JSON
 * structure (bytes of multi-byte characters only ever sit inside strings, where any character is
 * allowed); only the text of strings differs, and of those only ids and the model are kept. Should
 * one of them hold a non-ASCII character, the line is decoded again as UTF-8.
 */
function decodeLine(buffer: Buffer, start: number, end: number, latest: number | undefined): LineResult {
  const parsed = parseClaudeCodeLine(buffer.toString('latin1', start, end), latest);
  if (!parsed.ok) return parsed;
  const m = parsed.message;
  const ascii = (v: string | null) => v === null || !NON_ASCII.test(v);
  // A working directory often holds a non-ASCII name (a user's, a project's): decoded again then.
  if (ascii(m.externalId) && ascii(m.model) && ascii(m.sessionId) && ascii(m.cwd)) return parsed;
  return parseClaudeCodeLine(buffer.toString('utf8', start, end), latest);
}

function isJsonObject(bytes: Buffer): boolean {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** <session id>.jsonl: the file's name without its extension. */
function sessionOfFile(file: string): string {
  return path.basename(file, '.jsonl');
}

/** An assistant message as a ledger row: subscription usage, priced at API rates of its day; null when its cost cannot be stored. */
function toRecord(m: TranscriptMessage, overrides: readonly PriceOverride[]): NewUsageRecord | null {
  return storableImportedRecord({ provider: 'anthropic', model: m.model, time: m.time, tokens: m.tokens, externalId: m.externalId, requestId: m.requestId, tag: null, endpoint: '/v1/messages', cwd: m.cwd, sessionId: m.sessionId }, overrides);
}

/** A file that could not be read. */
export function unreadFile(job: ReadJob, error: string): FileRead {
  return { file: job.file, from: job.from, end: job.from, bytes: 0, usageLines: 0, badLines: 0, skipped: 0, rows: [], error };
}

export function readFileMessages(job: ReadJob, overrides: readonly PriceOverride[]): FileRead {
  const out: FileRead = { file: job.file, from: job.from, end: job.from, bytes: 0, usageLines: 0, badLines: 0, skipped: 0, rows: [], error: null };
  const takeTail = (tail: Buffer) => job.stale && isJsonObject(tail);
  let slices: Slice[] | null;
  try {
    slices = readCompleteLines(job.file, job.from, job.size, takeTail);
    if (slices === null) {
      out.from = out.end = 0;
      slices = readCompleteLines(job.file, 0, job.size, takeTail) ?? [];
    }
  } catch (err) {
    return unreadFile(job, `cannot read ${job.file}: ${errorMessage(err)}`);
  }
  const best = new Map<string, TranscriptMessage>();
  for (const slice of slices) {
    const buffer = slice.buffer;
    forEachUsageLine(buffer, (start, end) => {
      const parsed = decodeLine(buffer, start, end, job.latest);
      if (!parsed.ok) {
        if (parsed.reason === 'not-json' || parsed.reason === 'malformed') out.badLines++;
        else if (parsed.reason !== 'no-usage') out.skipped++;
        return;
      }
      out.usageLines++;
      const m = parsed.message;
      // A line without its session's id (older versions): the file is named after the session.
      m.sessionId ??= sessionOfFile(job.file);
      const seen = best.get(m.externalId);
      if (!seen || isMoreComplete(seen.tokens, m.tokens)) best.set(m.externalId, m);
    });
    out.bytes += buffer.length;
    out.end = slice.end;
  }
  for (const m of best.values()) {
    const record = toRecord(m, overrides);
    if (record) {
      out.rows.push(toImportRow(record));
    } else {
      // Its most complete copy costs more than the ledger can hold: a malformed line, not a usage line.
      out.usageLines--;
      out.badLines++;
    }
  }
  return out;
}
