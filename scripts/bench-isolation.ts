/**
 * npm run bench:isolation — does an open window slow the proxy? (issue 13)
 *
 * Builds (or reuses, kept in .tmp/bench-ledger/) the million-call ledger of bench:ledger, copies it
 * into a fresh data folder and starts `tokentally serve --ui` on it (the built CLI, as a user runs
 * it) in front of a fake Anthropic. Then, in interleaved rounds, it makes calls one at a time
 * (plain and streamed, each beside the same call made directly to the fake) with no UI reads, and
 * then while a dashboard makes its reads every 500 ms through the served API (the Requests page's
 * first page with no filter, and the glance's summary), as an open window does. It prints the
 * proxy's added latency p50/p99 and streamed time to first byte, without and with the reads.
 * Target: p99 with the reads within 2 ms of p99 without.
 *   npm run bench:isolation [-- --rows N] [-- --rounds N] [-- --calls N] [-- --json]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchLedger } from './bench-ledger-seed.js';
import { fakeAnthropicServer } from './bench-support/fake-anthropic.js';
import { forkServer, serveToParent } from './bench-support/forked-server.js';
import { startServe } from './bench-support/served-core.js';
import { MESSAGES_BODY, percentile, STREAMED_MESSAGES_BODY, timedCall } from './bench-support/timed-call.js';

const SELF = fileURLToPath(import.meta.url);
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'driver' },
    rows: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '6' },
    calls: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
const CALLS = Number(values.calls);
for (const [name, v] of [['rows', ROWS], ['rounds', ROUNDS], ['calls', CALLS]] as const) {
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
}
const READ_EVERY_MS = 500;
const TARGET_P99_GAP_MS = 2;

// ---- the driver ------------------------------------------------------------------------------

/** The dashboard: an API call over HTTP as the served renderer makes it; resolves with its time. */
function apiCall(agent: http.Agent, api: { origin: string; token: string }, method: string, arg: unknown): Promise<number> {
  const body = JSON.stringify(arg ?? null);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(`${api.origin}/api/${method}`, { method: 'POST', agent, headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString()) as { ok: boolean; error?: { message: string } };
        if (!answer.ok) reject(new Error(`${method}: ${answer.error?.message}`));
        else resolve(performance.now() - t0);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Phase {
  added: number[];
  addedTtfb: number[];
}

async function driver(): Promise<void> {
  const ledger = benchLedger(ROWS, true);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-isolation-'));
  for (const file of fs.readdirSync(ledger.dir)) if (file.startsWith('tokentally.db')) fs.copyFileSync(path.join(ledger.dir, file), path.join(dataDir, file));

  const { child: fake, port: fakePort } = await forkServer(SELF, ['--role=fake']);
  const served = await startServe({ dataDir, upstream: `http://127.0.0.1:${fakePort}`, ui: true });
  if (!served.api) throw new Error('serve --ui printed no UI address');
  const api = served.api;
  const proxyPort = Number(new URL(served.proxy).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const uiAgent = new http.Agent({ keepAlive: true, maxSockets: 2 });

  const readTimes: number[] = [];
  const dashboardRead = async () => {
    readTimes.push(await apiCall(uiAgent, api, 'listUsage', { limit: 100 }));
    readTimes.push(await apiCall(uiAgent, api, 'getSummary', undefined));
  };
  // Warm up: JITs, pools, the page cache of the ledger's indexes.
  for (let i = 0; i < 200; i++) {
    await timedCall(agent, fakePort, '/v1/messages', i % 2 ? MESSAGES_BODY : STREAMED_MESSAGES_BODY);
    await timedCall(agent, proxyPort, '/anthropic/v1/messages', i % 2 ? MESSAGES_BODY : STREAMED_MESSAGES_BODY);
  }
  for (let i = 0; i < 5; i++) await dashboardRead();
  readTimes.length = 0;

  const phases = { quiet: { added: [], addedTtfb: [] } as Phase, reading: { added: [], addedTtfb: [] } as Phase };
  const measure = async (phase: Phase) => {
    for (let i = 0; i < CALLS; i++) {
      const body = i % 2 ? MESSAGES_BODY : STREAMED_MESSAGES_BODY;
      const direct = await timedCall(agent, fakePort, '/v1/messages', body);
      const via = await timedCall(agent, proxyPort, '/anthropic/v1/messages', body);
      phase.added.push(via.total - direct.total);
      if (body === STREAMED_MESSAGES_BODY) phase.addedTtfb.push(via.ttfb - direct.ttfb);
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    await measure(phases.quiet);
    // The window open: its reads every 500 ms (one at a time, as the renderer's store makes them).
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const started = performance.now();
        await dashboardRead();
        await new Promise((r) => setTimeout(r, Math.max(0, READ_EVERY_MS - (performance.now() - started))));
      }
    })();
    await measure(phases.reading);
    reading = false;
    await reader;
    if (!values.json) process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  agent.destroy();
  uiAgent.destroy();
  const code = await served.stop();
  fake.kill('SIGINT');
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`serve exited with ${code}`);

  const figures = {
    rows: ROWS,
    calls: ROUNDS * CALLS,
    quiet_added_p50_ms: percentile(phases.quiet.added, 50),
    quiet_added_p99_ms: percentile(phases.quiet.added, 99),
    quiet_ttfb_p50_ms: percentile(phases.quiet.addedTtfb, 50),
    quiet_ttfb_p99_ms: percentile(phases.quiet.addedTtfb, 99),
    reading_added_p50_ms: percentile(phases.reading.added, 50),
    reading_added_p99_ms: percentile(phases.reading.added, 99),
    reading_ttfb_p50_ms: percentile(phases.reading.addedTtfb, 50),
    reading_ttfb_p99_ms: percentile(phases.reading.addedTtfb, 99),
    dashboard_reads: readTimes.length,
    dashboard_read_p50_ms: percentile(readTimes, 50),
    dashboard_read_max_ms: Math.max(...readTimes),
  };
  const gap = figures.reading_added_p99_ms - figures.quiet_added_p99_ms;
  const met = gap <= TARGET_P99_GAP_MS;
  if (values.json) {
    console.log(JSON.stringify({ ...figures, p99_gap_ms: gap, target_ms: TARGET_P99_GAP_MS, met }));
    return;
  }
  const f = (v: number) => `${v.toFixed(2)} ms`.padStart(9);
  console.log(
    [
      '',
      `Isolation: tokentally serve --ui on a ${ROWS.toLocaleString('en-US')}-call ledger, Node ${process.version}, ${os.cpus().length} CPUs; ${ROUNDS} interleaved rounds of ${CALLS} calls each way`,
      `                          added p50  added p99  TTFB p50   TTFB p99   (added to the same call made directly)`,
      `  no UI reads             ${f(figures.quiet_added_p50_ms)}  ${f(figures.quiet_added_p99_ms)}  ${f(figures.quiet_ttfb_p50_ms)}  ${f(figures.quiet_ttfb_p99_ms)}`,
      `  dashboard every 500 ms  ${f(figures.reading_added_p50_ms)}  ${f(figures.reading_added_p99_ms)}  ${f(figures.reading_ttfb_p50_ms)}  ${f(figures.reading_ttfb_p99_ms)}`,
      `  the dashboard's reads (first page of Requests, the glance's summary): ${figures.dashboard_reads} reads, p50 ${figures.dashboard_read_p50_ms.toFixed(1)} ms, slowest ${figures.dashboard_read_max_ms.toFixed(1)} ms`,
      `p99 with the reads − p99 without: ${gap.toFixed(2)} ms (target ≤ ${TARGET_P99_GAP_MS} ms) ${met ? 'met' : 'NOT MET'}`,
    ].join('\n'),
  );
}

// The fake provider runs in its own process, so the driver's timers do not delay it.
if (values.role === 'fake') void serveToParent(fakeAnthropicServer());
else
  driver().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
