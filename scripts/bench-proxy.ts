/**
 * npm run bench:proxy — what the proxy adds, measured on loopback only.
 *
 * Three processes, so each is measured alone: a fake provider, the proxy (the real handler,
 * pricing, gate and batched SQLite writer), and this driver (the client). Every scenario runs
 * direct (client → fake) and through the proxy (client → proxy → fake):
 *   - concurrency 1, plain and streamed: added latency p50/p99, added time to first byte;
 *   - concurrency 64: throughput ratio, for a fake that answers at once (CPU-bound: the proxy
 *     competes with the fake and the client for the cores) and one that takes 20 ms like a
 *     (very fast) real provider;
 *   - 10,000 streamed calls: growth of the proxy's RSS and heap (after GC).
 *
 * Flags: --quick (fewer requests), --json (figures as JSON on the last line), --pin (proxies on
 * CPU 1, the rest on CPU 0, Linux), --flush-ms=N (the ledger writer's flush interval),
 * --plan-windows (calls made as a subscriber with an OAuth token, answered with Anthropic's
 * plan-window headers, which the proxy reads and stores as the core does: compare with a run
 * without it to see what reading them costs).
 * Diagnostics: BENCH_CPU_PROF=dir writes the proxy's CPU profile; BENCH_LOOP=1 prints its
 * event-loop stalls every second.
 *
 * `npm run bench:proxy` runs the TypeScript through tsx (its transform adds a naming helper to
 * every closure). Compiled JS measured within the run-to-run noise of this benchmark; to check:
 *   npx esbuild scripts/bench-proxy.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=.tmp/bench-proxy.mjs && node .tmp/bench-proxy.mjs
 * A "bare forwarder" (http.request and pipe, no logging) runs alongside as the floor any Node
 * proxy pays on the same machine.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FLUSH_INTERVAL_MS } from '../electron/core/ledger/usage-writer.js';
import { resolveProviders } from '../electron/core/proxy/upstreams.js';

const SELF = fileURLToPath(import.meta.url);
const args = new Set(process.argv.slice(2));
const role = [...args].find((a) => a.startsWith('--role='))?.slice(7) ?? 'driver';
const QUICK = args.has('--quick');
const PLAN_WINDOWS = args.has('--plan-windows') || process.env.BENCH_PLAN_WINDOWS === '1';
/** Service time of the provider-like fake: fast for a real LLM API, whose answers take 0.3-30 s. */
const PROVIDER_MS = 50;

// ---- the fake provider ----------------------------------------------------------------------

const MESSAGE = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [{ type: 'text', text: 'Hello! '.repeat(40) }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1200, cache_creation_input_tokens: 0, cache_read_input_tokens: 8000, output_tokens: 120 },
});

function streamEvents(): string[] {
  const ev = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const events = [
    ev('message_start', { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', content: [], usage: { input_tokens: 1200, cache_read_input_tokens: 8000, output_tokens: 1 } } }),
    ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ev('ping', { type: 'ping' }),
  ];
  for (let i = 0; i < 20; i++) events.push(ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `token ${i} ` } }));
  events.push(ev('content_block_stop', { type: 'content_block_stop', index: 0 }));
  events.push(ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 120 } }));
  events.push(ev('message_stop', { type: 'message_stop' }));
  return events;
}

function runFake(): void {
  const events = streamEvents();
  const delayMs = Number(process.env.BENCH_FAKE_DELAY_MS ?? '0');
  // Unique like a provider's: the ledger looks rows up by request id.
  let served = 0;
  const requestId = () => `req_bench_${process.pid}_${++served}`;
  // What Anthropic sends on subscription calls: 12 headers, read by the proxy with --plan-windows.
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  const windows: Record<string, string> = PLAN_WINDOWS
    ? {
        'anthropic-organization-id': '4f1c2a9e-7b6d-4e3f-9a21-0c5d8e7f6a4b',
        'anthropic-ratelimit-unified-status': 'allowed',
        'anthropic-ratelimit-unified-5h-status': 'allowed',
        'anthropic-ratelimit-unified-5h-reset': reset,
        'anthropic-ratelimit-unified-5h-utilization': '0.42',
        'anthropic-ratelimit-unified-7d-status': 'allowed',
        'anthropic-ratelimit-unified-7d-reset': reset,
        'anthropic-ratelimit-unified-7d-utilization': '0.3',
        'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        'anthropic-ratelimit-unified-fallback-percentage': '0.5',
        'anthropic-ratelimit-unified-reset': reset,
        'anthropic-ratelimit-unified-overage-status': 'rejected',
      }
    : {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        const stream = Buffer.concat(chunks).includes('"stream":true');
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(MESSAGE), 'request-id': requestId(), ...windows });
          res.end(MESSAGE);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': requestId(), ...windows });
        // The first event goes out on its own, as a provider's message_start does, then the rest.
        res.write(events[0]);
        setImmediate(() => {
          for (let i = 1; i < events.length; i++) res.write(events[i]);
          res.end();
        });
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
}

// ---- the proxy ------------------------------------------------------------------------------

async function runProxy(): Promise<void> {
  const { priceUsage } = await import('../shared/pricing/index.js');
  const { defaultSettings } = await import('../shared/settings.js');
  const { openDatabase, createUsageWriter } = await import('../electron/core/ledger/index.js');
  const { createProxyHandler, createHardCapGate } = await import('../electron/core/proxy/index.js');
  const { startLoopbackServer } = await import('../electron/core/server/loopback-server.js');
  const { createWindowRecorder } = await import('../electron/core/windows/window-recorder.js');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-'));
  const db = openDatabase(dataDir);
  // The writer as the core runs it (its default 25 ms flush interval), unless --flush-ms N: one flush blocks
  // the event loop for about rows × 30 µs, so the interval bounds the stall a call can meet.
  const writer = createUsageWriter(db, process.env.BENCH_FLUSH_MS ? { flushIntervalMs: Number(process.env.BENCH_FLUSH_MS) } : {});
  const settings = defaultSettings('UTC');
  const windows = PLAN_WINDOWS ? createWindowRecorder(db, { now: Date.now, onStored: () => {}, onError: (err) => process.stderr.write(`windows: ${String(err)}\n`) }) : null;
  const providers = resolveProviders(settings, { TOKENTALLY_UPSTREAM_ANTHROPIC: process.env.BENCH_UPSTREAM! });
  const proxy = createProxyHandler({
    providers: () => providers,
    getKey: () => null,
    record: (rec) => writer.enqueue(rec),
    price: (a) => priceUsage(a),
    gate: createHardCapGate({ now: Date.now, run: 'bench' }),
    now: Date.now,
    log: (line) => process.stderr.write(line + '\n'),
    settings: () => settings,
    ...(windows ? { windowSnapshot: (s: Parameters<typeof windows.enqueue>[0]) => windows.enqueue(s) } : {}),
  });
  const server = await startLoopbackServer({ port: 0, handlers: [proxy], log: () => {} });
  if (process.env.BENCH_LOOP) {
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    setInterval(() => {
      process.stderr.write(`loop max ${(h.max / 1e6).toFixed(1)} ms p99 ${(h.percentile(99) / 1e6).toFixed(1)} writer pending ${writer.pending()}\n`);
      h.reset();
    }, 1000).unref();
  }
  process.on('message', (msg: { cmd: string }) => {
    if (msg.cmd === 'mem') {
      writer.flush();
      (globalThis as { gc?: () => void }).gc?.();
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      const rows = db.prepare('SELECT COUNT(*) FROM usage').pluck().get() as number;
      windows?.flush();
      const windowRows = db.prepare('SELECT COUNT(*) FROM plan_windows').pluck().get() as number;
      process.send!({ rss: m.rss, heapUsed: m.heapUsed, rows, windowRows });
    } else if (msg.cmd === 'stop') {
      void server.close(1000).then(() => {
        writer.close();
        windows?.close();
        db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send!({ port: server.port });
}

// ---- a bare forwarder (reference: what any Node proxy costs, with no logging at all) ---------

function runBare(): void {
  const upstream = new URL(process.env.BENCH_UPSTREAM!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url!.replace('/anthropic', ''), headers, agent }, (ur) => {
        res.writeHead(ur.statusCode!, ur.headers);
        ur.on('data', (c: Buffer) => res.write(c));
        ur.on('end', () => res.end());
      });
      up.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
}

// ---- the driver -----------------------------------------------------------------------------

interface Sample {
  total: number;
  ttfb: number;
}

const FLUSH_MS = [...args].find((a) => a.startsWith('--flush-ms='))?.slice(11);

/** --pin: the proxies on CPU 1, the driver and the fakes on CPU 0 (Linux taskset, all threads). */
const PIN = args.has('--pin');
function pin(pid: number, cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

function start(roleName: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const profile = roleName === 'proxy' && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(SELF, [`--role=${roleName}`], { env: { ...process.env, ...(FLUSH_MS ? { BENCH_FLUSH_MS: FLUSH_MS } : {}), ...(PLAN_WINDOWS ? { BENCH_PLAN_WINDOWS: '1' } : {}), ...env }, execArgv: [...process.execArgv, '--expose-gc', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (PIN) pin(child.pid!, roleName === 'proxy' ? 1 : 0);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${roleName} exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, cmd: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m: T) => resolve(m));
    child.send({ cmd });
  });
}

/** An API key, or with --plan-windows a subscriber's OAuth token (Claude Code logged in with a plan). */
const CREDENTIAL: Record<string, string> = PLAN_WINDOWS ? { authorization: 'Bearer sk-ant-oat01-bench' } : { 'x-api-key': 'sk-ant-bench' };
const BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Say hello. '.repeat(50) }] });
const STREAM_BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'Say hello. '.repeat(50) }] });

function call(agent: http.Agent, port: number, urlPath: string, body: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = -1;
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...CREDENTIAL } },
      (res) => {
        res.on('data', () => {
          if (ttfb < 0) ttfb = performance.now() - t0;
        });
        res.on('end', () => resolve({ total: performance.now() - t0, ttfb }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(agent: http.Agent, port: number, urlPath: string, body: string, count: number, concurrency: number): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = new Array(count);
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      samples[i] = await call(agent, port, urlPath, body);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (v: number) => `${v.toFixed(3)} ms`;

async function driver(): Promise<void> {
  if (PIN) pin(process.pid, 0);
  const fake = await start('fake');
  const slowFake = await start('fake', { BENCH_FAKE_DELAY_MS: String(PROVIDER_MS) });
  const proxy = await start('proxy', { BENCH_UPSTREAM: `http://127.0.0.1:${fake.port}` });
  const bare = await start('bare', { BENCH_UPSTREAM: `http://127.0.0.1:${fake.port}` });
  const slowProxy = await start('proxy', { BENCH_UPSTREAM: `http://127.0.0.1:${slowFake.port}` });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const n1 = QUICK ? 500 : 3000;
  const n64 = QUICK ? 2000 : 10_000;
  const f: Record<string, number> = {};

  const direct = { port: fake.port, path: '/v1/messages' };
  const via = { port: proxy.port, path: '/anthropic/v1/messages' };
  const viaBare = { port: bare.port, path: '/anthropic/v1/messages' };

  // Warm up JITs, connection pools and the price data on every path.
  for (const target of [direct, via, viaBare]) {
    await run(agent, target.port, target.path, BODY, 1000, 8);
    await run(agent, target.port, target.path, STREAM_BODY, 1000, 8);
  }
  for (const target of [
    { port: slowFake.port, path: '/v1/messages' },
    { port: slowProxy.port, path: '/anthropic/v1/messages' },
  ]) {
    await run(agent, target.port, target.path, BODY, 640, 64);
    await run(agent, target.port, target.path, STREAM_BODY, 640, 64);
  }

  // Concurrency 1: direct, proxy and bare forwarder interleaved call by call, so drift hits all alike.
  for (const [label, body] of [
    ['plain', BODY],
    ['stream', STREAM_BODY],
  ] as const) {
    const d: Sample[] = [];
    const p: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < n1; i++) {
      d.push(await call(agent, direct.port, direct.path, body));
      p.push(await call(agent, via.port, via.path, body));
      b.push(await call(agent, viaBare.port, viaBare.path, body));
    }
    for (const [who, samples] of [
      ['proxy', p],
      ['bare', b],
    ] as const) {
      f[`${label}_c1_${who}_added_p50_ms`] = pct(samples.map((s) => s.total), 50) - pct(d.map((s) => s.total), 50);
      f[`${label}_c1_${who}_added_p99_ms`] = pct(samples.map((s) => s.total), 99) - pct(d.map((s) => s.total), 99);
      if (label === 'stream') f[`stream_c1_${who}_added_ttfb_p50_ms`] = pct(samples.map((s) => s.ttfb), 50) - pct(d.map((s) => s.ttfb), 50);
    }
    f[`${label}_c1_direct_p50_ms`] = pct(d.map((s) => s.total), 50);
  }

  // Concurrency 64: requests per second, alternating direct / proxy / bare, twice.
  const rate = async (port: number, urlPath: string, body: string, count: number) => count / (await run(agent, port, urlPath, body, count, 64)).seconds;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const [label, body] of [
    ['plain', BODY],
    ['stream', STREAM_BODY],
  ] as const) {
    const r = { direct: [] as number[], proxy: [] as number[], bare: [] as number[], slowDirect: [] as number[], slowProxy: [] as number[] };
    for (let round = 0; round < 2; round++) {
      r.direct.push(await rate(direct.port, direct.path, body, n64));
      r.proxy.push(await rate(via.port, via.path, body, n64));
      r.bare.push(await rate(viaBare.port, viaBare.path, body, n64));
      r.slowDirect.push(await rate(slowFake.port, '/v1/messages', body, QUICK ? 1000 : 4000));
      r.slowProxy.push(await rate(slowProxy.port, '/anthropic/v1/messages', body, QUICK ? 1000 : 4000));
    }
    f[`${label}_c64_direct_rps`] = mean(r.direct);
    f[`${label}_c64_proxy_rps`] = mean(r.proxy);
    f[`${label}_c64_bare_rps`] = mean(r.bare);
    f[`${label}_c64_provider_direct_rps`] = mean(r.slowDirect);
    f[`${label}_c64_provider_proxy_rps`] = mean(r.slowProxy);
  }

  // Memory: rounds of 10,000 streamed calls through the proxy; growth is read over the last round.
  type Mem = { rss: number; heapUsed: number; rows: number; windowRows: number };
  const rounds: Mem[] = [await ask<Mem>(proxy.child, 'mem')];
  for (let i = 0; i < (process.env.BENCH_MEM_ROUNDS ? Number(process.env.BENCH_MEM_ROUNDS) : 2); i++) {
    await run(agent, via.port, via.path, STREAM_BODY, 10_000, 64);
    rounds.push(await ask<Mem>(proxy.child, 'mem'));
  }
  if (process.env.BENCH_MEM_ROUNDS) console.log(rounds.map((m) => `rss ${(m.rss / 1048576).toFixed(1)} heap ${(m.heapUsed / 1048576).toFixed(1)}`).join('\n'));
  const before = rounds.at(-2)!;
  const after = rounds.at(-1)!;
  f.memory_rss_growth_mb = (after.rss - before.rss) / 1024 / 1024;
  f.memory_heap_growth_mb = (after.heapUsed - before.heapUsed) / 1024 / 1024;
  f.memory_rss_after_mb = after.rss / 1024 / 1024;
  f.rows_written = after.rows - before.rows;
  f.plan_windows_stored = after.windowRows;

  agent.destroy();
  const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
  for (const c of [proxy.child, slowProxy.child]) c.send({ cmd: 'stop' });
  await Promise.all([exited(proxy.child), exited(slowProxy.child)]);
  for (const c of [fake.child, slowFake.child, bare.child]) c.kill('SIGINT');

  const v = (key: string) => f[key]!;
  const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const pctOf = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
  const row = (label: string, key: string) =>
    `  ${label.padEnd(9)} ${ms(v(`${key}_c1_direct_p50_ms`))}   ${ms(v(`${key}_c1_proxy_added_p50_ms`))}   ${ms(v(`${key}_c1_proxy_added_p99_ms`))}   ` +
    `${check(v(`${key}_c1_proxy_added_p50_ms`) <= 0.5 && v(`${key}_c1_proxy_added_p99_ms`) <= 3)}   (bare forwarder: ${ms(v(`${key}_c1_bare_added_p50_ms`))} / ${ms(v(`${key}_c1_bare_added_p99_ms`))})`;
  const rps = (label: string, key: string) =>
    `  ${label.padEnd(9)} ${v(`${key}_c64_direct_rps`).toFixed(0).padStart(7)}  ${v(`${key}_c64_proxy_rps`).toFixed(0).padStart(7)}  ${pctOf(v(`${key}_c64_proxy_rps`), v(`${key}_c64_direct_rps`)).padStart(5)}` +
    `   (bare forwarder ${pctOf(v(`${key}_c64_bare_rps`), v(`${key}_c64_direct_rps`))})` +
    `   | ${PROVIDER_MS} ms provider: ${v(`${key}_c64_provider_direct_rps`).toFixed(0)} → ${v(`${key}_c64_provider_proxy_rps`).toFixed(0)} req/s, ${pctOf(v(`${key}_c64_provider_proxy_rps`), v(`${key}_c64_provider_direct_rps`))} ${check(v(`${key}_c64_provider_proxy_rps`) >= 0.85 * v(`${key}_c64_provider_direct_rps`))}`;
  console.log(
    [
      `Tokentally proxy benchmark — Node ${process.version}, ${os.cpus().length} CPUs, loopback${QUICK ? ', quick' : ''}${PLAN_WINDOWS ? ', subscriber calls with plan-window headers' : ''}${PIN ? ', proxy pinned to CPU 1' : ''}, ledger flush every ${FLUSH_MS ?? `${DEFAULT_FLUSH_INTERVAL_MS} (default)`} ms`,
      '',
      `concurrency 1, ${n1} calls each   direct p50   added p50    added p99    (targets 0.5 / 3 ms)`,
      row('plain', 'plain'),
      row('streamed', 'stream'),
      `  added time to first byte, streamed: p50 ${ms(v('stream_c1_proxy_added_ttfb_p50_ms'))} (target 1 ms) ${check(v('stream_c1_proxy_added_ttfb_p50_ms') <= 1)}   (bare forwarder: ${ms(v('stream_c1_bare_added_ttfb_p50_ms'))})`,
      '',
      `concurrency 64, instant fake     direct   proxy  ratio   (all processes share the CPUs)`,
      rps('plain', 'plain'),
      rps('streamed', 'stream'),
      '',
      `memory, 10,000 streamed calls: RSS ${signed(v('memory_rss_growth_mb'))} MB, heap ${signed(v('memory_heap_growth_mb'))} MB ` +
        `(RSS now ${v('memory_rss_after_mb').toFixed(0)} MB, ${v('rows_written')} rows written${PLAN_WINDOWS ? `, ${v('plan_windows_stored')} plan windows kept` : ''}) (target 20 MB) ${check(v('memory_rss_growth_mb') <= 20)}`,
    ].join('\n'),
  );
  if (args.has('--json')) console.log(JSON.stringify(f));
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

// A child stopped by a signal exits normally (so --cpu-prof can write its profile).
if (role !== 'driver') process.on('SIGINT', () => process.exit(0));
if (role === 'fake') runFake();
else if (role === 'bare') runBare();
else if (role === 'proxy') void runProxy();
else
  driver().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
