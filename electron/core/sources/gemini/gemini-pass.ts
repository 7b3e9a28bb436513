/**
 * One import pass over Gemini CLI's session logs: find the files, read what is new in each, keep
 * one copy per message (Gemini CLI appends a message again whenever it changes) and store each
 * model call on Google's models, priced at the API rates of its day. Lines stand on their own, so
 * an appended JSONL file is read from its offset even after a restart. A legacy `.json` session
 * (before v0.39) is rewritten in place: it is read whole whenever it changes; its messages keep
 * their ids, so nothing is stored twice.
 */
import fs from 'node:fs';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import { geminiProfile } from '../../../../shared/providers/gemini.js';
import { isMoreComplete } from '../../../../shared/transcripts/claude-code-line.js';
import { readGeminiLegacySession, readGeminiLine, TOKENS_KEY, type GeminiCall } from '../../../../shared/transcripts/gemini-session.js';
import type { BillingMode, NewUsageRecord } from '../../../../shared/usage.js';
import type { PassResult } from '../claude-code/import-pass.js';
import { readCompleteLines, resumeOffset } from '../claude-code/read-new-bytes.js';
import { latestCallTime } from '../../../../shared/transcripts/plausible-call.js';
import type { ChangedFile } from '../changed-files.js';
import { commitFile, runFilePass, type FilePassOptions } from '../file-pass.js';
import { storableImportedRecord } from '../imported-record.js';
import { isGeminiSessionFile, listGeminiSessionFiles } from './folders.js';

export const GEMINI_SOURCE = 'gemini-cli';

/** A last line without a newline (or a legacy file that does not parse) is taken only once its file has been still this long. */
const UNTERMINATED_AFTER_MS = 60_000;
const NEWLINE = 0x0a;
/** Prompts, tool results and metadata (most of a log's bytes) carry no usage: passed over without being decoded. */
const TOKENS = Buffer.from(TOKENS_KEY);

export type GeminiPassOptions = FilePassOptions & {
  /** How the calls are paid for (see billing.ts). */
  billing: BillingMode;
};

export function runGeminiPass(options: GeminiPassOptions): Promise<PassResult> {
  const only = options.only?.filter(isGeminiSessionFile);
  return runFilePass(
    { ...options, only },
    {
      source: GEMINI_SOURCE,
      read: (changed, at, result) => readFile(options, changed, at, result),
      // A legacy session is read whole; a JSONL one from where the last pass stopped.
      startOffset: ({ file, known, stat }) => (file.endsWith('.json') ? 0 : resumeOffset(known, stat)),
      list: listGeminiSessionFiles,
    },
  );
}

function readFile(options: GeminiPassOptions, changed: ChangedFile, at: number, result: PassResult): void {
  const stale = at - changed.stat.mtimeMs >= UNTERMINATED_AFTER_MS;
  const latest = latestCallTime(at);
  const read = changed.file.endsWith('.json') ? readLegacy(changed, stale, latest, result) : readAppended(changed, stale, latest, result);
  if (read === null) return; // caught mid-write: read again on the next pass
  const best = new Map<string, GeminiCall>();
  for (const call of read.calls) {
    const seen = best.get(call.externalId);
    if (!seen || isMoreComplete(seen.tokens, call.tokens)) best.set(call.externalId, call);
  }
  result.skipped += read.calls.length - best.size;
  const records: NewUsageRecord[] = [];
  for (const call of [...best.values()].sort((a, b) => a.time - b.time)) {
    const record = geminiRecord(call, options.billing, options.overrides);
    // A cost the ledger cannot hold: skipped on its own, as a malformed line.
    if (record) records.push(record);
    else result.badLines++;
  }
  const carried = read.from === 0 ? 0 : (changed.known?.usageLines ?? 0);
  commitFile(options, GEMINI_SOURCE, changed.file, { ...changed.stat, offset: read.end, usageLines: carried + read.usageLines }, records, result);
}

interface FileRead {
  calls: GeminiCall[];
  from: number;
  end: number;
  usageLines: number;
}

function readAppended({ file, known, stat }: ChangedFile, stale: boolean, latest: number, result: PassResult): FileRead {
  let from = resumeOffset(known, stat);
  const takeTail = (tail: Buffer) => stale && tail.toString('utf8').trim().startsWith('{');
  let slices = readCompleteLines(file, from, stat.size, takeTail);
  if (slices === null) {
    from = 0;
    slices = readCompleteLines(file, 0, stat.size, takeTail) ?? [];
  }
  const read: FileRead = { calls: [], from, end: from, usageLines: 0 };
  for (const slice of slices) {
    let start = 0;
    while (start < slice.buffer.length) {
      let stop = slice.buffer.indexOf(NEWLINE, start);
      if (stop < 0) stop = slice.buffer.length;
      if (stop > start && slice.buffer.subarray(start, stop).includes(TOKENS)) {
        const line = readGeminiLine(slice.buffer.toString('utf8', start, stop), latest);
        if (line.kind === 'calls') {
          read.calls.push(...line.calls);
          read.usageLines++;
          result.badLines += line.malformed;
        } else if (line.kind === 'malformed') result.badLines += line.count;
        else if (line.kind === 'not-json') result.badLines++;
      }
      start = stop + 1;
    }
    result.bytesRead += slice.buffer.length;
    read.end = slice.end;
  }
  return read;
}

function readLegacy({ file, stat }: ChangedFile, stale: boolean, latest: number, result: PassResult): FileRead | null {
  const source = fs.readFileSync(file, 'utf8');
  result.bytesRead += Buffer.byteLength(source);
  const session = readGeminiLegacySession(source, latest);
  if (session === null) {
    if (!stale) return null;
    // Still not a session once left alone: not read again until it changes.
    result.badLines++;
    return { calls: [], from: 0, end: stat.size, usageLines: 0 };
  }
  result.badLines += session.malformed;
  return { calls: session.calls, from: 0, end: stat.size, usageLines: session.calls.length };
}

/** A Gemini CLI call as a ledger row, on the provider gemini (Google's prices), tagged gemini-cli; null when its cost cannot be stored. */
function geminiRecord(c: GeminiCall, billing: BillingMode, overrides: readonly PriceOverride[]): NewUsageRecord | null {
  return storableImportedRecord(
    { provider: geminiProfile.id, ...c, requestId: null, tag: GEMINI_SOURCE, endpoint: `/v1beta/models/${c.model}:streamGenerateContent`, billing },
    overrides,
  );
}
