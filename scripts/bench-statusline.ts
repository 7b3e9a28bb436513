/**
 * How long Claude Code waits for `tokentally statusline` (it runs on every status update), beside
 * Node's own start-up: `node -e 0` and the status line are run alternately, each as Claude Code
 * runs it (a new process, Claude Code's JSON on stdin, through bin/tokentally.js), on a ledger of
 * N calls over the last 30 days with an overall budget; the input carries rate limits, so every
 * run also stores a plan-window snapshot. Target (issue 16.4): median ≤ 50 ms beyond `node -e 0`.
 *   npm run bench:statusline [-- --rows N] [-- --rounds N]
 * The same line through the CLI's dispatcher (out/electron/core/cli/main.js, which loads every
 * command) is shown for comparison: the bin's short path is what keeps it within target.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { insertUsage, openDatabase, upsertBudget } from '../electron/core/ledger/index.js';
import { ZERO_TOKENS, type NewUsageRecord } from '../shared/usage.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '20' } } });
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
if (!Number.isSafeInteger(ROWS) || ROWS < 0) throw new Error(`--rows must be a whole number, got ${values.rows}`);
if (!Number.isSafeInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive whole number, got ${values.rounds}`);
const TARGET_MS = 50;

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'tokentally.js');
const dispatcher = path.join(root, 'out', 'electron', 'core', 'cli', 'main.js');
if (!fs.existsSync(dispatcher)) throw new Error('run "npm run build" first: the status line runs the compiled CLI');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-statusline-'));
try {
  seed(dataDir, ROWS);
  const now = Math.floor(Date.now() / 1000);
  const input = JSON.stringify({
    hook_event_name: 'Status',
    session_id: 'bench-session',
    transcript_path: '/tmp/bench.jsonl',
    cwd: root,
    model: { id: 'claude-opus-4-1', display_name: 'Opus' },
    workspace: { current_dir: root, project_dir: root },
    version: '2.1.90',
    cost: { total_cost_usd: 1.2345, total_duration_ms: 600_000, total_api_duration_ms: 120_000, total_lines_added: 10, total_lines_removed: 2 },
    rate_limits: { five_hour: { used_percentage: 42, resets_at: now + 3600 }, seven_day: { used_percentage: 64, resets_at: now + 4 * 86_400 } },
  });
  const runs = {
    node: ['-e', '0'],
    statusline: [bin, 'statusline', '--data-dir', dataDir],
    dispatcher: [dispatcher, 'statusline', '--data-dir', dataDir],
  } as const;
  const times: Record<keyof typeof runs, number[]> = { node: [], statusline: [], dispatcher: [] };
  let line = '';
  // One warm-up round (disk cache), then rounds that interleave the three, so a busy moment on the
  // machine falls on all of them alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, args] of Object.entries(runs) as [keyof typeof runs, readonly string[]][]) {
      const started = performance.now();
      const r = spawnSync(process.execPath, args, { input, encoding: 'utf8' });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      if (name === 'statusline') line = r.stdout.trim();
      if (round > 0) times[name].push(ms);
    }
  }
  const node = median(times.node);
  const statusline = median(times.statusline);
  const beyond = statusline - node;
  console.log(`Ledger: ${ROWS.toLocaleString('en-US')} calls over the last 30 days, overall budget; ${ROUNDS} rounds, medians (p90 in brackets)`);
  console.log(`Line: ${line}`);
  console.log(`  node -e 0                        ${fmt(node)} (${fmt(p90(times.node))})`);
  console.log(`  tokentally statusline            ${fmt(statusline)} (${fmt(p90(times.statusline))})`);
  console.log(`  … through the CLI's dispatcher   ${fmt(median(times.dispatcher))} (${fmt(p90(times.dispatcher))})  (not what the bin runs; for comparison)`);
  console.log(`Beyond node -e 0: ${fmt(beyond)}   target ≤ ${TARGET_MS} ms   ${beyond <= TARGET_MS ? 'met' : 'NOT met'}`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function seed(dir: string, rows: number): void {
  const db = openDatabase(dir);
  try {
    upsertBudget(db, { scope: 'overall', scopeValue: null, monthlyNano: 200_000_000_000, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] });
    const models = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'gpt-5', 'gpt-5-mini'];
    const end = Date.now();
    const start = end - 30 * 86_400_000;
    const records: NewUsageRecord[] = [];
    for (let i = 0; i < rows; i++) {
      const model = models[i % models.length]!;
      records.push({
        time: start + Math.floor(((end - start) * i) / Math.max(1, rows)),
        provider: model.startsWith('gpt') ? 'openai' : 'anthropic',
        model,
        billing: i % 5 === 0 ? 'subscription' : 'api',
        source: 'proxy',
        tag: i % 3 === 0 ? 'agent' : null,
        status: 'ok',
        stream: true,
        ...ZERO_TOKENS,
        inputTokens: 1000 + (i % 5000),
        outputTokens: 100 + (i % 700),
        costNano: 1_000_000 + (i % 9_000_000),
        priced: true,
        costSource: 'computed',
        priceVersion: 'bench',
        latencyMs: 800,
        ttftMs: 200,
        requestId: null,
        externalId: null,
        endpoint: '/v1/messages',
        httpStatus: 200,
        errorMessage: null,
      });
      if (records.length === 10_000) insertUsage(db, records.splice(0));
    }
    insertUsage(db, records);
  } finally {
    db.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)]!;
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(9);
}
