/**
 * The API's handlers run off the proxy's thread: while real, slow API reads run (re-pricing a
 * 300,000-call ledger, the Requests page's status filter over all time), the proxy's thread stays
 * free — its event loop never stalls — and proxied calls come back quickly, many of them before
 * the reads are done. Before the engine moved to its own thread, each of those reads held the
 * proxy for as long as it took.
 */
import Anthropic from '@anthropic-ai/sdk';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import { quietCoreOptions } from '../support/quiet-core.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { useTempDirs } from '../support/temp-dir.js';

const ROWS = 200_000;
const HI = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hi' }] };
const tempDir = useTempDirs();
let core: Core;
let anthropic: FakeProvider;

beforeAll(async () => {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const now = Date.now();
  // A year of calls, made in SQL (the triggers keep the rollup in step, as for any insert).
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO usage (time, provider, model, billing, source, tag, status, stream, input_tokens, output_tokens, cost_nano, priced, cost_source, price_version)
     SELECT ? - i * 100000, 'anthropic', CASE WHEN i % 3 = 0 THEN 'claude-sonnet-4-5' ELSE 'claude-haiku-4-5' END, 'api', 'proxy', 'tag' || (i % 7),
            CASE WHEN i % 11 = 0 THEN 'error' ELSE 'ok' END, 0, 1000 + i % 5000, 200 + i % 900, 5000 + i % 70000, 1, 'computed', 'seed'
     FROM n`,
  ).run(ROWS, now);
  db.close();
  anthropic = await startFakeProvider('anthropic');
  core = await startCore(quietCoreOptions(dataDir, { env: { TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url } }));
}, 120_000);

afterAll(async () => {
  await core?.close();
  await anthropic?.close();
});

test('slow API reads never hold up the proxy: its thread stays free and calls return while the reads run', async () => {
  // One read alone: how long a call would wait behind it, were they on one thread.
  const alone = performance.now();
  await core.api.repriceUsage({ days: 366, provider: 'anthropic', model: 'claude-haiku-4-5' });
  const oneReadMs = performance.now() - alone;
  expect(oneReadMs, 'one read must take long enough to matter').toBeGreaterThan(200);

  // The client's own first call loads and compiles the SDK's lazily loaded code on this thread
  // (about 100 ms quiet, several hundred under load): that is the test's client, not the proxy,
  // so it is paid before the measurement, straight to the fake provider.
  await new Anthropic({ baseURL: anthropic.url, apiKey: 'sk-ant-api03-isolation', maxRetries: 0 }).messages.create(HI);

  // The proxy's thread: how late its timers fire while the reads run.
  let maxLagMs = 0;
  let last = performance.now();
  const sampler = setInterval(() => {
    const t = performance.now();
    maxLagMs = Math.max(maxLagMs, t - last - 2);
    last = t;
  }, 2);

  const readsStarted = performance.now();
  let readsDone = false;
  const reads = Promise.all([
    ...Array.from({ length: 4 }, () => core.api.repriceUsage({ days: 366, provider: 'anthropic', model: 'claude-haiku-4-5' })),
    ...Array.from({ length: 4 }, () => core.api.listUsage({ status: 'error' })),
  ]).then((r) => {
    readsDone = true;
    return r;
  });

  const client = new Anthropic({ baseURL: `${core.urls.proxy}/anthropic`, apiKey: 'sk-ant-api03-isolation', maxRetries: 0 });
  const latencies: number[] = [];
  let whileReading = 0;
  while (!readsDone) {
    const t = performance.now();
    await client.messages.create(HI);
    latencies.push(performance.now() - t);
    if (!readsDone) whileReading++;
  }
  const results = await reads;
  const readsMs = performance.now() - readsStarted;
  clearInterval(sampler);

  // The reads were real work on a real ledger (else this proves nothing)…
  expect(results[0]).toMatchObject({ rows: expect.any(Array) });
  console.log(`one read ${oneReadMs.toFixed(0)} ms; all reads ${readsMs.toFixed(0)} ms; ${whileReading} calls meanwhile, slowest ${Math.max(...latencies).toFixed(1)} ms; proxy thread lag ${maxLagMs.toFixed(1)} ms`);
  expect(readsMs).toBeGreaterThan(oneReadMs);
  // …and the proxy's thread went on serving calls all along: none waited behind a read (on one
  // thread a call would wait up to a whole read), and its timers kept time. The bounds leave room
  // for a loaded machine: two shared cores, other processes running.
  expect(whileReading).toBeGreaterThanOrEqual(3);
  expect(Math.max(...latencies)).toBeLessThan(oneReadMs / 2);
  expect(maxLagMs).toBeLessThan(oneReadMs / 2);
}, 120_000);
