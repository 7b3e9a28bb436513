import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { createKeyfileCipher, KeyStore, type SecretCipher } from '../../electron/core/secrets/index.js';
import { fakeAnthropicKey, filesContaining, filesUnder, tempDataDir, apiErrorFrom } from './keys-test-helpers.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function storeIn(dir: string, env: NodeJS.ProcessEnv = {}, now = () => 1_700_000_000_000): { db: Db; store: KeyStore } {
  const db = openDatabase(dir);
  open.push(db);
  return { db, store: new KeyStore(db, createKeyfileCipher(dir, env), now) };
}

describe('KeyStore', () => {
  it('sets, gets, lists and removes keys, showing only masked hints', () => {
    const { store } = storeIn(tempDataDir());
    const anthropic = fakeAnthropicKey();
    const info = store.set({ provider: 'anthropic', kind: 'api', key: `  ${anthropic}\n` });
    expect(info).toEqual({
      provider: 'anthropic',
      kind: 'api',
      hasKey: true,
      hint: `sk-ant-…${anthropic.slice(-4)}`,
      updatedAt: 1_700_000_000_000,
      // A one-way fingerprint: stable for the key, and no part of the key itself.
      keyRef: expect.stringMatching(/^key:[0-9a-f]{16}$/),
      label: null,
    });
    expect(info.keyRef).not.toContain(anthropic.slice(-8));
    store.set({ provider: 'OpenAI', kind: 'admin', key: 'sk-admin-' + 'q'.repeat(60) + 'ZZ99' });
    store.set({ provider: 'deepseek', kind: 'api', key: 'sk-' + 'a'.repeat(32) });

    expect(store.get('anthropic', 'api')).toBe(anthropic);
    expect(store.get('openai', 'admin')).toBe('sk-admin-' + 'q'.repeat(60) + 'ZZ99');
    expect(store.get('anthropic', 'admin')).toBeNull();
    expect(store.get('openrouter', 'api')).toBeNull();

    const list = store.list();
    expect(list.map((k) => `${k.provider}/${k.kind}/${k.hint}`)).toEqual([
      `anthropic/api/sk-ant-…${anthropic.slice(-4)}`,
      'deepseek/api/sk-…aaaa',
      'openai/admin/sk-admin-…ZZ99',
    ]);
    expect(JSON.stringify(list)).not.toContain(anthropic.slice(13, 40));

    expect(store.remove('anthropic', 'api')).toBe(true);
    expect(store.remove('anthropic', 'api')).toBe(false);
    expect(store.get('anthropic', 'api')).toBeNull();
    expect(store.list().map((k) => k.provider)).toEqual(['deepseek', 'openai']);
  });

  it('replaces a key of the same provider and kind', () => {
    let clock = 1000;
    const { store } = storeIn(tempDataDir(), {}, () => clock);
    store.set({ provider: 'openrouter', kind: 'api', key: 'sk-or-v1-' + 'a'.repeat(64) });
    clock = 2000;
    const info = store.set({ provider: 'openrouter', kind: 'api', key: 'sk-or-v1-' + 'b'.repeat(64) });
    expect(info.updatedAt).toBe(2000);
    expect(store.list()).toHaveLength(1);
    expect(store.get('openrouter', 'api')).toBe('sk-or-v1-' + 'b'.repeat(64));
  });

  it('refuses bad input with bad_request and stores nothing', () => {
    const { store } = storeIn(tempDataDir());
    expect(apiErrorFrom(() => store.set({ provider: 'Open AI', kind: 'api', key: 'sk-abcdefgh' })).code).toBe('bad_request');
    expect(apiErrorFrom(() => store.set({ provider: 'openai', kind: 'root' as 'api', key: 'sk-abcdefgh' })).code).toBe('bad_request');
    expect(apiErrorFrom(() => store.set({ provider: 'openai', kind: 'api', key: 'sk-abc defgh' })).message).toMatch(/spaces/);
    expect(apiErrorFrom(() => store.set({ provider: 'openai', kind: 'api', key: '' })).message).toMatch(/empty/);
    expect(store.list()).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('refuses to store when the cipher is unavailable', () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'master.key'), randomBytes(32).toString('hex'), { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'master.key'), 0o644);
    const { store } = storeIn(dir);
    expect(store.status()).toMatchObject({ backend: 'keyfile', available: false });
    const err = apiErrorFrom(() => store.set({ provider: 'anthropic', kind: 'api', key: fakeAnthropicKey() }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/chmod 600/);
    expect(store.list()).toEqual([]);
  });

  it('lists a key stored by another backend but explains why get cannot read it', () => {
    const dir = tempDataDir();
    const { db, store } = storeIn(dir);
    const keychain: SecretCipher = {
      backend: 'safeStorage',
      status: () => ({ backend: 'safeStorage', available: true, warning: null }),
      encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
      decrypt: (blob) => Buffer.from(blob.map((b) => b ^ 0x5a)).toString('utf8'),
    };
    new KeyStore(db, keychain).set({ provider: 'anthropic', kind: 'api', key: fakeAnthropicKey() });
    expect(store.list().map((k) => k.provider)).toEqual(['anthropic']);
    const err = apiErrorFrom(() => store.get('anthropic', 'api'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/stored with the desktop app's system keychain and cannot be read with the headless key file/);
    // Setting it again here replaces it with a readable one.
    const key = fakeAnthropicKey();
    store.set({ provider: 'anthropic', kind: 'api', key });
    expect(store.get('anthropic', 'api')).toBe(key);
  });

  it('keeps keys across restarts, and a wrong master key is a clear error', () => {
    const dir = tempDataDir();
    const master = { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('base64') };
    const key = fakeAnthropicKey();
    const first = storeIn(dir, master);
    first.store.set({ provider: 'anthropic', kind: 'api', key });
    first.db.close();

    expect(storeIn(dir, master).store.get('anthropic', 'api')).toBe(key);
    const wrong = storeIn(dir, { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('base64') }).store;
    expect(wrong.list()).toHaveLength(1);
    expect(() => wrong.get('anthropic', 'api')).toThrow(
      `this key was stored with a different master key (TOKENTALLY_MASTER_KEY or ${path.join(dir, 'master.key')}); set the right one or remove and re-add the key`,
    );
  });
});

describe('no key in plain text on disk', () => {
  it.each<[string, NodeJS.ProcessEnv]>([
    ['master.key file', {}],
    ['raw TOKENTALLY_MASTER_KEY', { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') }],
    ['passphrase TOKENTALLY_MASTER_KEY', { TOKENTALLY_MASTER_KEY: 'a long enough passphrase here' }],
  ])('with a %s, no file under the data directory holds the key in any encoding', (_label, env) => {
    const dir = tempDataDir();
    const keys = [fakeAnthropicKey(), fakeAnthropicKey()];
    const { db, store } = storeIn(dir, env);
    store.set({ provider: 'anthropic', kind: 'api', key: keys[0]! });
    store.set({ provider: 'anthropic', kind: 'admin', key: keys[1]! });
    store.set({ provider: 'anthropic', kind: 'admin', key: fakeAnthropicKey() }); // the replaced one too
    expect(store.get('anthropic', 'api')).toBe(keys[0]);

    // While open: the WAL holds the freshest pages.
    expect(filesUnder(dir).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['tokentally.db', 'tokentally.db-wal']));
    for (const key of keys) expect(filesContaining(dir, key)).toEqual([]);

    db.close();
    const files = filesUnder(dir).map((f) => path.basename(f));
    expect(files).toContain('tokentally.db');
    if (!env.TOKENTALLY_MASTER_KEY) expect(files).toContain('master.key');
    for (const key of keys) expect(filesContaining(dir, key)).toEqual([]);
  });

  it('the check itself finds a key that is on disk', () => {
    const dir = tempDataDir();
    const key = fakeAnthropicKey();
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'leak.txt'), `x${Buffer.from(key).toString('base64')}x`);
    expect(filesContaining(dir, key)).toEqual([path.join(dir, 'nested', 'leak.txt')]);
  });
});
