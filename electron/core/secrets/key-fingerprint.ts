import { createHash } from 'node:crypto';

/**
 * A short, stable, one-way name for an API key, so calls and budgets can be told apart by the key
 * they used without the key being stored: "key:" + the first 16 hex digits of its SHA-256.
 * 64 bits cannot be turned back into a key with hundreds of bits of entropy, and tell keys apart.
 * The last key seen is remembered: a client sends the same one call after call.
 */
let lastKey: string | null = null;
let lastRef = '';

export function keyFingerprint(key: string): string {
  if (key !== lastKey) {
    lastRef = `key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    lastKey = key;
  }
  return lastRef;
}
