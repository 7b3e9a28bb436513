/**
 * One import pass over the Codex CLI session logs: find the files, read what is new in each, and
 * store every model call as subscription usage (ChatGPT plans include Codex) priced at the API
 * rates of its day. A line's meaning depends on earlier lines (the model of the turn, the last
 * running total), so each file's carry is kept in memory between passes; a file seen for the
 * first time since start is read from its beginning, which is harmless: rows are keyed by
 * (source, external_id) and a repeat is not stored twice. The plan windows the logs report
 * (rate_limits) go to `windowSnapshot`, the last of each minute per file, a few months back at most.
 */
import path from 'node:path';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import { freshCodexCarry, readCodexLine, sessionIdFromFileName, type CodexCall, type CodexCarry } from '../../../../shared/transcripts/codex-session.js';
import type { NewUsageRecord } from '../../../../shared/usage.js';
import { DEFAULT_WINDOW_ACCOUNT, type WindowSnapshot } from '../../../../shared/api/contract-windows.js';
import { HISTORY_KEEP_MS } from '../../windows/window-store.js';
import type { FileState } from '../claude-code/import-store.js';
import type { PassResult } from '../claude-code/import-pass.js';
import type { ChangedFile } from '../changed-files.js';
import { commitFile, runFilePass, type FilePassOptions } from '../file-pass.js';
import { storableImportedRecord } from '../imported-record.js';
import { readCompleteLines, resumeOffset } from '../claude-code/read-new-bytes.js';
import { latestCallTime } from '../../../../shared/transcripts/plausible-call.js';

export const CODEX_SOURCE = 'codex';

/** A last line without a newline is taken only once its file has been still this long. */
const UNTERMINATED_AFTER_MS = 60_000;
const NEWLINE = 0x0a;

/** As a file pass is asked, with each file's carry. */
export type CodexPassOptions = FilePassOptions & {
  /** Each file's carry at its offset, this process only. */
  carries: Map<string, CodexCarry>;
  /** The ChatGPT plan's windows the logs reported (omitted: not read). */
  windowSnapshot?: (snapshot: WindowSnapshot) => void;
};

export function runCodexPass(options: CodexPassOptions): Promise<PassResult> {
  return runFilePass(options, {
    source: CODEX_SOURCE,
    read: (changed, at, result) => readFile(options, changed, at, result),
    // A file without its carry in memory is read from its start (see readFile).
    startOffset: ({ file, known, stat }) => (options.carries.has(file) ? resumeOffset(known, stat) : 0),
  });
}

function readFile(options: CodexPassOptions, { file, known, stat }: ChangedFile, at: number, result: PassResult): void {
  const { carries } = options;
  const remembered = carries.get(file);
  // Without this file's carry (first pass since start) the offset cannot be resumed from.
  let from = remembered ? resumeOffset(known, stat) : 0;
  const stale = at - stat.mtimeMs >= UNTERMINATED_AFTER_MS;
  const takeTail = (tail: Buffer) => stale && tail.toString('utf8').trim().startsWith('{');
  let slices = readCompleteLines(file, from, stat.size, takeTail);
  if (slices === null) {
    from = 0;
    slices = readCompleteLines(file, 0, stat.size, takeTail) ?? [];
  }
  const carry: CodexCarry = from > 0 && remembered ? { ...remembered } : freshCodexCarry();
  const fallbackSession = sessionIdFromFileName(path.basename(file));
  const calls: CodexCall[] = [];
  const windows = new Map<number, WindowSnapshot>();
  const keepSince = at - HISTORY_KEEP_MS;
  const latest = latestCallTime(at);
  let end = from;
  let lines = 0;
  for (const slice of slices) {
    let start = 0;
    while (start < slice.buffer.length) {
      let stop = slice.buffer.indexOf(NEWLINE, start);
      if (stop < 0) stop = slice.buffer.length;
      if (stop > start && !isResponseItem(slice.buffer, start, stop)) {
        const read = readCodexLine(slice.buffer.toString('utf8', start, stop), carry, fallbackSession, latest);
        if ('limits' in read && read.limits && read.limits.at >= keepSince) windows.set(Math.floor(read.limits.at / 60_000), codexSnapshot(read.limits.at, read.limits.windows));
        if (read.kind === 'call') calls.push(read.call);
        else if (read.kind === 'not-json' || read.kind === 'malformed') result.badLines++;
        else if (read.kind === 'repeat' || read.kind === 'no-time') result.skipped++;
        if (read.kind === 'call' || read.kind === 'repeat') lines++;
      }
      start = stop + 1;
    }
    result.bytesRead += slice.buffer.length;
    end = slice.end;
  }
  const state: FileState = { ...stat, offset: end, usageLines: (from === 0 ? 0 : (known?.usageLines ?? 0)) + lines };
  const records: NewUsageRecord[] = [];
  for (const call of calls) {
    const record = codexRecord(call, options.overrides);
    // A cost the ledger cannot hold: skipped on its own, as a malformed line.
    if (record) records.push(record);
    else result.badLines++;
  }
  commitFile(options, CODEX_SOURCE, file, state, records, result);
  // Only once committed: a failed write leaves the file to be read again.
  if (options.windowSnapshot) for (const snapshot of windows.values()) options.windowSnapshot(snapshot);
  carries.set(file, carry);
}

/** Codex logs name no account: the ChatGPT plan is one account per provider (labelled by the user). */
function codexSnapshot(at: number, windows: WindowSnapshot['windows']): WindowSnapshot {
  return { provider: 'openai', account: DEFAULT_WINDOW_ACCOUNT, source: 'codex', at, status: null, binding: null, windows };
}

/** Codex writes each line as {"timestamp":…,"type":…}: the type is in the first bytes. */
const HEAD_BYTES = 128;
const RESPONSE_ITEM = Buffer.from('"type":"response_item"');

/**
 * Messages, tool calls and their output (the bulk of a log, often large) carry no usage and
 * change nothing carried: they are passed over without being decoded or parsed.
 */
function isResponseItem(buffer: Buffer, start: number, stop: number): boolean {
  return buffer.subarray(start, Math.min(stop, start + HEAD_BYTES)).includes(RESPONSE_ITEM);
}

/** A Codex call as a ledger row: ChatGPT plans include Codex, so it is subscription usage on OpenAI models; null when its cost cannot be stored. */
function codexRecord(c: CodexCall, overrides: readonly PriceOverride[]): NewUsageRecord | null {
  return storableImportedRecord({ provider: 'openai', ...c, requestId: null, tag: 'codex', endpoint: '/v1/responses' }, overrides);
}
