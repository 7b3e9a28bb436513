/**
 * What makes two requests "the same request" for the loop guard's repeat signal: the model, the
 * path and the body's bytes, hashed from the bytes the proxy already holds (no JSON parse).
 *
 * The body is hashed whole, four bytes at a step (two 32-bit lanes of MurmurHash3's block step),
 * up to FULL_LIMIT. A larger body is hashed whole at its head and tail (HEAD_TAIL bytes each: the
 * system prompt and the newest turn of a conversation) and in SAMPLES evenly spread windows between,
 * with its exact length: an agent whose context grows changes its length, so only a true repeat of a
 * large request collides, and the cost stays flat whatever the size — at most 48 KB hashed, tens of
 * microseconds (npm run bench:guard).
 */
const FULL_LIMIT = 64 * 1024;
const HEAD_TAIL = 16 * 1024;
const SAMPLES = 64;
const SAMPLE_BYTES = 256;

/** A number (53 bits of two 32-bit lanes) that is equal for equal requests. */
export function requestFingerprint(model: string | null, path: string, body: Uint8Array): number {
  const lanes: Lanes = { a: 0x9747b28c ^ body.length, b: 0x85ebca6b ^ Math.floor(body.length / 0x1_0000_0000) };
  mixText(lanes, model ?? '');
  mixText(lanes, path);
  const n = body.length;
  if (n <= FULL_LIMIT) {
    mixBytes(lanes, body, 0, n);
  } else {
    mixBytes(lanes, body, 0, HEAD_TAIL);
    const span = n - 2 * HEAD_TAIL - SAMPLE_BYTES;
    for (let i = 0; i < SAMPLES; i++) {
      const from = HEAD_TAIL + Math.floor((span * i) / (SAMPLES - 1));
      mixBytes(lanes, body, from, from + SAMPLE_BYTES);
    }
    mixBytes(lanes, body, n - HEAD_TAIL, n);
  }
  return (lanes.a >>> 0) * 0x20_0000 + (lanes.b >>> 11);
}

interface Lanes {
  a: number;
  b: number;
}

function mixText(l: Lanes, s: string): void {
  for (let i = 0; i < s.length; i++) l.a = step(l.a, s.charCodeAt(i));
  // A separator, so ("ab", "c") and ("a", "bc") differ.
  l.b = step(l.b, s.length);
}

/** One block of MurmurHash3 (x86, 32-bit): the word scrambled, mixed into h, h rotated and stepped. */
function step(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Bytes [from, to) four at a time, alternating lanes; the last 0–3 bytes one at a time. */
function mixBytes(l: Lanes, bytes: Uint8Array, from: number, to: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let a = l.a;
  let b = l.b;
  let i = from;
  for (; i + 8 <= to; i += 8) {
    a = step(a, view.getInt32(i, true));
    b = step(b, view.getInt32(i + 4, true));
  }
  for (; i < to; i++) a = step(a, bytes[i]!);
  l.a = step(a, b);
  l.b = step(b, a);
}
