/**
 * The first step of every import pass (Claude Code, Codex, Gemini CLI): which log files exist
 * under the folders (or the given ones) and which of them changed since they were last read.
 */
import type { FileState } from './claude-code/import-store.js';
import type { PassResult } from './claude-code/import-pass.js';
import { isUnchanged, statFile, type FileStat } from './claude-code/read-new-bytes.js';
import { listTranscriptFiles, type FileListing } from './claude-code/transcript-files.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

export interface ChangedFile {
  file: string;
  /** What was read of it before, if anything. */
  known: FileState | undefined;
  stat: FileStat;
}

/**
 * Fills in the result's folders found, folders walked and listing errors. `list` finds a
 * source's log files (default: every *.jsonl below the folders).
 */
export function changedFiles(
  folders: readonly string[],
  only: readonly string[] | undefined,
  states: ReadonlyMap<string, FileState>,
  result: PassResult,
  list: (folders: readonly string[]) => FileListing = listTranscriptFiles,
): ChangedFile[] {
  let files: readonly string[];
  if (only) {
    files = only;
    result.existing = [...folders];
  } else {
    const listing = list(folders);
    files = listing.files;
    result.existing = listing.existing;
    result.dirs = listing.dirs;
    result.errors.push(...listing.errors);
  }
  const changed: ChangedFile[] = [];
  for (const file of files) {
    let stat: FileStat;
    try {
      stat = statFile(file);
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') result.errors.push(`cannot read ${file}: ${errorMessage(err)}`);
      continue;
    }
    const known = states.get(file);
    if (!isUnchanged(known, stat)) changed.push({ file, known, stat });
  }
  return changed;
}
