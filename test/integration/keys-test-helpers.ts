import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, expect } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh data directory, removed after the test. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-keys-'));
  made.push(dir);
  return dir;
}

/** A realistic, unique Anthropic-style key. */
export function fakeAnthropicKey(): string {
  return `sk-ant-api03-${randomBytes(70).toString('base64url')}-AA`;
}

/** Every file below dir, recursively. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The forms a leaked key could take in a file. */
function encodingsOf(key: string): Buffer[] {
  const bytes = Buffer.from(key, 'utf8');
  const body = key.replace(/^sk-ant-api03-/, '');
  return [
    bytes,
    Buffer.from(body, 'utf8'),
    Buffer.from(bytes.toString('base64')),
    Buffer.from(bytes.toString('base64url')),
    Buffer.from(bytes.toString('hex')),
    Buffer.from(bytes.toString('hex').toUpperCase()),
    Buffer.from(key, 'utf16le'),
  ];
}

/** Files under dir containing the key in any of those forms. */
export function filesContaining(dir: string, key: string): string[] {
  const needles = encodingsOf(key);
  return filesUnder(dir).filter((file) => {
    const content = fs.readFileSync(file);
    return needles.some((needle) => content.includes(needle));
  });
}

/** The ApiError fn throws; fails the test when it throws nothing or something else. */
export function apiErrorFrom(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected an ApiError');
}
