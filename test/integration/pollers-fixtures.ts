/** Shared set-up of the pollers' tests: a ledger with a key store, a fake clock, poll deps aimed at a fake API. */
import { BUILT_IN_REGISTRY } from '../../shared/providers/index.js';
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import type { KeyKind } from '../../shared/api/contract.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import type { PollDeps } from '../../electron/core/pollers/index.js';
import { createKeyfileCipher } from '../../electron/core/secrets/keyfile-cipher.js';
import { KeyStore } from '../../electron/core/secrets/key-store.js';
import type { FakeReportApi } from '../support/fake-report-apis.js';
import { useTempDirs } from '../support/temp-dir.js';

export const ANTHROPIC_ADMIN_KEY = `sk-ant-admin01-${randomBytes(60).toString('base64url')}`;
export const ANTHROPIC_API_KEY = `sk-ant-api03-${randomBytes(60).toString('base64url')}`;
export const OPENAI_ADMIN_KEY = `sk-admin-${randomBytes(40).toString('base64url')}`;
export const OPENROUTER_KEY = `sk-or-v1-${randomBytes(32).toString('hex')}`;
export const DEEPSEEK_KEY = `sk-${randomBytes(16).toString('hex')}`;

export interface PollLedger {
  db: Db;
  dir: string;
  keys: KeyStore;
  env: Record<string, string>;
  setKey(provider: string, kind: KeyKind, key: string): void;
}

/** Ledgers in temp dirs (closed after each test), each with a key store under its own master key. */
export function usePollLedgers(): () => PollLedger {
  const tempDir = useTempDirs();
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
  });
  return () => {
    const dir = tempDir();
    const env = { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') };
    const db = openDatabase(dir);
    open.push(db);
    const keys = new KeyStore(db, createKeyfileCipher(dir, env));
    return { db, dir, keys, env, setKey: (provider, kind, key) => void keys.set({ provider, kind, key }) };
  };
}

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start: number): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}

/** Poll deps aimed at the fake API; sleeps are recorded (and advance the clock), never waited. */
export function pollDeps(ledger: PollLedger, api: FakeReportApi, clock: FakeClock, sleeps: number[] = []): PollDeps {
  return {
    db: ledger.db,
    getKey: (provider, kind) => ledger.keys.get(provider, kind),
    resolve: (provider) => {
      const profile = BUILT_IN_REGISTRY.get(provider);
      return profile ? { profile, baseUrl: new URL(api.url) } : null;
    },
    fetch: globalThis.fetch,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  };
}

export interface UsageDbRow {
  provider: string;
  kind: string;
  bucket_start: number;
  bucket_end: number;
  model: string;
  input_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_tokens: number;
  output_tokens: number;
  requests: number | null;
  cost_nano: number | null;
  fetched_at: number;
}

/** provider_usage as stored, in a stable order. */
export function storedRows(db: Db, provider?: string): UsageDbRow[] {
  return db
    .prepare(`SELECT * FROM provider_usage ${provider ? 'WHERE provider = ?' : ''} ORDER BY provider, kind, bucket_start, model`)
    .all(...(provider ? [provider] : [])) as UsageDbRow[];
}

/** The same without fetched_at (which changes with every poll). */
export function storedFigures(db: Db, provider?: string): Omit<UsageDbRow, 'fetched_at'>[] {
  return storedRows(db, provider).map(({ fetched_at: _f, ...rest }) => rest);
}
