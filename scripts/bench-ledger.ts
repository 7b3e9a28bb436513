/**
 * Ledger benchmark: seed a million usage rows, then time the queries the UI runs most.
 *   npm run bench:ledger [-- --rows N] [-- --keep]
 * The ledger lives in a temp folder, removed at the end unless --keep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dailySeries, insertUsage, openDatabase, periodTotals, queryUsage, upsertBudget, usageByModel, DATABASE_FILE } from '../electron/core/ledger/index.js';
import type { ServiceContext } from '../electron/core/service/context.js';
import { summaryHandler } from '../electron/core/service/summary-handler.js';
import { startOfDay } from '../shared/time/zoned.js';
import type { BillingMode, NewUsageRecord } from '../shared/usage.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error(`--rows must be a positive whole number, got ${values.rows}`);

const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2025-04-01T00:00:00Z'); // three months of traffic
const CHUNK = 10_000;

const MODELS: [provider: string, model: string, weight: number][] = [
  ['anthropic', 'claude-sonnet-4-5', 35],
  ['anthropic', 'claude-haiku-4-5', 20],
  ['anthropic', 'claude-opus-4-1', 5],
  ['openai', 'gpt-5', 15],
  ['openai', 'gpt-5-mini', 15],
  ['openrouter', 'deepseek/deepseek-chat', 7],
  ['openrouter', 'mystery/unknown-model', 3],
];
const TOTAL_WEIGHT = MODELS.reduce((s, m) => s + m[2], 0);

let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}

function pickModel(): [string, string] {
  let r = random() * TOTAL_WEIGHT;
  for (const [provider, model, weight] of MODELS) {
    r -= weight;
    if (r < 0) return [provider, model];
  }
  return ['anthropic', 'claude-sonnet-4-5'];
}

function record(i: number): NewUsageRecord {
  const [provider, model] = pickModel();
  const billing: BillingMode = random() < 0.2 ? 'subscription' : random() < 0.05 ? 'batch' : 'api';
  const input = Math.floor(random() * 20_000);
  const output = Math.floor(random() * 2_000);
  const priced = model !== 'mystery/unknown-model';
  return {
    time: FROM + Math.floor(((TO - FROM) * i) / ROWS),
    provider,
    model,
    billing,
    source: billing === 'subscription' ? 'import' : 'proxy',
    tag: random() < 0.3 ? (random() < 0.5 ? 'agent' : 'ci') : null,
    status: random() < 0.02 ? 'error' : 'ok',
    stream: random() < 0.7,
    inputTokens: input,
    cacheWrite5mTokens: random() < 0.1 ? 2_000 : 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: random() < 0.5 ? 10_000 : 0,
    outputTokens: output,
    reasoningTokens: 0,
    webSearchRequests: 0,
    costNano: input * 3_000 + output * 15_000,
    priced,
    costSource: priced ? 'computed' : 'fallback',
    priceVersion: 'bench',
    latencyMs: 500 + Math.floor(random() * 5_000),
    ttftMs: 200,
    requestId: `req_${i}`,
    externalId: billing === 'subscription' ? `msg_${i}` : null,
    endpoint: '/v1/messages',
    httpStatus: 200,
    errorMessage: null,
  };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** First (cold) run and the median of the next ones (warm). */
function time<T>(label: string, fn: () => T, runs = 7): T {
  let start = process.hrtime.bigint();
  const result = fn();
  const cold = ms(start);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    start = process.hrtime.bigint();
    fn();
    warm.push(ms(start));
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  console.log(`${label.padEnd(58)} cold ${cold.toFixed(2).padStart(8)} ms   warm median ${median.toFixed(2).padStart(8)} ms`);
  return result;
}

function sizeOf(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-'));
const file = path.join(dir, DATABASE_FILE);
try {
  const seeding = openDatabase(dir);
  // Seeding only: a large page cache keeps the indexes in memory. The queries below run on a fresh
  // connection with the app's own settings.
  seeding.pragma('cache_size = -262144');
  console.log(`Seeding ${ROWS.toLocaleString('en-US')} usage rows (Jan-Mar 2025) into ${file}`);
  const seedStart = process.hrtime.bigint();
  // One transaction around the chunks (insertUsage nests as savepoints), one cached prepared statement.
  seeding.transaction(() => {
    for (let i = 0; i < ROWS; i += CHUNK) {
      const chunk: NewUsageRecord[] = [];
      for (let j = i; j < Math.min(ROWS, i + CHUNK); j++) chunk.push(record(j));
      insertUsage(seeding, chunk);
    }
  })();
  const seeded = ms(seedStart);
  console.log(`Seeded in ${(seeded / 1000).toFixed(1)} s (${((ROWS / seeded) * 1000).toFixed(0)} rows/s)`);
  seeding.pragma('wal_checkpoint(TRUNCATE)');
  seeding.exec('ANALYZE');
  seeding.close();

  const db = openDatabase(dir);
  const rollupRows = (db.prepare('SELECT COUNT(*) AS n FROM usage_rollup').get() as { n: number }).n;
  console.log(`usage_rollup rows: ${rollupRows.toLocaleString('en-US')}\n`);

  const march = { from: startOfDay('2025-03-01', 'UTC'), to: startOfDay('2025-04-01', 'UTC') };
  const month = time('month summary (periodTotals, March, all usage)', () => periodTotals(db, march));
  time('month summary (periodTotals, March, provider=openai)', () => periodTotals(db, { ...march, provider: 'openai' }));
  const series = time('dailySeries, 31 days, Asia/Kolkata (+05:30)', () => dailySeries(db, { since: '2025-03-01', until: '2025-03-31', tz: 'Asia/Kolkata' }));
  time('usageByModel, March, Asia/Kolkata (overview table)', () => usageByModel(db, { since: '2025-03-01', until: '2025-03-31', tz: 'Asia/Kolkata' }));
  // The glance's whole summary as the windows and the tray fetch it (every 500 ms at most under
  // load), with an overall budget so pacing runs too. Its work is synchronous: the promise is made
  // once it is done.
  upsertBudget(db, { scope: 'overall', scopeValue: null, monthlyNano: 15_000_000_000_000, hard: true, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] });
  const glance = summaryHandler({
    db,
    now: () => Date.parse('2025-03-31T12:00:00Z'),
    proxyStatus: () => ({ listening: true, url: 'http://127.0.0.1:8787', port: 8787, error: null }),
  } as unknown as ServiceContext);
  time('getSummary (glance and tray), overall budget, March 31', () => glance.getSummary());
  const page = time('queryUsage first page (100, newest first), no filter', () => queryUsage(db, { tz: 'UTC' }));
  time('queryUsage first page, provider=openrouter', () => queryUsage(db, { tz: 'UTC', provider: 'openrouter' }));
  time('queryUsage first page, March only, Europe/Berlin', () => queryUsage(db, { tz: 'Europe/Berlin', since: '2025-03-01', until: '2025-03-31' }));
  time('queryUsage first page, status=error (totals from rows)', () => queryUsage(db, { tz: 'UTC', status: 'error' }));

  console.log(
    `\nMarch: ${month.requests.toLocaleString('en-US')} requests, cost $${(month.costNano / 1e9).toFixed(2)}, spend $${(month.spendNano / 1e9).toFixed(2)};` +
      ` series days ${series.length}; all-time rows ${page.total.toLocaleString('en-US')}`,
  );
  db.close();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`Database file: ${mb(sizeOf(file))} (WAL ${mb(sizeOf(`${file}-wal`))}) for ${ROWS.toLocaleString('en-US')} rows`);
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
