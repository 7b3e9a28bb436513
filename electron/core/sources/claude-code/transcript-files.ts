/**
 * The transcript files under the projects/ folders: every *.jsonl at any depth (sessions sit in
 * one folder per project; newer Claude Code versions put sub-agent transcripts in sub-folders).
 */
import fs from 'node:fs';
import path from 'node:path';
import { errorCode, errorMessage } from '../../../../shared/error-message.js';

/** Deeper than any layout Claude Code uses; stops a symlink loop or a runaway tree. */
const MAX_DEPTH = 6;

export interface FileListing {
  files: string[];
  /** Folders that could not be read (other than missing ones), as messages. */
  errors: string[];
  /** The folders that exist (after resolving symlinks, each once). */
  existing: string[];
  /** Every folder walked, roots included (to watch). */
  dirs: string[];
}

export function listTranscriptFiles(folders: readonly string[]): FileListing {
  const files: string[] = [];
  const errors: string[] = [];
  const existing: string[] = [];
  const dirs: string[] = [];
  const seenRoots = new Set<string>();
  for (const folder of folders) {
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch {
      continue; // not there (yet): nothing to read
    }
    // ~/.claude may be a link to ~/.config/claude: read one tree once.
    if (seenRoots.has(real)) continue;
    seenRoots.add(real);
    existing.push(folder);
    walk(folder, 0, files, dirs, errors);
  }
  return { files, errors, existing, dirs };
}

function walk(dir: string, depth: number, files: string[], dirs: string[], errors: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = errorCode(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') errors.push(`cannot read the folder ${dir}: ${errorMessage(err)}`);
    return;
  }
  dirs.push(dir);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.jsonl')) files.push(full);
    else if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1, files, dirs, errors);
  }
}
