/**
 * The benchmarks' big ledger: N usage rows (a million by default) over three months of traffic,
 * seven models, three billing modes, tags, errors. It is written as a ledger from before the
 * ledger-at-scale migration and then upgraded, so building it also times that migration as a
 * user's first start after the upgrade runs it. Kept ledgers live in .tmp/bench-ledger/ and are
 * reused by later runs (and by other benchmarks) instead of being seeded again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, migrate, openDatabase } from '../electron/core/ledger/index.js';
import { MIGRATIONS } from '../electron/core/ledger/migrations/index.js';
import { recordToValues, USAGE_COLUMNS } from '../electron/core/ledger/usage-row.js';
import type { BillingMode, NewUsageRecord } from '../shared/usage.js';

export const SEED_FROM = Date.parse('2025-01-01T00:00:00Z');
export const SEED_TO = Date.parse('2025-04-01T00:00:00Z'); // three months of traffic

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

function seededRecords(rows: number): (i: number) => NewUsageRecord {
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const pickModel = (): [string, string] => {
    let r = random() * TOTAL_WEIGHT;
    for (const [provider, model, weight] of MODELS) {
      r -= weight;
      if (r < 0) return [provider, model];
    }
    return ['anthropic', 'claude-sonnet-4-5'];
  };
  return (i) => {
    const [provider, model] = pickModel();
    const billing: BillingMode = random() < 0.2 ? 'subscription' : random() < 0.05 ? 'batch' : 'api';
    const input = Math.floor(random() * 20_000);
    const output = Math.floor(random() * 2_000);
    const priced = model !== 'mystery/unknown-model';
    return {
      time: SEED_FROM + Math.floor(((SEED_TO - SEED_FROM) * i) / rows),
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
  };
}

export interface BenchLedger {
  /** The data folder (openDatabase it). */
  dir: string;
  rows: number;
  /** Seeded now (false: a kept ledger was reused). */
  built: boolean;
  /** Seconds the seeding took (rows written row by row, as the app wrote them before the upgrade). */
  seedSeconds: number | null;
  /** Milliseconds the ledger-at-scale migration took on it (null when reused). */
  migrationMs: number | null;
  /** Removes the ledger unless it is kept. */
  dispose(): void;
}

const MIGRATION = MIGRATIONS.find((m) => m.name === 'ledger-at-scale')!;

/** Builds (or, when kept, reuses) the benchmark ledger. */
export function benchLedger(rows: number, keep: boolean, log: (line: string) => void = console.log): BenchLedger {
  const dir = keep ? path.resolve(import.meta.dirname, '..', '.tmp', 'bench-ledger', `rows-${rows}`) : fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-'));
  const dispose = () => {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  const ready = path.join(dir, 'ready');
  if (keep && fs.existsSync(ready)) {
    log(`Reusing the kept ledger in ${dir}`);
    return { dir, rows, built: false, seedSeconds: null, migrationMs: null, dispose };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  // The schema users had before the upgrade: every migration before ledger-at-scale.
  const before = MIGRATIONS.filter((m) => m.version < MIGRATION.version);
  const db = openDatabase(dir, { migrations: before });
  try {
    db.pragma('cache_size = -262144'); // seeding only: the indexes stay in memory
    log(`Seeding ${rows.toLocaleString('en-US')} usage rows (Jan-Mar 2025) into ${path.join(dir, DATABASE_FILE)}`);
    const started = performance.now();
    // Only the columns that schema had: later migrations added more (projects, sync ids), and
    // fill them in at the upgrade as they do for a user's old ledger.
    const had = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('usage') as { name: string }[]).map((c) => c.name));
    const kept = USAGE_COLUMNS.flatMap((c, i) => (had.has(c) ? [i] : []));
    const insert = db.prepare(`INSERT INTO usage (${kept.map((i) => USAGE_COLUMNS[i]).join(', ')}) VALUES (${kept.map(() => '?').join(', ')})`);
    const record = seededRecords(rows);
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const values = recordToValues(record(i));
        insert.run(kept.map((c) => values[c]));
      }
    })();
    const seedSeconds = (performance.now() - started) / 1000;
    log(`Seeded in ${seedSeconds.toFixed(1)} s`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('cache_size = -2000'); // the default: the migration runs as it would at a user's start
    const migrationStarted = performance.now();
    migrate(db, MIGRATIONS);
    const migrationMs = performance.now() - migrationStarted;
    db.pragma('wal_checkpoint(TRUNCATE)');
    fs.writeFileSync(ready, `${rows}\n`);
    return { dir, rows, built: true, seedSeconds, migrationMs, dispose };
  } finally {
    db.close();
  }
}
