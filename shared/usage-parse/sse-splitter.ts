/**
 * Incremental Server-Sent Events splitter (WHATWG "event stream interpretation").
 *
 * Bytes go in as they arrive; complete events come out. A chunk boundary may fall anywhere,
 * including inside a multi-byte UTF-8 character (Utf8Chunks carries it over) or
 * between the "\r" and "\n" of a line ending (a flag carries it over). Lines may end in "\n",
 * "\r\n" or "\r". Only the current incomplete line and event are held, never the stream.
 *
 * Each push scans only the new text, so cost is linear in the stream length even when one
 * event arrives in thousands of small chunks.
 */
import { Utf8Chunks } from './utf8-chunks.js';

export interface SseEvent {
  /** The `event:` field, or '' when the event had none (the spec's default type "message"). */
  event: string;
  /** The `data:` lines of the event joined with "\n". */
  data: string;
  /** The last `id:` seen in the stream so far, or null. */
  id: string | null;
}

export interface SseSplitter {
  push(chunk: Uint8Array): void;
  /** Feed already decoded text (for callers that hold strings, e.g. parseSseEvents). */
  pushText(text: string): void;
  /**
   * The stream ended. An unterminated last line is dropped (a cut stream most likely cut it);
   * an event whose lines all arrived but whose closing blank line did not is still delivered,
   * so `data: [DONE]\n` at EOF counts. A cut JSON payload simply fails to parse downstream.
   */
  end(): void;
}

export interface SseSplitterOptions {
  /**
   * Largest event (in UTF-16 code units) held in memory. A larger event is skipped whole,
   * so a hostile or broken upstream cannot make the proxy grow without bound. Default 32 Mi.
   */
  maxEventChars?: number;
}

const DEFAULT_MAX_SSE_EVENT_CHARS = 32 * 1024 * 1024;

const LF = 10;
const CR = 13;

class IncrementalSseSplitter implements SseSplitter {
  private readonly decoder = new Utf8Chunks();
  private readonly maxEventChars: number;
  /** Start of a line whose end has not arrived yet. */
  private partialLine = '';
  /** The previous text ended with "\r": a "\n" opening the next text completes that line end. */
  private afterCR = false;
  private eventType = '';
  private data = '';
  private hasData = false;
  private lastId: string | null = null;
  /** The current event grew past maxEventChars: ignore its lines until the blank line. */
  private overflowed = false;
  /** Text of the current line was dropped (overflow), so its end is not a blank line. */
  private lineDropped = false;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    options: SseSplitterOptions,
  ) {
    this.maxEventChars = options.maxEventChars ?? DEFAULT_MAX_SSE_EVENT_CHARS;
  }

  push(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk);
    if (text.length > 0) this.pushText(text);
  }

  pushText(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    // Next "\n" and "\r" positions, recomputed only once passed, so the scan stays linear.
    let lf = text.indexOf('\n', i);
    let cr = text.indexOf('\r', i);
    while (i < n) {
      if (lf !== -1 && lf < i) lf = text.indexOf('\n', i);
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        this.holdPartial(text, i);
        return;
      }
      const piece = text.slice(i, end);
      let line = piece;
      if (this.partialLine.length > 0) {
        line = this.partialLine + piece;
        this.partialLine = '';
      }
      if (this.lineDropped) this.lineDropped = false;
      else this.processLine(line);
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === n) {
          this.afterCR = true;
          return;
        }
        i = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        i = end + 1;
      }
    }
  }

  end(): void {
    const rest = this.decoder.end();
    if (rest.length > 0) this.pushText(rest);
    this.partialLine = '';
    this.lineDropped = false;
    this.afterCR = false;
    this.dispatch();
  }

  private holdPartial(text: string, from: number): void {
    if (this.overflowed) {
      this.lineDropped = true;
      return;
    }
    this.partialLine += from === 0 ? text : text.slice(from);
    if (this.partialLine.length + this.data.length > this.maxEventChars) {
      this.overflow();
      this.lineDropped = true;
    }
  }

  private overflow(): void {
    this.overflowed = true;
    this.partialLine = '';
    this.data = '';
    this.hasData = false;
  }

  private processLine(line: string): void {
    if (line.length === 0) {
      this.dispatch();
      return;
    }
    if (this.overflowed) return;
    let field: string;
    let value: string;
    if (line.startsWith('data:')) {
      field = 'data';
      value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    } else {
      if (line.charCodeAt(0) === 58 /* ':' comment */) return;
      const colon = line.indexOf(':');
      if (colon === -1) {
        field = line;
        value = '';
      } else {
        field = line.slice(0, colon);
        value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
      }
    }
    switch (field) {
      case 'data':
        this.data = this.hasData ? this.data + '\n' + value : value;
        this.hasData = true;
        if (this.data.length > this.maxEventChars) this.overflow();
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // retry and unknown fields carry nothing a usage tap needs.
        break;
    }
  }

  private dispatch(): void {
    const deliver = this.hasData && !this.overflowed;
    const event: SseEvent = { event: this.eventType, data: this.data, id: this.lastId };
    this.eventType = '';
    this.data = '';
    this.hasData = false;
    this.overflowed = false;
    if (deliver) this.onEvent(event);
  }
}

export function createSseSplitter(
  onEvent: (event: SseEvent) => void,
  options: SseSplitterOptions = {},
): SseSplitter {
  return new IncrementalSseSplitter(onEvent, options);
}

/** Split a whole SSE text into its events (same rules as the incremental splitter). */
export function parseSseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const splitter = createSseSplitter((event) => events.push(event));
  splitter.pushText(text);
  splitter.end();
  return events;
}
