import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyfileCipher, MASTER_KEY_FILE, MASTER_SALT_FILE } from '../../electron/core/secrets/index.js';
import { fakeAnthropicKey, tempDataDir, apiErrorFrom } from './keys-test-helpers.js';

const posix = process.platform !== 'win32';

describe('key-file cipher', () => {
  it('round-trips, with a fresh IV per blob and the documented layout', () => {
    const dir = tempDataDir();
    const cipher = createKeyfileCipher(dir, {});
    const key = fakeAnthropicKey();
    const a = cipher.encrypt(key);
    const b = cipher.encrypt(key);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + Buffer.byteLength(key));
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(cipher.decrypt(a)).toBe(key);
    expect(cipher.decrypt(b)).toBe(key);
    expect(cipher.status()).toEqual({ backend: 'keyfile', available: true, warning: null });
  });

  it.runIf(posix)('creates master.key with mode 0600 on first use, atomically, and reuses it', () => {
    const dir = tempDataDir();
    const file = path.join(dir, MASTER_KEY_FILE);
    const cipher = createKeyfileCipher(dir, {});
    expect(fs.existsSync(file)).toBe(false);
    expect(cipher.status().available).toBe(true);
    expect(fs.existsSync(file)).toBe(false); // status() does not create it
    const blob = cipher.encrypt('sk-test-abcdefgh');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.readdirSync(dir).sort()).toEqual([MASTER_KEY_FILE]); // no temp file left behind
    const before = fs.readFileSync(file, 'utf8');
    const again = createKeyfileCipher(dir, {});
    expect(again.decrypt(blob)).toBe('sk-test-abcdefgh');
    again.encrypt('sk-other-abcdefgh');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('never replaces an existing master.key', () => {
    const dir = tempDataDir();
    const master = randomBytes(32).toString('hex');
    fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), master + '\n', { mode: 0o600 });
    const blob = createKeyfileCipher(dir, {}).encrypt('sk-test-abcdefgh');
    expect(fs.readFileSync(path.join(dir, MASTER_KEY_FILE), 'utf8')).toBe(master + '\n');
    // The same bytes given through the environment open it: the file's key was the one used.
    expect(createKeyfileCipher(tempDataDir(), { TOKENTALLY_MASTER_KEY: master }).decrypt(blob)).toBe('sk-test-abcdefgh');
  });

  it.runIf(posix)('refuses a key file other users can read, saying how to fix it', () => {
    for (const mode of [0o644, 0o640, 0o604]) {
      const dir = tempDataDir();
      const file = path.join(dir, MASTER_KEY_FILE);
      fs.writeFileSync(file, randomBytes(32).toString('hex'));
      fs.chmodSync(file, mode);
      const cipher = createKeyfileCipher(dir, {});
      const err = apiErrorFrom(() => cipher.encrypt('sk-test-abcdefgh'));
      expect(err.code).toBe('unavailable');
      expect(err.message).toContain(`chmod 600 ${file}`);
      const status = cipher.status();
      expect(status.available).toBe(false);
      expect(status.warning).toContain(`chmod 600 ${file}`);
      fs.chmodSync(file, 0o600);
      expect(createKeyfileCipher(dir, {}).decrypt(createKeyfileCipher(dir, {}).encrypt('sk-test-abcdefgh'))).toBe('sk-test-abcdefgh');
    }
  });

  it('reports a damaged key file plainly', () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, MASTER_KEY_FILE), 'not a key', { mode: 0o600 });
    const err = apiErrorFrom(() => createKeyfileCipher(dir, {}).encrypt('sk-test-abcdefgh'));
    expect(err.message).toMatch(/master\.key is damaged/);
  });

  it('says which master key to check when decrypting with the wrong one, never returning garbage', () => {
    const dir = tempDataDir();
    const blob = createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') }).encrypt('sk-test-abcdefgh');
    const wrong = createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') });
    const err = apiErrorFrom(() => wrong.decrypt(blob));
    expect(err.code).toBe('unavailable');
    expect(err.message).toBe(
      `this key was stored with a different master key (TOKENTALLY_MASTER_KEY or ${path.join(dir, 'master.key')}); set the right one or remove and re-add the key`,
    );
    // The key file is another key too.
    const fromFile = createKeyfileCipher(dir, {});
    fromFile.encrypt('sk-create-the-file');
    expect(() => fromFile.decrypt(blob)).toThrow(/different master key/);
  });

  it('detects a tampered or truncated blob', () => {
    const cipher = createKeyfileCipher(tempDataDir(), {});
    const blob = cipher.encrypt('sk-test-abcdefgh');
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect(() => cipher.decrypt(flipped)).toThrow(/different master key/);
    expect(() => cipher.decrypt(blob.subarray(0, 20))).toThrow(/damaged or was written by a newer Tokentally/);
    const newer = Buffer.from(blob);
    newer[0] = 2;
    expect(() => cipher.decrypt(newer)).toThrow(/damaged or was written by a newer Tokentally/);
  });

  it('says the master key file is missing instead of making a new one on decrypt', () => {
    const dir = tempDataDir();
    const blob = createKeyfileCipher(dir, {}).encrypt('sk-test-abcdefgh');
    fs.rmSync(path.join(dir, MASTER_KEY_FILE));
    expect(() => createKeyfileCipher(dir, {}).decrypt(blob)).toThrow(/master\.key is missing and TOKENTALLY_MASTER_KEY is not set/);
    expect(fs.existsSync(path.join(dir, MASTER_KEY_FILE))).toBe(false);
  });

  it('accepts a 32-byte key as hex or base64, interchangeably, and then writes no key file', () => {
    const raw = randomBytes(32);
    const dir = tempDataDir();
    const blob = createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: raw.toString('hex').toUpperCase() }).encrypt('sk-test-abcdefgh');
    expect(createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: raw.toString('base64') }).decrypt(blob)).toBe('sk-test-abcdefgh');
    expect(createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: ` ${raw.toString('base64url')}\n` }).decrypt(blob)).toBe('sk-test-abcdefgh');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('treats any other TOKENTALLY_MASTER_KEY as a passphrase, salted in master.salt', () => {
    const dir = tempDataDir();
    const env = { TOKENTALLY_MASTER_KEY: 'correct horse battery staple' };
    const blob = createKeyfileCipher(dir, env).encrypt('sk-test-abcdefgh');
    expect(fs.readdirSync(dir)).toEqual([MASTER_SALT_FILE]);
    expect(fs.readFileSync(path.join(dir, MASTER_SALT_FILE), 'utf8')).toMatch(/^[0-9a-f]{32}\n$/);
    expect(createKeyfileCipher(dir, env).decrypt(blob)).toBe('sk-test-abcdefgh');
    expect(() => createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: 'correct horse battery stapler' }).decrypt(blob)).toThrow(
      /different master key/,
    );
    // Same passphrase, another salt: another key.
    expect(() => createKeyfileCipher(tempDataDir(), env).decrypt(blob)).toThrow(/master\.salt is missing/);
    expect(createKeyfileCipher(dir, env).status().warning).toBeNull();
    expect(createKeyfileCipher(dir, { TOKENTALLY_MASTER_KEY: 'hunter2' }).status().warning).toMatch(/short passphrase/);
  });
});
