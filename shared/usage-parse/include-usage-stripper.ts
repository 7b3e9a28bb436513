import { asObject, parseJson } from './json-fields.js';

/**
 * Undoes, on the wire, the `stream_options.include_usage` the proxy added to a client's Chat
 * Completions request, so the client receives what it would have received without it:
 *   (a) the extra usage-only chunk (`choices: []` with a non-null `usage`) is removed whole,
 *       with its blank line;
 *   (b) the `"usage":null` member added to every other chunk is cut out (with its separating
 *       comma), every other byte left exactly as it was, line endings included.
 * Works on bytes, not decoded text, so nothing is re-encoded: all markers are ASCII, and a UTF-8
 * continuation byte never equals an ASCII byte. Each event is released the moment its closing
 * blank line arrives; only an incomplete event's bytes are held.
 */
export interface IncludeUsageStripper {
  /** Bytes to forward now (possibly empty). */
  push(chunk: Uint8Array): Uint8Array;
  /** Bytes still held (a stream cut inside an event is passed on as it arrived). */
  end(): Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);
/** Largest incomplete event held back; the usage chunk and ordinary chunks are a few hundred bytes. */
const MAX_HELD_BYTES = 1024 * 1024;

/** What a "\n" right after a "\r" means, since the two may arrive in different chunks. */
type AfterCR = 0 | 1 | 2 | 3;
const NO_CR: AfterCR = 0;
/** The "\r" ended a line inside the current event: the "\n" belongs to that event. */
const CR_IN_EVENT: AfterCR = 1;
/** The "\r" ended a forwarded event: forward the "\n" too. */
const CR_FORWARDED: AfterCR = 2;
/** The "\r" ended a removed event: remove the "\n" too. */
const CR_REMOVED: AfterCR = 3;

class Stripper implements IncludeUsageStripper {
  private held: Uint8Array[] = [];
  private heldLength = 0;
  private atLineStart = true;
  private afterCR: AfterCR = NO_CR;
  /**
   * The current event outgrew MAX_HELD_BYTES: it cannot be the small usage chunk, so its bytes
   * are forwarded as they come (a `"usage":null` in it reaches the client, which is harmless)
   * rather than held without bound.
   */
  private passThrough = false;

  push(chunk: Uint8Array): Uint8Array {
    const out: Uint8Array[] = [];
    const n = chunk.length;
    let eventStart = 0;
    let i = 0;
    if (this.afterCR !== NO_CR && n > 0) {
      const after = this.afterCR;
      this.afterCR = NO_CR;
      if (chunk[0] === LF) {
        if (after === CR_FORWARDED) out.push(chunk.subarray(0, 1));
        if (after !== CR_IN_EVENT) eventStart = 1;
        i = 1;
      }
    }
    // Only line-ending bytes matter; find them with native scans (positions cached until passed).
    let lf = chunk.indexOf(LF, i);
    let cr = chunk.indexOf(CR, i);
    while (i < n) {
      if (lf !== -1 && lf < i) lf = chunk.indexOf(LF, i);
      if (cr !== -1 && cr < i) cr = chunk.indexOf(CR, i);
      const at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (at === -1) {
        this.atLineStart = false;
        break;
      }
      if (at > i) this.atLineStart = false;
      const byte = chunk[at];
      i = at + 1;
      if (!this.atLineStart) {
        this.atLineStart = true;
        if (byte === CR) {
          if (i === n) this.afterCR = CR_IN_EVENT;
          else if (chunk[i] === LF) i++;
        }
        continue;
      }
      // An empty line: the event ends with this line ending.
      let eventEnd = i;
      const crAtEnd = byte === CR && i === n;
      if (byte === CR && i < n && chunk[i] === LF) eventEnd = ++i;
      const event = this.takeEvent(chunk, eventStart, eventEnd);
      eventStart = eventEnd;
      let forwarded = true;
      if (this.passThrough) out.push(event);
      else forwarded = stripEvent(event, out);
      this.passThrough = false;
      if (crAtEnd) this.afterCR = forwarded ? CR_FORWARDED : CR_REMOVED;
    }
    if (eventStart < n) {
      if (this.passThrough) {
        out.push(chunk.subarray(eventStart));
      } else {
        // Copy: the caller may reuse its buffer once it has forwarded our output.
        const rest = chunk.slice(eventStart);
        this.held.push(rest);
        this.heldLength += rest.length;
        if (this.heldLength > MAX_HELD_BYTES) {
          out.push(this.takeEvent(EMPTY, 0, 0));
          this.passThrough = true;
        }
      }
    }
    return concat(out);
  }

  end(): Uint8Array {
    this.passThrough = false;
    if (this.heldLength === 0) return EMPTY;
    const event = this.takeEvent(EMPTY, 0, 0);
    const out: Uint8Array[] = [];
    stripEvent(event, out);
    return concat(out);
  }

  /** The held bytes plus chunk[from, to), as one array; clears what was held. */
  private takeEvent(chunk: Uint8Array, from: number, to: number): Uint8Array {
    if (this.heldLength === 0) return chunk.subarray(from, to);
    const event = new Uint8Array(this.heldLength + (to - from));
    let at = 0;
    for (const piece of this.held) {
      event.set(piece, at);
      at += piece.length;
    }
    event.set(chunk.subarray(from, to), at);
    this.held = [];
    this.heldLength = 0;
    return event;
  }
}

export function createIncludeUsageStripper(): IncludeUsageStripper {
  return new Stripper();
}

const USAGE_KEY = [0x22, 0x75, 0x73, 0x61, 0x67, 0x65, 0x22]; // "usage"
const NULL_WORD = [0x6e, 0x75, 0x6c, 0x6c]; // null

/**
 * One whole event (its bytes up to and including the closing blank line): appends what to
 * forward to `out` (as slices, copied once by the caller's concat) and answers whether anything
 * was forwarded. Only the last structural `"usage"` member is looked at: OpenAI writes it after
 * `choices`, and a quote inside a JSON string is always escaped, so `"usage"` followed by a
 * colon cannot come from message content.
 */
function stripEvent(event: Uint8Array, out: Uint8Array[]): boolean {
  const member = lastUsageMember(event);
  if (member !== null) {
    const { key, value } = member;
    if (startsWith(event, value, NULL_WORD)) {
      const cut = nullUsageSpan(event, key, value + NULL_WORD.length);
      if (cut !== null) {
        out.push(event.subarray(0, cut.from), event.subarray(cut.to));
        return true;
      }
    } else if (event[value] === 0x7b /* { */ && isUsageOnlyChunk(event)) {
      return false;
    }
  }
  out.push(event);
  return true;
}

/** The last `"usage"` followed by a colon: where its key starts and its value starts. */
function lastUsageMember(bytes: Uint8Array): { key: number; value: number } | null {
  let at = bytes.lastIndexOf(0x75 /* u */);
  while (at > 0) {
    const key = at - 1;
    if (startsWith(bytes, key, USAGE_KEY)) {
      const colon = skipSpaces(bytes, key + USAGE_KEY.length);
      if (bytes[colon] === 0x3a /* : */) return { key, value: skipSpaces(bytes, colon + 1) };
    }
    at = bytes.lastIndexOf(0x75, at - 1);
  }
  return null;
}

/** The bytes of `,"usage":null` (or `"usage":null,` when it is the first member) to cut out. */
function nullUsageSpan(event: Uint8Array, keyStart: number, nullEnd: number): { from: number; to: number } | null {
  const before = skipSpacesBack(event, keyStart - 1);
  if (event[before] === 0x2c /* , */) return { from: before, to: nullEnd };
  if (event[before] !== 0x7b /* { */) return null;
  const after = skipSpaces(event, nullEnd);
  return { from: keyStart, to: event[after] === 0x2c ? skipSpaces(event, after + 1) : nullEnd };
}

/** The extra chunk include_usage adds: `choices` empty and `usage` an object. */
function isUsageOnlyChunk(event: Uint8Array): boolean {
  const payload = asObject(parseJson(eventData(new TextDecoder('utf-8').decode(event))));
  if (!payload) return false;
  const choices = payload.choices;
  return Array.isArray(choices) && choices.length === 0 && asObject(payload.usage) !== null;
}

/** The data lines of one event joined with "\n" (this event is small and rare: the usage chunk). */
function eventData(text: string): string {
  const data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.startsWith('data:')) data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
  }
  return data.join('\n');
}

function startsWith(bytes: Uint8Array, at: number, word: readonly number[]): boolean {
  if (at < 0 || at + word.length > bytes.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  return true;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09;
}

function skipSpaces(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

function skipSpacesBack(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i >= 0 && isSpace(bytes[i])) i--;
  return i;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
