/**
 * Codex import benchmark: generate Codex CLI sessions padded with tool output the way real logs
 * are (most of their bytes), then
 *   - cold import into a fresh ledger, and `ccusage codex daily --offline` on the same folder,
 *   - a refresh pass with nothing new,
 *   - taking in one new call appended to a session (the pass a watch event triggers).
 *   npm run bench:codex [-- --sessions 150] [-- --runs 3]
 * No targets are set for Codex; the Claude Code import's (≤ 2× ccusage, ≤ 50 ms, ≤ 100 ms) are shown
 * for comparison. Best of several runs; everything lives in a temp folder, removed at the end.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/core/ledger/index.js';
import { loadFileStates, type FileState } from '../electron/core/sources/claude-code/index.js';
import { CODEX_SOURCE, runCodexPass } from '../electron/core/sources/codex/index.js';
import type { CodexCarry } from '../shared/transcripts/codex-session.js';
import { ccusageCli } from '../test/support/ccusage-tool.js';
import { codexSessionLines, generateCodexHome, writeLines } from '../test/support/codex-sessions.js';
import { errorMessage } from '../shared/error-message.js';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '150' }, runs: { type: 'string', default: '3' } } });
const SESSIONS = Number(values.sessions);
const RUNS = Number(values.runs);
if (!Number.isInteger(SESSIONS) || SESSIONS < 1 || SESSIONS > 5000) throw new Error(`--sessions must be 1..5000, got ${values.sessions}`);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error(`--runs must be 1..20, got ${values.runs}`);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-codex-'));
const home = path.join(root, 'codex');
const folders = [path.join(home, 'sessions')];
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const best = (list: number[]) => Math.min(...list);

function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  return fn().then((value) => ({ ms: performance.now() - started, value }));
}

async function main(): Promise<void> {
  const g = generateCodexHome(home, { seed: 1, sessions: SESSIONS, calls: 100, firstDay: '2025-10-01', days: 60, models: ['gpt-5', 'gpt-5-codex', 'gpt-5.1-codex-max'] });
  // Tool calls and their output are most of a real log's bytes.
  const output = JSON.stringify({ timestamp: '2025-10-01T00:00:00Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'c', output: JSON.stringify({ output: 'src/app.ts:12: a line of tool output\n'.repeat(300) }) } });
  let bytes = 0;
  for (const file of g.files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').flatMap((l) => (l.includes('"function_call"') ? [l, output, output] : [l]));
    fs.writeFileSync(file, lines.join('\n'));
    bytes += fs.statSync(file).size;
  }
  console.log(`Generated ${(bytes / 1024 / 1024).toFixed(0)} MB: ${g.files.length} sessions, ${g.calls.toLocaleString('en-US')} calls`);

  const cold: number[] = [];
  const cc: number[] = [];
  const cli = ccusageCli();
  let states = new Map<string, FileState>();
  let carries = new Map<string, CodexCarry>();
  let db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
  for (let i = 0; i < RUNS; i++) {
    db.close();
    db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
    states = loadFileStates(db, CODEX_SOURCE);
    carries = new Map();
    const run = await timed(() => runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [] }));
    if (run.value.inserted !== g.calls) throw new Error(`cold import stored ${run.value.inserted} calls, expected ${g.calls}`);
    cold.push(run.ms);
    if (cli !== null) {
      const started = performance.now();
      execFileSync(process.execPath, [cli, 'codex', 'daily', '--offline', '--json'], { env: { PATH: process.env.PATH, HOME: path.join(root, 'home'), CODEX_HOME: home, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
      cc.push(performance.now() - started);
    }
  }

  const refresh: number[] = [];
  for (let i = 0; i < 11; i++) {
    const run = await timed(() => runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [] }));
    if (run.value.filesRead !== 0) throw new Error('a refresh with nothing new read a file');
    refresh.push(run.ms);
  }

  const appended: number[] = [];
  const target = g.files[Math.floor(g.files.length / 2)]!;
  let totals = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 10_000_000_000 };
  for (let i = 0; i < Math.max(3, RUNS); i++) {
    const next = codexSessionLines('bench', [{ model: 'gpt-5-codex', input: 20_000, cached: 15_000, output: 900, reasoning: 200, at: new Date(Date.parse('2025-12-20T10:00:00Z') + i * 60_000).toISOString() }], { meta: false, totals });
    totals = next.totals;
    writeLines(target, ['', ...next.lines, output], 'append');
    const run = await timed(() => runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [], only: [target] }));
    if (run.value.inserted !== 1) throw new Error(`an appended call: stored ${run.value.inserted}, expected 1`);
    appended.push(run.ms);
  }
  db.close();

  console.log('');
  console.log(`Cold import:              ${ms(best(cold))}  (${(bytes / 1024 / 1024 / (best(cold) / 1000)).toFixed(0)} MB/s; runs: ${cold.map(ms).join(', ')})`);
  if (cc.length) console.log(`ccusage codex daily:      ${ms(best(cc))}  (runs: ${cc.map(ms).join(', ')}); ratio ${(best(cold) / best(cc)).toFixed(2)}×`);
  else console.log('ccusage:                  no build of ccusage for this platform');
  console.log(`Refresh, nothing new:     ${ms(best(refresh))}  (median ${ms(refresh.sort((a, b) => a - b)[5]!)})`);
  console.log(`One call appended:        ${ms(best(appended))}  (runs: ${appended.map(ms).join(', ')})`);
}

main()
  .catch((err: unknown) => {
    console.error(errorMessage(err));
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(root, { recursive: true, force: true }));
