/**
 * An import pass for sources read one file at a time on this thread (Codex, Gemini CLI: their
 * logs are mostly passed over unparsed, so no worker thread): the changed files, each read and
 * committed together with its new offset, its progress reported after each file, a turn given
 * back to the event loop every few MB (the proxy shares it), and a stop there when the app is
 * closing. Stopping loses nothing: each file is committed with its offset.
 */
import type { ImportProgress } from '../../../shared/api/contract-subscriptions.js';
import type { NewUsageRecord } from '../../../shared/usage.js';
import { writeRows } from '../ledger/bulk-write.js';
import { changedFiles, type ChangedFile } from './changed-files.js';
import { saveFileState, writeImportedMessages, type FileState } from './claude-code/import-store.js';
import { emptyPassResult, type PassOptions, type PassResult } from './claude-code/import-pass.js';
import type { FileListing } from './claude-code/transcript-files.js';
import { errorMessage } from '../../../shared/error-message.js';

/** As a Claude Code pass is asked, without its worker-thread knobs. */
export type FilePassOptions = Omit<PassOptions, 'workerMinBytes' | 'readStats' | 'batchBytes'>;

/** How one source's files are found and read. */
export interface FileReader {
  /** Its name in import_files and in progress reports. */
  source: string;
  /** Reads one changed file: adds what it read to the result, and commits (see commitFile). */
  read(changed: ChangedFile, at: number, result: PassResult): void;
  /** Where the read of a changed file will start (for the bytes a pass has to read). */
  startOffset(changed: ChangedFile): number;
  /** Finds the source's files under its folders (default: every *.jsonl below them). */
  list?: (folders: readonly string[]) => FileListing;
}

/** Bytes read between two calls of `between` and `stop`. */
const YIELD_BYTES = 4 * 1024 * 1024;

export async function runFilePass(options: FilePassOptions, reader: FileReader): Promise<PassResult> {
  const started = performance.now();
  const result = emptyPassResult(options.folders);
  const at = options.now();
  let sinceYield = 0;
  const changed = changedFiles(options.folders, options.only, options.states, result, reader.list);
  const bytesTotal = changed.reduce((sum, c) => sum + c.stat.size - reader.startOffset(c), 0);
  const progress: ImportProgress = { source: reader.source, filesDone: 0, filesTotal: changed.length, bytesDone: 0, bytesTotal, calls: 0 };
  for (const file of changed) {
    const before = result.bytesRead;
    const callsBefore = result.inserted + result.updated + result.skipped;
    try {
      reader.read(file, at, result);
    } catch (err) {
      result.errors.push(`cannot read ${file.file}: ${errorMessage(err)}`);
    }
    progress.filesDone++;
    progress.bytesDone = Math.min(bytesTotal, progress.bytesDone + result.bytesRead - before);
    progress.calls += result.inserted + result.updated + result.skipped - callsBefore;
    options.onProgress?.({ ...progress });
    sinceYield += result.bytesRead - before;
    if (sinceYield >= YIELD_BYTES) {
      sinceYield = 0;
      await options.between?.();
      if (options.stop?.()) break;
    }
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * One file's rows and its new read state, in one transaction (a bulk write when the rows make it
 * pay); the in-memory state follows only once committed, so a failed write leaves the file to be
 * read again.
 */
export function commitFile(options: FilePassOptions, source: string, file: string, state: FileState, records: readonly NewUsageRecord[], result: PassResult): void {
  let inserted = 0;
  let updated = 0;
  writeRows(options.db, records.length, () => {
    ({ inserted, updated } = writeImportedMessages(options.db, records));
    saveFileState(options.db, file, state, options.now(), source);
  });
  options.states.set(file, state);
  result.inserted += inserted;
  result.updated += updated;
  result.skipped += records.length - inserted - updated;
  result.filesRead++;
}
