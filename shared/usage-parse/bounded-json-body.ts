import { asObject, isJsonSpace, parseJson, type JsonObject } from './json-fields.js';
import { Utf8Chunks } from './utf8-chunks.js';

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Bytes kept from the end of an over-cap body: usage sits at the end of every provider's body. */
const TAIL_BYTES = 64 * 1024;

export type CollectedBody =
  | { kind: 'json'; body: JsonObject }
  | { kind: 'unparseable' }
  | { kind: 'overflow'; tail: string };

/**
 * Collects a non-streamed JSON body up to a cap. Past the cap it drops everything but the last
 * 64 KB, so memory stays bounded whatever the upstream sends (a float-format embeddings answer
 * for a large batch can pass 60 MB), and the usage can still be read from the tail.
 */
export class BoundedJsonBody {
  private readonly decoder = new Utf8Chunks();
  private parts: string[] = [];
  private bytes = 0;
  /** After overflow: a window of twice the tail size, slid back when full (amortised O(1) a byte). */
  private window: Uint8Array | null = null;
  private windowLength = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.window === null) {
      if (this.bytes <= this.maxBytes) {
        const decoded = this.decoder.decode(chunk);
        if (decoded.length > 0) this.parts.push(decoded);
        return;
      }
      this.parts = [];
      this.window = new Uint8Array(2 * TAIL_BYTES);
    }
    const piece = chunk.length > TAIL_BYTES ? chunk.subarray(chunk.length - TAIL_BYTES) : chunk;
    if (this.windowLength + piece.length > this.window.length) {
      const keep = Math.min(this.windowLength, TAIL_BYTES - piece.length);
      this.window.copyWithin(0, this.windowLength - keep, this.windowLength);
      this.windowLength = keep;
    }
    this.window.set(piece, this.windowLength);
    this.windowLength += piece.length;
  }

  finish(): CollectedBody {
    if (this.window === null) {
      this.parts.push(this.decoder.end());
      const body = asObject(parseJson(this.parts.join('')));
      this.parts = [];
      return body ? { kind: 'json', body } : { kind: 'unparseable' };
    }
    const start = Math.max(0, this.windowLength - TAIL_BYTES);
    const tail = new TextDecoder('utf-8').decode(this.window.subarray(start, this.windowLength));
    this.window = null;
    return { kind: 'overflow', tail };
  }
}

/**
 * The last top-level-looking `"usage": {…}` object and `"model": "…"` in the tail of a body
 * too large to keep. A quote inside a JSON string is always escaped, so the unescaped
 * `"usage"` key followed by a colon can only be structural.
 */
export function recoverUsageFromTail(tail: string): JsonObject | null {
  const usage = lastObjectMember(tail, 'usage');
  if (!usage) return null;
  const recovered: JsonObject = { usage };
  const model = lastStringMember(tail, 'model');
  if (model !== null) recovered.model = model;
  return recovered;
}

function lastObjectMember(source: string, key: string): JsonObject | null {
  const needle = `"${key}"`;
  let at = source.lastIndexOf(needle);
  while (at !== -1) {
    const open = valueStart(source, at + needle.length);
    if (open !== -1 && source.charCodeAt(open) === 123 /* { */) {
      const close = matchingBrace(source, open);
      if (close !== -1) return asObject(parseJson(source.slice(open, close + 1)));
    }
    at = at === 0 ? -1 : source.lastIndexOf(needle, at - 1);
  }
  return null;
}

function lastStringMember(source: string, key: string): string | null {
  const pattern = new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`, 'g');
  let found: string | null = null;
  for (const match of source.matchAll(pattern)) found = match[1] ?? null;
  if (found === null) return null;
  const value = parseJson(found);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Index of the value after `key` + optional spaces + ':' + optional spaces, or -1. */
function valueStart(source: string, from: number): number {
  let i = from;
  while (isJsonSpace(source.charCodeAt(i))) i++;
  if (source.charCodeAt(i) !== 58 /* : */) return -1;
  i++;
  while (isJsonSpace(source.charCodeAt(i))) i++;
  return i < source.length ? i : -1;
}

function matchingBrace(source: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123) {
      depth++;
    } else if (c === 125) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
