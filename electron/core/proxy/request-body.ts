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
    const at = this.bytes.indexOf(`"${name}"`);
    if (at < 0) return null;
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
    const at = this.bytes.indexOf(`"${name}"`);
    return at >= 0 && patterns(name).isTrue.test(this.bytes.subarray(at, at + name.length + 40).toString('latin1'));
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

/** Member names are few and fixed (model, stream): their patterns are made once. */
const PATTERNS = new Map<string, { text: RegExp; isTrue: RegExp }>();

function patterns(name: string): { text: RegExp; isTrue: RegExp } {
  let found = PATTERNS.get(name);
  if (!found) {
    found = { text: new RegExp(`^"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,200})"`), isTrue: new RegExp(`^"${name}"\\s*:\\s*true`) };
    PATTERNS.set(name, found);
  }
  return found;
}
