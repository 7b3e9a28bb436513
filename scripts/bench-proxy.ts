/**
 * npm run bench:proxy — what the proxy adds, measured on loopback only, as users run it.
 *
 * Separate processes, so each is measured alone: a fake provider, `tokentally serve` (the built CLI:
 * the whole core with its engine and writer threads, exactly what a user starts), a bare
 * forwarder (http.request and pipe, logging nothing: the floor any Node proxy pays on this
 * machine), and this driver (the client). Every scenario runs direct (client → fake), through
 * serve and through the bare forwarder:
 *   - concurrency 1, plain and streamed, calls interleaved one by one over several rounds: added
 *     latency p50/p99 and added time to first byte; each figure is the median over the rounds
 *     (one round is noisy on two shared cores). Target: within 0.1 ms of the bare forwarder at p50
 *     and for time to first byte;
 *   - concurrency 64: throughput ratio, for a fake that answers at once (CPU-bound: the proxy
 *     competes with the fake and the client for the cores) and one that takes 50 ms like a
 *     (very fast) real provider;
 *   - 10,000 streamed calls: growth of the served process's resident memory.
 * serve is warmed up until its CPU per call settles (V8 compiles its three isolates' code for a few
 * thousand calls); the CPU each process spends per call at concurrency 1 (Linux: its main thread
 * and the rest) is printed beside the latencies: unlike them, it moves little with the load.
 *
 * Flags: --quick (fewer requests), --json (figures as JSON on the last line), --rounds N, --pin
 * (serve and the bare forwarder on CPU 1, the rest on CPU 0, Linux), --plan-windows (calls made as
 * a subscriber with an OAuth token, answered with Anthropic's plan-window headers, which serve
 * reads and stores: compare with a run without it to see what reading them costs).
 * Diagnostics: BENCH_CPU_PROF=dir writes serve's CPU profiles.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { fakeAnthropicServer } from './bench-support/fake-anthropic.js';
import { forkServer, serveToParent } from './bench-support/forked-server.js';
import { residentBytes, startServe, type ServedCore } from './bench-support/served-core.js';
import { cpuPerCall, threadCpu } from './bench-support/thread-cpu.js';
import { MESSAGES_BODY, percentile, STREAMED_MESSAGES_BODY, timedCall, type Sample } from './bench-support/timed-call.js';

const SELF = fileURLToPath(import.meta.url);
const args = new Set(process.argv.slice(2));
const role = [...args].find((a) => a.startsWith('--role='))?.slice(7) ?? 'driver';
const QUICK = args.has('--quick');
const PLAN_WINDOWS = args.has('--plan-windows') || process.env.BENCH_PLAN_WINDOWS === '1';
/** Service time of the provider-like fake: fast for a real LLM API, whose answers take 0.3-30 s. */
const PROVIDER_MS = 50;

// ---- the fake provider (its own process) -----------------------------------------------------

/** What Anthropic sends on subscription calls: 12 headers, read by the proxy with --plan-windows. */
function planWindowHeaders(): Record<string, string> {
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  return {
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
  };
}

function runFake(): Promise<void> {
  return serveToParent(fakeAnthropicServer({ delayMs: Number(process.env.BENCH_FAKE_DELAY_MS ?? '0'), headers: PLAN_WINDOWS ? planWindowHeaders() : {} }));
}

// ---- a bare forwarder (reference: what any Node proxy costs, with no logging at all) ---------

function runBare(): Promise<void> {
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
  return serveToParent(server);
}

// ---- the driver -----------------------------------------------------------------------------

const ROUNDS_ARG = process.argv.indexOf('--rounds');
const ROUNDS = ROUNDS_ARG > 0 ? Number(process.argv[ROUNDS_ARG + 1]) : QUICK ? 3 : 7;
if (!Number.isSafeInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds must be a positive whole number');

/** --pin: the proxies on CPU 1, the driver and the fakes on CPU 0 (Linux taskset, all threads). */
const PIN = args.has('--pin');
function pin(pid: number, cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

async function start(roleName: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const started = await forkServer(SELF, [`--role=${roleName}`], { ...(PLAN_WINDOWS ? { BENCH_PLAN_WINDOWS: '1' } : {}), ...env });
  if (PIN) pin(started.child.pid!, roleName === 'bare' ? 1 : 0);
  return started;
}

/** `tokentally serve` on a fresh data folder in front of the given fake. */
async function serve(upstream: number): Promise<ServedCore & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-'));
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const served = await startServe({ dataDir, upstream: `http://127.0.0.1:${upstream}`, nodeArgs });
  if (PIN) pin(served.child.pid!, 1);
  return { ...served, dataDir };
}

function rowsIn(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'tokentally.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM usage').pluck().get() as number;
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => percentile(xs, 50);

/** serve's warm-up: blocks of this many plain and as many streamed calls, until its CPU per call settles. */
const WARM_BLOCK = 1000;
const WARM_BLOCKS_MAX = QUICK ? 4 : 8;

/** An API key, or with --plan-windows a subscriber's OAuth token (Claude Code logged in with a plan). */
const CREDENTIAL: Record<string, string> = PLAN_WINDOWS ? { authorization: 'Bearer sk-ant-oat01-bench' } : { 'x-api-key': 'sk-ant-bench' };
const call = (agent: http.Agent, port: number, urlPath: string, body: string): Promise<Sample> => timedCall(agent, port, urlPath, body, CREDENTIAL);

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

const ms = (v: number) => `${v.toFixed(3)} ms`;

async function driver(): Promise<void> {
  if (PIN) pin(process.pid, 0);
  const fake = await start('fake');
  const slowFake = await start('fake', { BENCH_FAKE_DELAY_MS: String(PROVIDER_MS) });
  const proxy = await serve(fake.port);
  const bare = await start('bare', { BENCH_UPSTREAM: `http://127.0.0.1:${fake.port}` });
  const slowProxy = await serve(slowFake.port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const n1 = QUICK ? 500 : 3000;
  const n64 = QUICK ? 2000 : 10_000;
  const f: Record<string, number> = {};

  const direct = { port: fake.port, path: '/v1/messages' };
  const via = { port: Number(new URL(proxy.proxy).port), path: '/anthropic/v1/messages' };
  const viaBare = { port: bare.port, path: '/anthropic/v1/messages' };

  // Warm up JITs, connection pools and the price data on every path. serve runs three isolates
  // (proxy, writer, engine) whose code V8 goes on optimizing on its helper threads for a few
  // thousand calls: after 1,000 calls of each kind its helper threads still spent about 500 µs of
  // CPU per streamed call compiling (on the core the others need), about 20 µs after 3,000 more.
  // Users run serve for hours, so it is measured warm, in blocks until its CPU per call settles.
  for (const target of [direct, viaBare]) {
    await run(agent, target.port, target.path, MESSAGES_BODY, 1000, 8);
    await run(agent, target.port, target.path, STREAMED_MESSAGES_BODY, 1000, 8);
  }
  const warmBlocks: number[] = [];
  for (let block = 0; block < WARM_BLOCKS_MAX; block++) {
    const before = threadCpu(proxy.child.pid!);
    await run(agent, via.port, via.path, MESSAGES_BODY, WARM_BLOCK, 8);
    await run(agent, via.port, via.path, STREAMED_MESSAGES_BODY, WARM_BLOCK, 8);
    const cpu = cpuPerCall(before, threadCpu(proxy.child.pid!), 2 * WARM_BLOCK);
    if (cpu === null) continue; // no /proc: the blocks run to the maximum
    warmBlocks.push(cpu.mainUs + cpu.otherUs);
    // Settled: two blocks in a row within 10% of the one before them.
    const n = warmBlocks.length;
    if (n >= 3 && Math.abs(warmBlocks[n - 1]! - warmBlocks[n - 2]!) <= 0.1 * warmBlocks[n - 2]! && Math.abs(warmBlocks[n - 2]! - warmBlocks[n - 3]!) <= 0.1 * warmBlocks[n - 3]!) break;
  }
  for (const target of [
    { port: slowFake.port, path: '/v1/messages' },
    { port: Number(new URL(slowProxy.proxy).port), path: '/anthropic/v1/messages' },
  ]) {
    await run(agent, target.port, target.path, MESSAGES_BODY, 4 * 640, 64);
    await run(agent, target.port, target.path, STREAMED_MESSAGES_BODY, 4 * 640, 64);
  }

  // Concurrency 1: direct, serve and bare forwarder interleaved call by call, in rounds; each
  // figure is the median of the rounds' figures, so one noisy stretch moves it little.
  for (const [label, body] of [
    ['plain', MESSAGES_BODY],
    ['stream', STREAMED_MESSAGES_BODY],
  ] as const) {
    const perRound: Record<string, number[]> = {};
    const add = (key: string, value: number) => (perRound[key] ??= []).push(value);
    const perRoundCalls = Math.max(50, Math.round(n1 / ROUNDS));
    const cpuBefore = { proxy: threadCpu(proxy.child.pid!), bare: threadCpu(bare.child.pid!) };
    for (let round = 0; round < ROUNDS; round++) {
      const d: Sample[] = [];
      const p: Sample[] = [];
      const b: Sample[] = [];
      for (let i = 0; i < perRoundCalls; i++) {
        d.push(await call(agent, direct.port, direct.path, body));
        p.push(await call(agent, via.port, via.path, body));
        b.push(await call(agent, viaBare.port, viaBare.path, body));
      }
      for (const [who, samples] of [
        ['proxy', p],
        ['bare', b],
      ] as const) {
        add(`${label}_c1_${who}_added_p50_ms`, percentile(samples.map((s) => s.total), 50) - percentile(d.map((s) => s.total), 50));
        add(`${label}_c1_${who}_added_p99_ms`, percentile(samples.map((s) => s.total), 99) - percentile(d.map((s) => s.total), 99));
        if (label === 'stream') add(`stream_c1_${who}_added_ttfb_p50_ms`, percentile(samples.map((s) => s.ttfb), 50) - percentile(d.map((s) => s.ttfb), 50));
      }
      add(`${label}_c1_direct_p50_ms`, percentile(d.map((s) => s.total), 50));
    }
    for (const [key, values] of Object.entries(perRound)) f[key] = median(values);
    // CPU each process spent per call over the rounds (it moves little with the machine's load).
    for (const who of ['proxy', 'bare'] as const) {
      const cpu = cpuPerCall(cpuBefore[who], threadCpu((who === 'proxy' ? proxy.child : bare.child).pid!), ROUNDS * perRoundCalls);
      if (cpu === null) continue;
      f[`${label}_c1_${who}_cpu_main_us`] = cpu.mainUs;
      f[`${label}_c1_${who}_cpu_other_us`] = cpu.otherUs;
    }
  }

  // Concurrency 64: requests per second, alternating direct / proxy / bare, twice.
  const rate = async (port: number, urlPath: string, body: string, count: number) => count / (await run(agent, port, urlPath, body, count, 64)).seconds;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const [label, body] of [
    ['plain', MESSAGES_BODY],
    ['stream', STREAMED_MESSAGES_BODY],
  ] as const) {
    const r = { direct: [] as number[], proxy: [] as number[], bare: [] as number[], slowDirect: [] as number[], slowProxy: [] as number[] };
    for (let round = 0; round < 2; round++) {
      r.direct.push(await rate(direct.port, direct.path, body, n64));
      r.proxy.push(await rate(via.port, via.path, body, n64));
      r.bare.push(await rate(viaBare.port, viaBare.path, body, n64));
      r.slowDirect.push(await rate(slowFake.port, '/v1/messages', body, QUICK ? 1000 : 4000));
      r.slowProxy.push(await rate(Number(new URL(slowProxy.proxy).port), '/anthropic/v1/messages', body, QUICK ? 1000 : 4000));
    }
    f[`${label}_c64_direct_rps`] = mean(r.direct);
    f[`${label}_c64_proxy_rps`] = mean(r.proxy);
    f[`${label}_c64_bare_rps`] = mean(r.bare);
    f[`${label}_c64_provider_direct_rps`] = mean(r.slowDirect);
    f[`${label}_c64_provider_proxy_rps`] = mean(r.slowProxy);
  }

  // Memory: rounds of 10,000 streamed calls through serve; growth is read over the last round.
  const settle = () => new Promise((r) => setTimeout(r, 500));
  const rssRounds: number[] = [residentBytes(proxy.child.pid!) ?? 0];
  const rowsBefore: number[] = [];
  for (let i = 0; i < (process.env.BENCH_MEM_ROUNDS ? Number(process.env.BENCH_MEM_ROUNDS) : 2); i++) {
    rowsBefore.push(rowsIn(proxy.dataDir));
    await run(agent, via.port, via.path, STREAMED_MESSAGES_BODY, 10_000, 64);
    await settle();
    rssRounds.push(residentBytes(proxy.child.pid!) ?? 0);
  }
  if (process.env.BENCH_MEM_ROUNDS) console.log(rssRounds.map((m) => `rss ${(m / 1048576).toFixed(1)}`).join('\n'));
  f.memory_rss_growth_mb = (rssRounds.at(-1)! - rssRounds.at(-2)!) / 1024 / 1024;
  f.memory_rss_after_mb = rssRounds.at(-1)! / 1024 / 1024;
  f.rows_written = rowsIn(proxy.dataDir) - rowsBefore.at(-1)!;
  if (PLAN_WINDOWS) {
    const db = new Database(path.join(proxy.dataDir, 'tokentally.db'), { readonly: true });
    f.plan_windows_stored = db.prepare('SELECT COUNT(*) FROM plan_windows').pluck().get() as number;
    db.close();
  }

  agent.destroy();
  for (const served of [proxy, slowProxy]) {
    await served.stop();
    fs.rmSync(served.dataDir, { recursive: true, force: true });
  }
  for (const c of [fake.child, slowFake.child, bare.child]) c.kill('SIGINT');

  const v = (key: string) => f[key]!;
  const check = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const pctOf = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
  const row = (label: string, key: string) =>
    `  ${label.padEnd(9)} ${ms(v(`${key}_c1_direct_p50_ms`))}   ${ms(v(`${key}_c1_proxy_added_p50_ms`))}   ${ms(v(`${key}_c1_proxy_added_p99_ms`))}   ` +
    `${ms(v(`${key}_c1_bare_added_p50_ms`))}   ${ms(v(`${key}_c1_proxy_added_p50_ms`) - v(`${key}_c1_bare_added_p50_ms`))} ${check(v(`${key}_c1_proxy_added_p50_ms`) - v(`${key}_c1_bare_added_p50_ms`) <= 0.1)}   ` +
    `p99 ${check(v(`${key}_c1_proxy_added_p99_ms`) <= 3)} (bare ${ms(v(`${key}_c1_bare_added_p99_ms`))})`;
  const rps = (label: string, key: string) =>
    `  ${label.padEnd(9)} ${v(`${key}_c64_direct_rps`).toFixed(0).padStart(7)}  ${v(`${key}_c64_proxy_rps`).toFixed(0).padStart(7)}  ${pctOf(v(`${key}_c64_proxy_rps`), v(`${key}_c64_direct_rps`)).padStart(5)}` +
    `   (bare forwarder ${pctOf(v(`${key}_c64_bare_rps`), v(`${key}_c64_direct_rps`))})` +
    `   | ${PROVIDER_MS} ms provider: ${v(`${key}_c64_provider_direct_rps`).toFixed(0)} → ${v(`${key}_c64_provider_proxy_rps`).toFixed(0)} req/s, ${pctOf(v(`${key}_c64_provider_proxy_rps`), v(`${key}_c64_provider_direct_rps`))} ${check(v(`${key}_c64_provider_proxy_rps`) >= 0.85 * v(`${key}_c64_provider_direct_rps`))}`;
  console.log(
    [
      `Tokentally proxy benchmark — tokentally serve vs a bare forwarder; Node ${process.version}, ${os.cpus().length} CPUs, loopback${QUICK ? ', quick' : ''}${PLAN_WINDOWS ? ', subscriber calls with plan-window headers' : ''}${PIN ? ', serve pinned to CPU 1' : ''}`,
      '',
      `serve warmed up with ${warmBlocks.length > 0 ? warmBlocks.length : WARM_BLOCKS_MAX} blocks of ${WARM_BLOCK} plain + ${WARM_BLOCK} streamed calls${warmBlocks.length > 0 ? `; its CPU per call over the blocks: ${warmBlocks.map((us) => cpuUs(us)).join(', ')}` : ''}`,
      '',
      `concurrency 1, medians of ${ROUNDS} interleaved rounds (${n1} calls each way)`,
      `            direct p50   serve added p50  serve added p99  bare added p50   serve − bare p50 (target ≤ 0.1 ms)   p99 (target ≤ 3 ms)`,
      row('plain', 'plain'),
      row('streamed', 'stream'),
      ...(['plain', 'stream'] as const)
        .filter((key) => f[`${key}_c1_proxy_cpu_main_us`] !== undefined && f[`${key}_c1_bare_cpu_main_us`] !== undefined)
        .map((key) => `  CPU per call, ${key === 'stream' ? 'streamed' : key}: serve ${cpuUs(v(`${key}_c1_proxy_cpu_main_us`))} on its proxy thread + ${cpuUs(v(`${key}_c1_proxy_cpu_other_us`))} on its writer, engine and helper threads; bare forwarder ${cpuUs(v(`${key}_c1_bare_cpu_main_us`))} + ${cpuUs(v(`${key}_c1_bare_cpu_other_us`))}`),
      `  added time to first byte, streamed: serve ${ms(v('stream_c1_proxy_added_ttfb_p50_ms'))}, bare forwarder ${ms(v('stream_c1_bare_added_ttfb_p50_ms'))}: serve − bare ${ms(v('stream_c1_proxy_added_ttfb_p50_ms') - v('stream_c1_bare_added_ttfb_p50_ms'))} (target ≤ 0.1 ms) ${check(v('stream_c1_proxy_added_ttfb_p50_ms') - v('stream_c1_bare_added_ttfb_p50_ms') <= 0.1)}`,
      '',
      `concurrency 64, instant fake     direct   proxy  ratio   (all processes share the CPUs)`,
      rps('plain', 'plain'),
      rps('streamed', 'stream'),
      '',
      `memory of serve, 10,000 streamed calls: RSS ${signed(v('memory_rss_growth_mb'))} MB ` +
        `(RSS now ${v('memory_rss_after_mb').toFixed(0)} MB, ${v('rows_written')} rows written${PLAN_WINDOWS ? `, ${v('plan_windows_stored')} plan windows kept` : ''}) (target 20 MB) ${check(v('memory_rss_growth_mb') <= 20)}`,
    ].join('\n'),
  );
  if (args.has('--json')) console.log(JSON.stringify(f));
}

function cpuUs(us: number): string {
  return `${us.toFixed(0)} µs`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

if (role === 'fake') void runFake();
else if (role === 'bare') void runBare();
else
  driver().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
