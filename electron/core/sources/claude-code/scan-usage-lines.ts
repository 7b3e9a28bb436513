/**
 * Finding the usage lines in a slice of transcript without decoding or parsing the rest: most of
 * a transcript is user lines (tool results, file contents) and only assistant lines carry a
 * `"usage"` key. The slice is searched for that key as bytes; only the lines holding it are
 * handed on, as byte ranges.
 */
import { USAGE_KEY } from '../../../../shared/transcripts/claude-code-line.js';

const NEWLINE = 0x0a;
const NEEDLE = Buffer.from(USAGE_KEY, 'utf8');

/** Calls visit with the range [start, end) of each line (without its newline) holding the usage key. */
export function forEachUsageLine(buffer: Buffer, visit: (start: number, end: number) => void): void {
  let pos = 0;
  const length = buffer.length;
  while (pos < length) {
    const hit = buffer.indexOf(NEEDLE, pos);
    if (hit < 0) return;
    // pos is always a line start, so the line holding the hit starts at pos or later.
    const newlineBefore = hit > pos ? buffer.lastIndexOf(NEWLINE, hit - 1) : -1;
    const lineStart = newlineBefore >= pos ? newlineBefore + 1 : pos;
    let lineEnd = buffer.indexOf(NEWLINE, hit);
    if (lineEnd < 0) lineEnd = length;
    visit(lineStart, lineEnd);
    pos = lineEnd + 1;
  }
}
