import { asObject, parseJson, type JsonObject } from './json-fields.js';
import { Utf8Chunks } from './utf8-chunks.js';

/**
 * Reads a streamed JSON array of objects (`[{…},\r\n{…}]`, Gemini's streamGenerateContent without
 * `alt=sse`) and hands over each object as soon as its closing brace arrives, so a stream cut in
 * the middle still yields every whole element, and memory holds one element at most.
 * An element larger than `maxElementChars` is skipped (its usage is not read).
 */
export class JsonArraySplitter {
  private readonly decoder = new Utf8Chunks();
  /** Nesting inside the current element: 0 between elements. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  private opened = false;
  /** The closing `]` of the array arrived. */
  closed = false;
  private parts: string[] = [];
  private partChars = 0;
  private oversized = false;

  constructor(
    private readonly onElement: (element: JsonObject) => void,
    private readonly maxElementChars: number,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.closed) return;
    this.scan(this.decoder.decode(chunk));
  }

  private scan(text: string): void {
    let start = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.depth === 0) {
        if (c === 0x5b /* [ */ && !this.opened) this.opened = true;
        else if (c === 0x7b /* { */ && this.opened) {
          this.depth = 1;
          start = i;
        } else if (c === 0x5d /* ] */ && this.opened) {
          this.closed = true;
          return;
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c /* \ */) this.escaped = true;
        else if (c === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d /* } */ || c === 0x5d) {
        this.depth--;
        if (this.depth === 0) {
          this.keep(text.slice(start, i + 1));
          this.emit();
          start = -1;
        }
      }
    }
    if (this.depth > 0 && start >= 0) this.keep(text.slice(start));
  }

  private keep(piece: string): void {
    if (this.oversized) return;
    this.partChars += piece.length;
    if (this.partChars > this.maxElementChars) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private emit(): void {
    const whole = this.oversized ? null : this.parts.join('');
    this.parts = [];
    this.partChars = 0;
    this.oversized = false;
    if (whole === null) return;
    const element = asObject(parseJson(whole));
    if (element) this.onElement(element);
  }
}
