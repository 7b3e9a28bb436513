import type { RequestBody } from '../../../shared/providers/index.js';

/**
 * A request body as the provider profiles read it: the common facts (model, stream) are found by
 * a byte search of the raw body, and it is parsed only when a fact needs it (the hard cap's
 * estimate), at most once.
 */
export class BufferRequestBody implements RequestBody {
  private parsed: unknown = NOT_PARSED;

  constructor(readonly bytes: Buffer) {}

  get length(): number {
    return this.bytes.length;
  }

  peekString(name: string): string | null {
    const at = this.bytes.indexOf(quoted(name));
    if (at < 0) return null;
    // The usual value (plain ASCII, no escapes) is read from the bytes; anything else by the pattern.
    const plain = plainStringAt(this.bytes, at + name.length + 2, at + name.length + 300);
    if (plain !== undefined) return plain;
    const window = this.bytes.subarray(at, at + name.length + 300).toString('utf8');
    const match = patterns(name).text.exec(window);
    if (!match) return null;
    try {
      return JSON.parse(`"${match[1]}"`) as string;
    } catch {
      return null;
    }
  }

  peekTrue(name: string): boolean {
    const at = this.bytes.indexOf(quoted(name));
    return at >= 0 && trueAt(this.bytes, at + name.length + 2, Math.min(this.bytes.length, at + name.length + 40));
  }

  json(): unknown {
    if (this.parsed === NOT_PARSED) {
      try {
        this.parsed = JSON.parse(this.bytes.toString('utf8'));
      } catch {
        this.parsed = undefined;
      }
    }
    return this.parsed;
  }
}

const NOT_PARSED = Symbol('not parsed');

/** `"name"` as bytes, made once per name (a string needle is encoded again on every search). */
const QUOTED = new Map<string, Buffer>();

function quoted(name: string): Buffer {
  let found = QUOTED.get(name);
  if (!found) {
    found = Buffer.from(`"${name}"`);
    QUOTED.set(name, found);
  }
  return found;
}

const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The string value after a member name at `from` (`\s*:\s*"…"`), when it is the common case the
 * pattern would read the same way: JSON whitespace, then 1 to 200 printable ASCII characters with no
 * escape, closed before `end`. Undefined for anything else (escapes, other bytes, the window's end):
 * the pattern decides then, so both paths agree on every body.
 */
function plainStringAt(bytes: Buffer, from: number, end: number): string | undefined {
  const stop = Math.min(end, bytes.length);
  let i = skipJsonSpace(bytes, from, stop);
  if (i >= stop || bytes[i] !== COLON) return undefined;
  i = skipJsonSpace(bytes, i + 1, stop);
  if (i >= stop || bytes[i] !== QUOTE) return undefined;
  const start = i + 1;
  for (let j = start; j < stop && j - start <= 200; j++) {
    const b = bytes[j]!;
    if (b === QUOTE) return j > start ? bytes.toString('latin1', start, j) : undefined;
    if (b < 0x20 || b > 0x7e || b === BACKSLASH) return undefined;
  }
  return undefined;
}

function skipJsonSpace(bytes: Buffer, i: number, stop: number): number {
  while (i < stop) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
    i++;
  }
  return i;
}

/** `\s*:\s*true` from `from`, wholly before `end`, over bytes read as Latin-1 (as the pattern read them). */
function trueAt(bytes: Buffer, from: number, end: number): boolean {
  let i = skipLatin1Space(bytes, from, end);
  if (i >= end || bytes[i] !== COLON) return false;
  i = skipLatin1Space(bytes, i + 1, end);
  return i + 4 <= end && bytes[i] === 0x74 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x75 && bytes[i + 3] === 0x65;
}

/** What `\s` matches among Latin-1 characters: tab, line feed, vertical tab, form feed, carriage return, space, no-break space. */
function skipLatin1Space(bytes: Buffer, i: number, end: number): number {
  while (i < end) {
    const b = bytes[i]!;
    if (!((b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0)) break;
    i++;
  }
  return i;
}

/** Member names are few and fixed (model, stream): their patterns are made once. */
const PATTERNS = new Map<string, { text: RegExp }>();

function patterns(name: string): { text: RegExp } {
  let found = PATTERNS.get(name);
  if (!found) {
    found = { text: new RegExp(`^"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,200})"`) };
    PATTERNS.set(name, found);
  }
  return found;
}
