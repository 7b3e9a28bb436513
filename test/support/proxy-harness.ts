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
import { budgetPeriod } from '../../shared/budget/period.js';
import { createBodyStore, createHardCapGate, createProxyHandler, resolveUpstreams, stopProxy, type ProxyHandler } from '../../electron/core/proxy/index.js';
import { startLoopbackServer, type LoopbackServer } from '../../electron/core/server/loopback-server.js';
import { startFakeProvider, type FakeProvider } from './fake-providers.js';

export interface Harness {
  url: string;
  anthropic: FakeProvider;
  openai: FakeProvider;
  openrouter: FakeProvider;
  /** A custom OpenAI-compatible provider, /p/deepseek/... */
  deepseek: FakeProvider;
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
  const [anthropic, openai, openrouter, deepseek] = await Promise.all([
    startFakeProvider('anthropic'),
    startFakeProvider('openai'),
    startFakeProvider('openrouter'),
    startFakeProvider('openai'),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-proxy-'));
  const db = openDatabase(dataDir);
  const writer = createUsageWriter(db, { flushIntervalMs: 5 });
  const settings: Settings = {
    ...defaultSettings('UTC'),
    customProviders: [{ name: 'deepseek', baseUrl: 'https://api.deepseek.invalid' }],
    ...options.settings,
  };
  const env = {
    TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url,
    TOKENTALLY_UPSTREAM_OPENAI: openai.url,
    TOKENTALLY_UPSTREAM_OPENROUTER: `${openrouter.url}/api`,
    TOKENTALLY_UPSTREAM_DEEPSEEK: deepseek.url,
    ...options.env,
  };
  const budgets: Budget[] = [];
  const keys = new Map<string, string>();
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  let upstreams = resolveUpstreams(settings, env, log);
  let upstreamsFor: unknown = null;
  const bodies = createBodyStore(db, (err) => log(`bodies not stored: ${String(err)}`));

  const proxy = createProxyHandler({
    upstreams: () => {
      // Tests change settings in place; re-resolve when the custom providers change.
      const key = JSON.stringify([settings.upstreams, settings.customProviders]);
      if (key !== upstreamsFor) {
        upstreams = resolveUpstreams(settings, env, log);
        upstreamsFor = key;
      }
      return upstreams;
    },
    getKey: (provider) => keys.get(provider) ?? null,
    record: (rec) => writer.enqueue(rec),
    price: (args) => priceUsage(args),
    gate: createHardCapGate({
      budgets: () => budgets,
      spentNano: (budget, now) => {
        const period = budgetPeriod(now, budget.resetDay, budget.tz);
        const scope = budget.scope === 'provider' ? { provider: budget.scopeValue ?? '' } : budget.scope === 'tag' ? { tag: budget.scopeValue ?? '' } : {};
        return periodTotals(db, { from: period.startMs, to: period.endMs, ...scope }).spendNano;
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
      await Promise.all([anthropic.close(), openai.close(), openrouter.close(), deepseek.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
