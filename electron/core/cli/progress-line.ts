/**
 * One line of progress on a terminal, rewritten in place (`\r`), at most every 100 ms, and wiped
 * when the work is done. On anything that is not a terminal (a pipe, a file, a test's capture)
 * it writes nothing, so scripts reading the output see only the result.
 */
import type { Writable } from 'node:stream';

const EVERY_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export interface ProgressLine {
  update(text: string): void;
  /** Wipe the line (the result is printed after it). */
  done(): void;
}

export function progressLine(stream: Writable, now: () => number = Date.now): ProgressLine {
  if ((stream as Writable & { isTTY?: boolean }).isTTY !== true) return { update() {}, done() {} };
  let last = -Infinity;
  let shown = false;
  return {
    update(text) {
      const t = now();
      if (t - last < EVERY_MS) return;
      last = t;
      shown = true;
      stream.write(CLEAR_LINE + text);
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}
