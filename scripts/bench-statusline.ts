/**
 * How long Claude Code waits for `tokentally statusline` (it runs on every status update), beside
 * Node's own start-up: `node -e 0` and the status line are run alternately, each as Claude Code
 * runs it (a new process, Claude Code's JSON on stdin, through bin/tokentally.js), on a ledger of
 * N calls over the last 30 days with an overall budget. Target (issue 16.4): median ≤ 50 ms beyond
 * `node -e 0`, measured in the same run: the median of each round's difference between the two. Two inputs, both with rate limits:
 * - the same figures as the run before (the common case: Claude Code updates the line several
 *   times a minute, the plan's windows move by a percent now and then): nothing new to store;
 * - new figures every run: each run also writes a plan-window snapshot.
 *   npm run bench:statusline [-- --rows N] [-- --rounds N]
 * The same line through the CLI's dispatcher (out/electron/core/cli/main.js, which loads every
 * command) is shown for comparison: the bin's short path is what keeps it within target. The
 * load average is printed before and after: on a busy machine every figure, `node -e 0` too, grows.
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
  const input = (fivePercent: number) => JSON.stringify({
    hook_event_name: 'Status',
    session_id: 'bench-session',
    transcript_path: '/tmp/bench.jsonl',
    cwd: root,
    model: { id: 'claude-opus-4-1', display_name: 'Opus' },
    workspace: { current_dir: root, project_dir: root },
    version: '2.1.90',
    cost: { total_cost_usd: 1.2345, total_duration_ms: 600_000, total_api_duration_ms: 120_000, total_lines_added: 10, total_lines_removed: 2 },
    rate_limits: { five_hour: { used_percentage: fivePercent, resets_at: now + 3600 }, seven_day: { used_percentage: 64, resets_at: now + 4 * 86_400 } },
  });
  const statusline = [bin, 'statusline', '--data-dir', dataDir];
  // name → [arguments, the input of round r]
  const runs = {
    node: [['-e', '0'], () => input(42)],
    statusline: [statusline, () => input(42)],
    storing: [statusline, (round: number) => input(round % 100)],
    dispatcher: [[dispatcher, 'statusline', '--data-dir', dataDir], () => input(42)],
  } as const satisfies Record<string, readonly [readonly string[], (round: number) => string]>;
  type Run = keyof typeof runs;
  const times: Record<Run, number[]> = { node: [], statusline: [], storing: [], dispatcher: [] };
  const stored: Record<Run, number> = { node: 0, statusline: 0, storing: 0, dispatcher: 0 };
  // The CPU time of the same runs (user + system, from bash's `time`): unlike the wall clock it
  // does not count the time spent waiting for a core, so it shows the cost apart from the load.
  const cpu: Record<Run, number[]> = { node: [], statusline: [], storing: [], dispatcher: [] };
  let line = '';
  const loadBefore = os.loadavg();
  // One warm-up round (disk cache, V8's code cache of the bundle), then rounds that interleave
  // them, so a busy moment on the machine falls on all of them alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [name, [args, inputOf]] of Object.entries(runs) as [Run, (typeof runs)[Run]][]) {
      const started = performance.now();
      const r = spawnSync(process.execPath, args, { input: inputOf(round), encoding: 'utf8' });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      if (name === 'statusline') line = r.stdout.trim();
      if (round > 0) times[name].push(ms);
      // (Another round's figures for the storing run, so that it stores again.)
      if (round > 0 && name !== 'dispatcher') cpu[name].push(cpuMs(args, inputOf(round + 50)));
    }
  }
  const loadAfter = os.loadavg();
  // Which runs stored a snapshot: the plan-window history keeps one reading a minute, so count the
  // latest readings' changes by asking the line itself (--json) once more with each input.
  for (const [name, fivePercent] of [['statusline', 42], ['storing', 99]] as const) {
    const r = spawnSync(process.execPath, [...statusline, '--json'], { input: input(fivePercent), encoding: 'utf8' });
    stored[name] = (JSON.parse(r.stdout) as { stored: number }).stored;
  }
  const node = median(times.node);
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`Ledger: ${ROWS.toLocaleString('en-US')} calls over the last 30 days, overall budget; ${ROUNDS} rounds, medians (p90 in brackets)`);
  console.log(`Load average (1, 5, 15 min) on ${os.cpus().length} cores: ${load(loadBefore)} before, ${load(loadAfter)} after`);
  console.log(`Line: ${line}`);
  console.log(`  node -e 0                                  ${fmt(node)} (${fmt(p90(times.node))})`);
  console.log(`  tokentally statusline, same figures        ${fmt(median(times.statusline))} (${fmt(p90(times.statusline))})  stores: ${stored.statusline ? 'yes' : 'no (already stored)'}`);
  console.log(`  tokentally statusline, new figures         ${fmt(median(times.storing))} (${fmt(p90(times.storing))})  stores: ${stored.storing ? 'yes' : 'no'}`);
  console.log(`  … through the CLI's dispatcher             ${fmt(median(times.dispatcher))} (${fmt(p90(times.dispatcher))})  (not what the bin runs; for comparison)`);
  const more = (name: Run) => `${fmt(median(cpu[name])).trim()} (${signed(median(cpu[name]) - median(cpu.node))} ms)`;
  console.log(`CPU time (user + system), medians: node -e 0 ${fmt(median(cpu.node)).trim()}, same figures ${more('statusline')}, new figures ${more('storing')}`);
  // Beyond node -e 0: the median of each round's difference (the two ran moments apart, so a busy
  // spell of the machine falls on both), beside the difference of the medians.
  for (const [name, label] of [['statusline', 'same figures'], ['storing', 'new figures (stores a snapshot)']] as const) {
    const beyond = median(times[name].map((ms, round) => ms - times.node[round]!));
    const ofMedians = median(times[name]) - node;
    console.log(`Beyond node -e 0, ${label}: ${fmt(beyond)} (medians apart: ${fmt(ofMedians).trim()})   target ≤ ${TARGET_MS} ms   ${beyond <= TARGET_MS ? 'met' : 'NOT met'}`);
  }
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

/** User + system CPU ms of one more run of `node ARGS` with this input, as bash's `time` reports it (getrusage of the child). */
function cpuMs(args: readonly string[], input: string): number {
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; time ${quoted} > /dev/null`], { input, encoding: 'utf8' });
  const [user, system] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`timing ${args.join(' ')} failed: ${r.stderr}`);
  return (user! + system!) * 1000;
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

function signed(ms: number): string {
  return `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)}`;
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(9);
}
