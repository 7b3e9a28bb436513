import fs from 'node:fs';

/**
 * Flushes a directory's entries to the disk, so that a file just created, linked or renamed into
 * it survives a power cut under its new name. Best effort: Windows cannot open a directory for
 * fsync (there the link or rename is durable once it returns), and a failure here must not undo a
 * write that has already happened atomically.
 */
export function flushDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // best effort, see above
  }
}
