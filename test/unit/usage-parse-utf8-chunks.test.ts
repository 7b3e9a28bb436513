import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../shared/usage-parse/utf8-chunks.js';

/** What the WHATWG streaming decoder gives for the same chunks: Utf8Chunks must give the same text. */
function streamed(chunks: Uint8Array[]): string {
  const d = new TextDecoder('utf-8');
  return chunks.map((c) => d.decode(c, { stream: true })).join('') + d.decode();
}

function chunked(chunks: Uint8Array[]): string {
  const d = new Utf8Chunks();
  return chunks.map((c) => d.decode(c)).join('') + d.end();
}

/** Every way to cut `bytes` in two and in three. */
function cuts(bytes: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [[bytes]];
  for (let i = 0; i <= bytes.length; i++) {
    out.push([bytes.subarray(0, i), bytes.subarray(i)]);
    for (let j = i; j <= bytes.length; j++) out.push([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]);
  }
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('Utf8Chunks', () => {
  it('gives the streaming decoder\'s text for any cut of 1-, 2-, 3- and 4-byte characters', () => {
    const text = enc('a é € 😀 z');
    for (const chunks of cuts(text)) expect(chunked(chunks)).toBe('a é € 😀 z');
  });

  it('drops one leading byte-order mark, even cut across chunks, and keeps a later one', () => {
    const text = enc('\uFEFFdata: x\uFEFF');
    for (const chunks of cuts(text)) expect(chunked(chunks)).toBe('data: x\uFEFF');
    expect(chunked([bytes(), enc('\uFEFF\uFEFFy')])).toBe('\uFEFFy');
  });

  it('turns bad bytes into U+FFFD as the streaming decoder does, wherever the chunks are cut', () => {
    const samples = [
      bytes(0x61, 0xe2, 0x82, 0x41), // a 3-byte character cut short by an ASCII byte
      bytes(0x80, 0x80, 0x61), // stray continuation bytes
      bytes(0xf0, 0x9f, 0x98), // a 4-byte character cut by the end of the body
      bytes(0xf8, 0x80, 0x61, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80), // invalid leads, an overlong, a surrogate, past U+10FFFF
      bytes(0x61, 0xe2),
    ];
    for (const sample of samples) {
      for (const chunks of cuts(sample)) expect(chunked(chunks)).toBe(streamed(chunks));
    }
  });
});
