/**
 * The proxy as the app runs it: the real core (startCore: its three threads, a real ledger file,
 * the writer, the engine, the gate, the key store), on 127.0.0.1, in front of fake providers.
 * Tests change keys, budgets and settings through the core's own API, as the UI does; they look
 * at the ledger through a connection of their own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Budget, Settings } from '../../shared/api/contract.js';
import type { UsageRecord } from '../../shared/usage.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { getUsage } from '../../electron/core/ledger/index.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { startFakeProvider, type FakeProvider } from './fake-providers.js';
import { quietCoreOptions } from './quiet-core.js';

export interface Harness {
  /** The proxy's base URL. */
  url: string;
  anthropic: FakeProvider;
  openai: FakeProvider;
  openrouter: FakeProvider;
  /** DeepSeek (OpenAI-compatible), /deepseek/... (and /p/deepseek/..., its route when it was a custom provider). */
  deepseek: FakeProvider;
  /** Google's Gemini API, /gemini/... */
  gemini: FakeProvider;
  core: Core;
  /** The test's own connection to the ledger. */
  db: Db;
  logs: string[];
  /** Store a provider's API key, as Settings does. */
  setKey(provider: string, key: string): Promise<void>;
  setBudget(budget: Budget): Promise<void>;
  removeBudget(budget: Pick<Budget, 'scope' | 'scopeValue'>): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** Wait until every call is recorded, and return all rows, oldest first. */
  rows(): Promise<UsageRecord[]>;
  /** Calls that reached the proxy for an endpoint path since mark() (each is one row, refused ones included). */
  attempts(endpoint: string): Promise<number>;
  /** From now on, attempts() counts only newer rows. */
  mark(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  timeouts?: { connectMs?: number; idleMs?: number };
  settings?: Partial<Settings>;
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [anthropic, openai, openrouter, deepseek, gemini] = await Promise.all([
    startFakeProvider('anthropic'),
    startFakeProvider('openai'),
    startFakeProvider('openrouter'),
    startFakeProvider('openai'),
    startFakeProvider('gemini'),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-proxy-'));
  const logs: string[] = [];
  const core = await startCore(
    quietCoreOptions(dataDir, {
      log: (line) => logs.push(line),
      proxyTimeouts: options.timeouts,
      env: {
      TOKENTALLY_MASTER_KEY: 'proxy harness master key',
      TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url,
      TOKENTALLY_UPSTREAM_OPENAI: openai.url,
      TOKENTALLY_UPSTREAM_OPENROUTER: `${openrouter.url}/api`,
      TOKENTALLY_UPSTREAM_DEEPSEEK: deepseek.url,
      TOKENTALLY_UPSTREAM_GEMINI: gemini.url,
        ...options.env,
      },
    }),
  );
  await core.api.updateSettings({ timezone: 'UTC', ...options.settings });
  const db = openDatabase(dataDir);
  let markedId = 0;

  const h: Harness = {
    url: core.urls.proxy!,
    anthropic,
    openai,
    openrouter,
    deepseek,
    gemini,
    core,
    db,
    logs,
    async setKey(provider, key) {
      await core.api.setKey({ provider, kind: 'api', key });
    },
    async setBudget(budget) {
      await core.api.setBudget(budget);
    },
    async removeBudget(budget) {
      await core.api.removeBudget(budget);
    },
    async updateSettings(patch) {
      await core.api.updateSettings(patch);
    },
    async rows() {
      await core.settle();
      const ids = db.prepare('SELECT id FROM usage ORDER BY id').pluck().all() as number[];
      return ids.map((id) => getUsage(db, id)!);
    },
    async attempts(endpoint) {
      return (await h.rows()).filter((r) => r.id > markedId && r.endpoint === endpoint).length;
    },
    async mark() {
      const rows = await h.rows();
      markedId = rows.at(-1)?.id ?? 0;
    },
    async close() {
      await core.close();
      db.close();
      await Promise.all([anthropic.close(), openai.close(), openrouter.close(), deepseek.close(), gemini.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
