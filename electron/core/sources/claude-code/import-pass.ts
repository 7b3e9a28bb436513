/**
 * One import pass over the Claude Code transcripts: find the files, read what is new in each,
 * keep one copy per message (the most complete), price it at API rates as of the message's time
 * and store it as subscription usage. Files are taken in batches; each batch is one transaction
 * holding both its messages and its files' new offsets, so a crash never leaves an offset ahead
 * of the data it stands for.
 */
import type { PriceOverride } from '../../../../shared/api/contract.js';
import type { ImportProgress, ImportRunResult } from '../../../../shared/api/contract-subscriptions.js';
import { writeRows } from '../../ledger/bulk-write.js';
import type { Db } from '../../ledger/open-database.js';
import { nextUsageId } from '../../ledger/usage-ids.js';
import { IMPORT_SOURCE, saveFileState, writeImportRows, type FileState } from './import-store.js';
import { importRowKey, importRowTime, importRowTotal, type ImportRow } from './import-row.js';
import { readInOrder, type ReadPlan, type ReadStats } from './file-readers.js';
import type { ReadJob } from './read-file-messages.js';
import { changedFiles } from '../changed-files.js';
import { resumeOffset, type FileStat } from './read-new-bytes.js';
import { latestCallTime } from '../../../../shared/transcripts/plausible-call.js';

/** Bytes read before the batch is written (and the event loop gets a turn), by default. */
const BATCH_BYTES = 16 * 1024 * 1024;
/**
 * A one-off import (the CLI) writes larger batches: each batch rewrites the index pages its rows
 * land on, and a cold history's rows land all over its time span, so four batches of 64 MB write
 * those pages a quarter as often as sixteen of 16 MB. There is no event loop to share. The first
 * batch stays at 16 MB: until it is written the writing thread has nothing else to do, while the
 * worker has time to spare later (it reads faster than the batches are written).
 */
export const ONE_OFF_BATCH_BYTES = 64 * 1024 * 1024;
/** Passes reading at least this much parse in a worker thread (see file-readers.ts). */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;
/** What a one-off import's writing thread must have read before it writes while waiting for the workers. */
const WAIT_FLUSH_BYTES = 4 * 1024 * 1024;
/** A last line without a newline is taken only once its file has been still this long. */
const UNTERMINATED_AFTER_MS = 60_000;

export interface PassOptions {
  db: Db;
  /** projects/ folders to read. */
  folders: readonly string[];
  /** What was read of each file; updated in place as batches commit. */
  states: Map<string, FileState>;
  now: () => number;
  overrides: readonly PriceOverride[];
  /** Read only these files (they changed); omitted: every file under the folders. */
  only?: readonly string[];
  /** Called between batches: the app yields to the event loop there. */
  between?: () => Promise<void>;
  /** Told each time a batch has committed (the CLI checkpoints the WAL in the background then). */
  afterWrite?: () => void;
  /** Asked after each batch: true ends the pass there (the app is closing). */
  stop?: () => boolean;
  /** Passes reading at least this many bytes parse in a worker thread too (default 16 MB; Infinity: never). */
  workerMinBytes?: number;
  /** Filled in with how the reading was shared (tests, benchmarks). */
  readStats?: ReadStats;
  /** Told after each file read: files, bytes and calls so far of what the pass found to read. */
  onProgress?: (progress: ImportProgress) => void;
  /** Bytes read per written batch (default 16 MB; ONE_OFF_BATCH_BYTES for a one-off import). */
  batchBytes?: number;
  /**
   * Worker threads parsing a large pass (default 1: the running app leaves the other core to the
   * proxy, and its thread reads too when it would otherwise wait). From 2 (a one-off import, one
   * per core), the calling thread only writes: whenever it would wait for the workers, it writes
   * what it has read so far (at least WAIT_FLUSH_BYTES), so that the writing keeps up with the
   * parsing and little is left to write once the last file is parsed.
   */
  parseWorkers?: number;
}

export interface PassResult extends ImportRunResult {
  /** Folders that exist. */
  existing: string[];
  /** Folders walked (empty for a pass over given files). */
  dirs: string[];
}

interface Pending {
  file: string;
  state: FileState;
}

export async function runImportPass(options: PassOptions): Promise<PassResult> {
  const started = performance.now();
  const { db, states, now } = options;
  const result = emptyPassResult(options.folders);
  // Which files have something new, and from where.
  const jobs: { job: ReadJob; known: FileState | undefined; stat: FileStat }[] = [];
  let toRead = 0;
  const at = now();
  for (const { file, known, stat } of changedFiles(options.folders, options.only, states, result)) {
    const from = resumeOffset(known, stat);
    jobs.push({ job: { file, from, size: stat.size, stale: at - stat.mtimeMs >= UNTERMINATED_AFTER_MS, latest: latestCallTime(at) }, known, stat });
    toRead += stat.size - from;
  }
  if (jobs.length === 0) return finish(result, started);

  const passFrom = nextUsageId(db);
  let best = new Map<string, ImportRow>();
  let pending: Pending[] = [];
  let batchBytes = 0;
  let batches = 0;
  let usageLines = 0;

  const flush = () => {
    if (pending.length === 0 && best.size === 0) return;
    // In time order: the ledger's time indexes and rollup buckets are then written in sequence.
    const rows = [...best.values()].sort((a, b) => importRowTime(a) - importRowTime(b));
    const writtenAt = now();
    let inserted = 0;
    let updated = 0;
    writeRows(db, rows.length, () => {
      ({ inserted, updated } = writeImportRows(db, rows, passFrom));
      for (const p of pending) saveFileState(db, p.file, p.state, writtenAt);
    });
    // Only once committed: a failed write leaves the offsets where they were, to be read again.
    for (const p of pending) states.set(p.file, p.state);
    options.afterWrite?.();
    result.inserted += inserted;
    result.updated += updated;
    best = new Map();
    pending = [];
    batchBytes = 0;
    batches++;
  };

  const useWorker = toRead >= (options.workerMinBytes ?? WORKER_MIN_BYTES);
  const workers = useWorker ? (options.parseWorkers ?? 1) : 0;
  const batchLimit = options.batchBytes ?? BATCH_BYTES;
  const plan: ReadPlan = { overrides: options.overrides, workers, callerReads: workers < 2 };
  if (workers >= 2) plan.onWait = () => (batchBytes >= Math.min(WAIT_FLUSH_BYTES, batchLimit) ? flush() : undefined);
  const progress: ImportProgress = { source: IMPORT_SOURCE, filesDone: 0, filesTotal: jobs.length, bytesDone: 0, bytesTotal: toRead, calls: 0 };
  let index = 0;
  for await (const read of readInOrder(jobs.map((j) => j.job), plan, options.readStats)) {
    const { known, stat } = jobs[index++]!;
    progress.filesDone++;
    if (read.error !== null) {
      result.errors.push(read.error);
      options.onProgress?.({ ...progress });
      continue;
    }
    progress.bytesDone += read.bytes;
    progress.calls += read.rows.length;
    options.onProgress?.({ ...progress });
    for (const row of read.rows) {
      const key = importRowKey(row);
      const seen = best.get(key);
      // The more complete copy (more tokens in all), the first of equals: as isMoreComplete.
      if (!seen || importRowTotal(row) > importRowTotal(seen)) best.set(key, row);
    }
    usageLines += read.usageLines;
    result.badLines += read.badLines;
    result.skipped += read.skipped;
    result.bytesRead += read.bytes;
    result.filesRead++;
    batchBytes += read.bytes;
    const carried = read.from === 0 ? 0 : (known?.usageLines ?? 0);
    pending.push({ file: read.file, state: { ...stat, offset: read.end, usageLines: carried + read.usageLines } });
    if (batchBytes >= (batches === 0 ? Math.min(BATCH_BYTES, batchLimit) : batchLimit)) {
      flush();
      await options.between?.();
      // Stopping between batches loses nothing: what was read and not written is read again next time.
      if (options.stop?.()) break;
    }
  }
  flush();
  result.skipped += usageLines - result.inserted - result.updated;
  return finish(result, started);
}

/** A pass that has read nothing yet (any source). */
export function emptyPassResult(folders: readonly string[]): PassResult {
  return { folders: [...folders], existing: [], dirs: [], filesRead: 0, bytesRead: 0, inserted: 0, updated: 0, skipped: 0, badLines: 0, errors: [], durationMs: 0 };
}

function finish(result: PassResult, started: number): PassResult {
  result.durationMs = Math.round(performance.now() - started);
  return result;
}
