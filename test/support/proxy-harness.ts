/**
 * The proxy as the core wires it, on 127.0.0.1, in front of fake providers: a real ledger file
 * (openDatabase + the batched writer), the real pricing, the real budget gate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Budget, Settings } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { defaultSettings } from '../../shared/settings.js';
import type { UsageRecord } from '../../shared/usage.js';
import { createUsageWriter, getUsage, periodTotals, type UsageWriter } from '../../electron/core/ledger/index.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { spendBetween } from '../../electron/core/budgets/spend-queries.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { createBodyStore, createHardCapGate, createProxyHandler, resolveProviders, stopProxy, type ProxyHandler } from '../../electron/core/proxy/index.js';
import { startLoopbackServer, type LoopbackServer } from '../../electron/core/server/loopback-server.js';
import { startFakeProvider, type FakeProvider } from './fake-providers.js';

export interface Harness {
  url: string;
  anthropic: FakeProvider;
  openai: FakeProvider;
  openrouter: FakeProvider;
  /** DeepSeek (OpenAI-compatible), /deepseek/... (and /p/deepseek/..., its route when it was a custom provider). */
  deepseek: FakeProvider;
  /** Google's Gemini API, /gemini/... */
  gemini: FakeProvider;
  db: Db;
  settings: Settings;
  budgets: Budget[];
  keys: Map<string, string>;
  logs: string[];
  /** Requests that reached the proxy (counted before it answers). */
  proxyRequests: { method: string; url: string }[];
  proxy: ProxyHandler;
  server: LoopbackServer;
  writer: UsageWriter;
  /** Wait until every call is recorded, write the queue, and return all rows, oldest first. */
  rows(): Promise<UsageRecord[]>;
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
  const db = openDatabase(dataDir);
  const writer = createUsageWriter(db, { flushIntervalMs: 5 });
  const settings: Settings = {
    ...defaultSettings('UTC'),
    ...options.settings,
  };
  const env = {
    TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url,
    TOKENTALLY_UPSTREAM_OPENAI: openai.url,
    TOKENTALLY_UPSTREAM_OPENROUTER: `${openrouter.url}/api`,
    TOKENTALLY_UPSTREAM_DEEPSEEK: deepseek.url,
    TOKENTALLY_UPSTREAM_GEMINI: gemini.url,
    ...options.env,
  };
  const budgets: Budget[] = [];
  const keys = new Map<string, string>();
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  let providers = resolveProviders(settings, env, log);
  let providersFor: unknown = null;
  const bodies = createBodyStore(db, (err) => log(`bodies not stored: ${String(err)}`));

  const proxy = createProxyHandler({
    providers: () => {
      // Tests change settings in place; re-resolve when the custom providers change.
      const key = JSON.stringify([settings.upstreams, settings.customProviders]);
      if (key !== providersFor) {
        providers = resolveProviders(settings, env, log);
        providersFor = key;
      }
      return providers;
    },
    getKey: (provider) => keys.get(provider) ?? null,
    record: (rec) => writer.enqueue(rec),
    price: (args) => priceUsage(args),
    gate: createHardCapGate({
      budgets: () => budgets,
      spentNano: (budget, now) => {
        const period = budgetPeriod(now, budget.resetDay, budget.tz);
        return spendBetween(db, budget, period.startMs, period.endMs);
      },
      now: Date.now,
    }),
    now: Date.now,
    log,
    settings: () => settings,
    storeBodies: (b) => bodies.save(b),
    timeouts: options.timeouts,
  });
  const proxyRequests: { method: string; url: string }[] = [];
  const server = await startLoopbackServer({
    port: 0,
    handlers: [
      (req) => {
        proxyRequests.push({ method: req.method ?? '', url: req.url ?? '' });
        return false;
      },
      proxy,
    ],
    log,
  });

  return {
    url: server.url,
    anthropic,
    openai,
    openrouter,
    deepseek,
    gemini,
    db,
    settings,
    budgets,
    keys,
    logs,
    proxyRequests,
    proxy,
    server,
    writer,
    async rows() {
      await proxy.drain(5_000);
      writer.flush();
      const ids = db.prepare('SELECT id FROM usage ORDER BY id').pluck().all() as number[];
      return ids.map((id) => getUsage(db, id)!);
    },
    async close() {
      await stopProxy(server, proxy, 2_000);
      writer.close();
      db.close();
      await Promise.all([anthropic.close(), openai.close(), openrouter.close(), deepseek.close(), gemini.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
