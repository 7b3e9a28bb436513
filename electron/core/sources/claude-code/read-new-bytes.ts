/**
 * Reading only what is new in a transcript. Claude Code appends whole lines; a line still being
 * written (no newline yet) is left for the next pass. A file that shrank, or was replaced under
 * its name (another device:inode), or whose byte before the remembered offset is no longer a
 * newline (rewritten in place), is read again from the start.
 */
import fs from 'node:fs';
import type { FileState } from './import-store.js';

const NEWLINE = 0x0a;
/** Read in slices this large: a 200 MB transcript never needs 200 MB of memory at once. */
const SLICE_BYTES = 32 * 1024 * 1024;

export interface FileStat {
  size: number;
  /** Whole milliseconds, as stored. */
  mtimeMs: number;
  identity: string;
}

export function statFile(file: string): FileStat {
  const st = fs.statSync(file);
  return { size: st.size, mtimeMs: Math.round(st.mtimeMs), identity: `${st.dev}:${st.ino}` };
}

/**
 * Nothing to read: same file, same size and time as when it was last read, and read to the end
 * (a last line still without its newline is looked at again until it is taken).
 */
export function isUnchanged(known: FileState | undefined, now: FileStat): boolean {
  return known !== undefined && known.identity === now.identity && known.size === now.size && known.mtimeMs === now.mtimeMs && known.offset === now.size;
}

/** Where to resume: the remembered offset, or 0 when the file is not the one that was read. */
export function resumeOffset(known: FileState | undefined, now: FileStat): number {
  if (!known || known.identity !== now.identity || now.size < known.size || now.size < known.offset) return 0;
  return known.offset;
}

export interface Slice {
  /** Complete lines, ending with a newline (or a stale last line without one). */
  buffer: Buffer;
  /** File offset of buffer[0]. */
  start: number;
  /** File offset just past the last byte taken. */
  end: number;
}

/**
 * The complete lines from `from` to the end of the file, in slices. `takeUnterminated` decides
 * whether a last line without a newline is taken as complete (a writer that stopped long ago).
 * Returns null when the byte before `from` is not a newline: the caller reads from 0 instead.
 */
export function readCompleteLines(file: string, from: number, size: number, takeUnterminated: (tail: Buffer) => boolean): Slice[] | null {
  const fd = fs.openSync(file, 'r');
  try {
    if (from > 0) {
      const probe = Buffer.alloc(1);
      if (fs.readSync(fd, probe, 0, 1, from - 1) !== 1 || probe[0] !== NEWLINE) return null;
    }
    const slices: Slice[] = [];
    let pos = from;
    let carry: Buffer | null = null;
    while (pos < size) {
      const want = Math.min(SLICE_BYTES, size - pos);
      const chunk = Buffer.allocUnsafe(want);
      const got = fs.readSync(fd, chunk, 0, want, pos);
      if (got <= 0) break;
      const read = got === want ? chunk : chunk.subarray(0, got);
      const data: Buffer = carry ? Buffer.concat([carry, read]) : read;
      const dataStart = pos - (carry?.length ?? 0);
      pos += got;
      const lastNewline = data.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        carry = data;
        continue;
      }
      slices.push({ buffer: data.subarray(0, lastNewline + 1), start: dataStart, end: dataStart + lastNewline + 1 });
      carry = lastNewline + 1 < data.length ? data.subarray(lastNewline + 1) : null;
    }
    if (carry && carry.length > 0 && takeUnterminated(carry)) {
      const start = pos - carry.length;
      slices.push({ buffer: carry, start, end: pos });
    }
    return slices;
  } finally {
    fs.closeSync(fd);
  }
}
