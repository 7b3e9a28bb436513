/**
 * Claude Code import benchmark, on two shapes of history of about 200 MB each:
 *   - padded: long sessions whose bytes are mostly tool output (file contents);
 *   - message-dense: many short sessions of short replies with few tool outputs, where reading
 *     and writing per message cost the most (about 1,700 files and 79,000 messages, the shape of
 *     the history in issue 13.7: 1,674 files, 100,679 messages).
 * For each: `tokentally import claude-code` (the built CLI, a process of its own, cold: a fresh
 * ledger) and `ccusage daily --offline` on the same folder, alternated run after run so both see
 * the same machine; the ratio is the median of the runs' ratios. Then, on the padded corpus, a refresh pass with
 * nothing new and 1 MB appended to one session, as the running app takes them.
 *   npm run bench:import [-- --mb 200] [-- --runs 5] [-- --only padded|dense] [-- --keep]
 * Targets: cold import no slower than ccusage (≤ 1.0×) on both shapes; refresh ≤ 50 ms; 1 MB
 * appended ≤ 100 ms. Everything lives in a temp folder, removed at the end unless --keep.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../electron/core/ledger/index.js';
import { loadFileStates, runImportPass, type FileState, type PassResult } from '../electron/core/sources/claude-code/index.js';
import { appendToSession, generateTranscripts, type GeneratorOptions } from '../test/support/transcript-generator.js';
import { ccusageCli } from '../test/support/ccusage-tool.js';
import { errorMessage } from '../shared/error-message.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const MB = Number(values.mb);
const RUNS = Number(values.runs);
if (!(MB > 0 && MB <= 2000)) throw new Error(`--mb must be a size from 1 to 2000 (MB), got ${values.mb}`);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error(`--runs must be 1..20, got ${values.runs}`);
if (values.only !== undefined && values.only !== 'padded' && values.only !== 'dense') throw new Error(`--only must be padded or dense, got ${values.only}`);

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'tokentally.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentally-bench-import-'));

const CORPORA: { name: 'padded' | 'dense'; label: string; options: GeneratorOptions }[] = [
  { name: 'padded', label: 'padded with tool output', options: { seed: 42, projects: 12, sessionsPerProject: 8, turnsPerSession: 60, days: 90, payloadBytes: 4000 } },
  {
    name: 'dense',
    label: 'message-dense, few tool outputs',
    options: { seed: 7, projects: 20, sessionsPerProject: 100, turnsPerSession: 18, days: 90, payloadBytes: 20, replyScale: 0.02 },
  },
];

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const seconds = (n: number) => `${(n / 1000).toFixed(2)} s`;
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/** The CLI as users run it: compiled and `import` bundled (out/import/), so it is built here first, as `npm run build` does. */
function buildCli(): void {
  console.log('Building the CLI (tsc, then the import bundle) …');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.node.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-import.mjs')], { stdio: 'inherit' });
}

function timedProcess(args: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 }).toString();
  return { ms: performance.now() - started, stdout };
}

const baseEnv = (home: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), NO_COLOR: '1' });

function tokentallyImport(config: string): { ms: number; inserted: number } {
  const home = fs.mkdtempSync(path.join(root, 'home-'));
  const dataDir = path.join(home, 'data');
  const run = timedProcess([CLI, 'import', 'claude-code', '--dir', config, '--data-dir', dataDir, '--json'], baseEnv(home));
  fs.rmSync(home, { recursive: true, force: true });
  return { ms: run.ms, inserted: (JSON.parse(run.stdout) as { inserted: number }).inserted };
}

function ccusageRun(cli: string, config: string): number {
  const home = path.join(root, 'ccusage-home');
  fs.mkdirSync(home, { recursive: true });
  return timedProcess([cli, 'daily', '--offline', '--json'], { ...baseEnv(home), CLAUDE_CONFIG_DIR: config }).ms;
}

async function pass(db: Db, projects: string, states: Map<string, FileState>, only?: string[]): Promise<{ ms: number; result: PassResult }> {
  const started = performance.now();
  const result = await runImportPass({ db, folders: [projects], states, now: Date.now, overrides: [], only });
  return { ms: performance.now() - started, result };
}

/** Refresh and append, as the running app meets them (in process, on a ledger holding the corpus). */
async function watchedFigures(config: string, files: string[]): Promise<{ refresh: number[]; watched: number[]; scanned: number[] }> {
  const projects = path.join(config, 'projects');
  const db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
  try {
    const states = loadFileStates(db);
    await pass(db, projects, states);
    const refresh: number[] = [];
    for (let i = 0; i < 10; i++) {
      const run = await pass(db, projects, states);
      if (run.result.filesRead !== 0) throw new Error('a refresh with nothing new read a file');
      refresh.push(run.ms);
    }
    const watched: number[] = [];
    const scanned: number[] = [];
    const target = files[Math.floor(files.length / 2)]!;
    for (let i = 0; i < Math.max(3, RUNS); i++) {
      for (const mode of ['watch', 'scan'] as const) {
        const added = appendToSession(target, 1024 * 1024, { seed: 1000 + i * 2 + (mode === 'scan' ? 1 : 0), at: Date.parse('2025-12-20T10:00:00Z') + i * 3_600_000 });
        const run = await pass(db, projects, states, mode === 'watch' ? [target] : undefined);
        if (run.result.inserted !== added.messages.size) throw new Error(`1 MB appended: stored ${run.result.inserted}, expected ${added.messages.size}`);
        (mode === 'watch' ? watched : scanned).push(run.ms);
      }
    }
    return { refresh, watched, scanned };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  buildCli();
  const cc = ccusageCli();
  if (cc === null) console.log('ccusage: no build of ccusage for this platform; tokentally alone is timed');
  const summary: string[] = [];
  let padded: { config: string; files: string[] } | null = null;
  for (const corpus of CORPORA.filter((c) => values.only === undefined || c.name === values.only)) {
    const config = path.join(root, corpus.name);
    let t = performance.now();
    const g = generateTranscripts(config, { ...corpus.options, maxBytes: MB * 1024 * 1024 });
    console.log(
      `\n${corpus.name} (${corpus.label}): ${(g.bytes / 1024 / 1024).toFixed(0)} MB, ${g.files.length.toLocaleString('en-US')} files, ` +
        `${g.lines.usage.toLocaleString('en-US')} usage lines, ${g.messages.size.toLocaleString('en-US')} messages (generated in ${ms(performance.now() - t)})`,
    );
    if (corpus.name === 'padded') padded = { config, files: g.files };
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, so neither always meets a warmer (or busier) machine.
      const order = i % 2 === 0 ? (['ours', 'theirs'] as const) : (['theirs', 'ours'] as const);
      const line: string[] = [];
      for (const who of order) {
        if (who === 'ours') {
          const run = tokentallyImport(config);
          if (run.inserted !== g.messages.size) throw new Error(`cold import stored ${run.inserted} messages, expected ${g.messages.size}`);
          ours.push(run.ms);
          line.push(`tokentally ${seconds(run.ms)}`);
        } else if (cc !== null) {
          t = ccusageRun(cc, config);
          theirs.push(t);
          line.push(`ccusage ${seconds(t)}`);
        }
      }
      console.log(`  run ${i + 1}: ${line.join(', ')}`);
    }
    const mine = median(ours);
    const mb = g.bytes / 1024 / 1024;
    const head = `${corpus.name.padEnd(7)} cold import ${seconds(mine)} (${(mb / (mine / 1000)).toFixed(0)} MB/s)`;
    if (theirs.length === 0) summary.push(head);
    else {
      // Run by run: the two runs of a pair saw the same machine, while its load drifts from pair to pair.
      const ratios = ours.map((o, i) => o / theirs[i]!);
      const ratio = median(ratios);
      summary.push(
        `${head}, ccusage daily --offline ${seconds(median(theirs))}: ${ratio.toFixed(2)}× (median of the runs' ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}) — target ≤ 1.0×: ${verdict(ratio <= 1)}`,
      );
    }
  }
  if (padded) {
    const { refresh, watched, scanned } = await watchedFigures(padded.config, padded.files);
    summary.push(`Refresh, nothing new: ${ms(median(refresh))} — target ≤ 50 ms: ${verdict(median(refresh) <= 50)}`);
    summary.push(`1 MB appended, watched: ${ms(median(watched))} (runs: ${watched.map(ms).join(', ')}) — target ≤ 100 ms: ${verdict(median(watched) <= 100)}`);
    summary.push(`1 MB appended, full scan: ${ms(median(scanned))} (runs: ${scanned.map(ms).join(', ')}) — target ≤ 100 ms: ${verdict(median(scanned) <= 100)}`);
  }
  console.log(`\nMedians of ${RUNS} alternated runs:\n${summary.map((s) => `  ${s}`).join('\n')}`);
}

main()
  .catch((err: unknown) => {
    console.error(errorMessage(err));
    process.exitCode = 1;
  })
  .finally(() => {
    if (values.keep) console.log(`Kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  });
