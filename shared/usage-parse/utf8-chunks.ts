/**
 * UTF-8 text of a body that arrives in chunks, as `new TextDecoder('utf-8')` with
 * `{ stream: true }` gives it (a character split across chunks is carried over, a leading
 * byte-order mark is dropped, bad bytes become U+FFFD), but about six times cheaper: Node's
 * streaming decode goes through ICU for every chunk, while a whole decode takes V8's UTF-8 fast
 * path. So each chunk is decoded whole up to its last complete character, and the 1-3 bytes of a
 * character cut by the chunk's end wait for the next chunk. Decoding a carried prefix later
 * gives what the streaming decoder gives: it holds exactly those bytes back too.
 */

/** One decoder for every body: a whole decode keeps no state. The BOM is dropped here, once per body. */
const WHOLE = new TextDecoder('utf-8', { ignoreBOM: true });
const BOM = 0xfeff;

export class Utf8Chunks {
  /** The start of a character the last chunk cut, or null. */
  private carry: Uint8Array | null = null;
  /** No text has come out yet: a BOM opening it is dropped. */
  private atStart = true;

  /** The text of `chunk`, up to its last complete character. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry !== null) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const complete = completeLength(bytes);
    if (complete < bytes.length) {
      this.carry = bytes.slice(complete);
      bytes = bytes.subarray(0, complete);
    }
    return bytes.length === 0 ? '' : this.text(WHOLE.decode(bytes));
  }

  /** The body ended: the bytes of a character it cut, as U+FFFD. */
  end(): string {
    const carry = this.carry;
    this.carry = null;
    return carry === null ? '' : this.text(WHOLE.decode(carry));
  }

  private text(decoded: string): string {
    if (!this.atStart || decoded.length === 0) return decoded;
    this.atStart = false;
    return decoded.charCodeAt(0) === BOM ? decoded.slice(1) : decoded;
  }
}

/**
 * Length of `bytes` without a last character whose lead byte announces more bytes than follow it.
 * Only the last 1-3 bytes are looked at; anything invalid there is left to the decoder (U+FFFD).
 */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = n - 1;
  // Back over continuation bytes (10xxxxxx) to the lead of the last character, at most 3.
  while (i >= 0 && i > n - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + need > n ? i : n;
}
