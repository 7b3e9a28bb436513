import fs from 'node:fs';
import path from 'node:path';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

/**
 * Make sure the data folder exists and can be written, and say plainly when it cannot: SQLite
 * would only say "unable to open database file" and a recursive mkdir on a read-only file system
 * says ENOENT. Returns null when all is well, else the sentence to show.
 */
export function dataFolderProblem(dataDir: string, files: readonly string[]): string | null {
  if (!fs.existsSync(dataDir)) {
    try {
      // Private by default: the ledger holds what you spend and encrypted keys.
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (err) {
      const parent = nearestExisting(path.dirname(dataDir));
      const why = parent !== null ? writeProblem(parent) : null;
      return `cannot create the data folder ${dataDir}: ${why ? `${parent} ${why}` : errorMessage(err)}`;
    }
  }
  // A file given as the folder (--data-dir pointing at a file): said as such, not as a damaged ledger inside it.
  if (!fs.statSync(dataDir).isDirectory()) return `the data folder ${dataDir} is a file, not a folder`;
  const folder = writeProblem(dataDir);
  if (folder) return `the data folder ${dataDir} ${folder}`;
  for (const name of files) {
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) continue;
    const problem = writeProblem(file);
    if (problem) return `${file} ${problem}`;
  }
  return null;
}

/** "is read-only (…)" when the path cannot be written, else null. */
function writeProblem(target: string): string | null {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return null;
  } catch (err) {
    const code = errorCode(err);
    if (code === 'EROFS') return 'is read-only (it is on a read-only file system)';
    if (code === 'EACCES' || code === 'EPERM') return 'is read-only (this user may not write to it)';
    return `cannot be written (${errorMessage(err)})`;
  }
}

function nearestExisting(dir: string): string | null {
  let current = dir;
  for (;;) {
    if (fs.existsSync(current)) return current;
    const up = path.dirname(current);
    if (up === current) return null;
    current = up;
  }
}
