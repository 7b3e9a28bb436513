/**
 * CRC-32 (IEEE 802.3, the polynomial of zip and PNG) over bytes, in plain TypeScript so the segment
 * format can be checked anywhere. It catches a truncated or half-synced segment; it is not a
 * defence against tampering (nothing in the sync folder is secret or trusted).
 */

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of bytes[start, end), as an unsigned integer. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = -1;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
