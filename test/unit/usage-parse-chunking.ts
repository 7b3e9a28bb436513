import { vi } from 'vitest';
import { createUsageTap, type TapResult, type UsageTapOptions, type WireFormat } from '../../shared/usage-parse/index.js';
import { seededRandom } from '../support/seeded-random.js';

/** Cut bytes into pieces of random length 1..maxPiece. */
export function randomChunks(bytes: Uint8Array, seed: number, maxPiece: number): Uint8Array[] {
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = 1 + Math.floor(random() * maxPiece);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
}

/** The ways every stream is fed in the invariance tests. */
export function chunkings(bytes: Uint8Array): Array<{ name: string; chunks: Uint8Array[] }> {
  const ways = [
    { name: 'one piece', chunks: [bytes] },
    { name: 'byte by byte', chunks: byteByByte(bytes) },
  ];
  for (const seed of [1, 2, 3, 42, 1337]) ways.push({ name: `random ≤7 seed ${seed}`, chunks: randomChunks(bytes, seed, 7) });
  for (const seed of [5, 6]) ways.push({ name: `random ≤300 seed ${seed}`, chunks: randomChunks(bytes, seed, 300) });
  return ways;
}

export function tapAll(format: WireFormat, options: UsageTapOptions, chunks: Iterable<Uint8Array>): TapResult {
  const tap = createUsageTap(format, options);
  for (const chunk of chunks) tap.push(chunk);
  return tap.end();
}

/** How many times JSON.parse runs during fn: the taps must not parse events that carry no usage. */
export function countJsonParses(fn: () => void): number {
  const parse = vi.spyOn(JSON, 'parse');
  try {
    fn();
    return parse.mock.calls.length;
  } finally {
    parse.mockRestore();
  }
}
