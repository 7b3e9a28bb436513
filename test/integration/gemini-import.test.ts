/**
 * Gemini CLI sessions as usage on Google's models: the CLI import (main, sub-agent and legacy
 * sessions beside Gemini CLI's other files), the billing switch, incremental passes and
 * restarts, rewritten files, and the running import taking in a new project's session live.
 * Real files (written as Gemini CLI writes them, see test/support/gemini-sessions.ts), real SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { dayOf } from '../../shared/time/zoned.js';
import { readGeminiLine, type GeminiCall } from '../../shared/transcripts/gemini-session.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { loadFileStates } from '../../electron/core/sources/claude-code/index.js';
import { GEMINI_SOURCE, isGeminiSessionFile, runGeminiPass } from '../../electron/core/sources/gemini/index.js';
import { writeLines } from '../support/codex-sessions.js';
import { GeminiRecorder, geminiSessionLines, geminiSessionPath, geminiSubagentPath, writeProjectClutter, type GeminiCallSpec } from '../support/gemini-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { importedRows } from '../support/imported-rows.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

const S1 = '5a0c9a3e-2b1f-4c7d-9e8a-1f2e3d4c5b6a';
const S2 = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const SUB = 'd5c7438f-efb0-42eb-bc11-be33312d3077';

const DAY1: GeminiCallSpec[] = [
  { model: 'gemini-2.5-pro', input: 12_000, cached: 9_000, output: 800, thoughts: 300, at: '2026-11-20T10:00:01.000Z', toolCall: true },
  { model: 'gemini-2.5-pro', input: 14_000, cached: 12_000, output: 400, thoughts: 0, at: '2026-11-20T10:01:00.000Z' },
];
const LATER: GeminiCallSpec[] = [{ model: 'gemini-2.5-flash', input: 3_000, cached: 0, output: 2_000, thoughts: 1_500, tool: 120, at: '2026-11-20T11:00:00.000Z' }];
const TORN = '{"id":"torn","timestamp":"2026-11-20T10:02:00.000Z","type":"gemi';
const SUBAGENT: GeminiCallSpec[] = [{ model: 'gemini-2.5-flash', input: 5_000, cached: 1_000, output: 600, thoughts: 200, at: '2026-11-20T10:00:30.000Z', toolCall: true }];

/** The distinct calls in these lines, as the parser reads them. */
function callsOf(...lineSets: readonly (readonly string[])[]): GeminiCall[] {
  const byId = new Map<string, GeminiCall>();
  for (const line of lineSets.flat()) {
    const r = readGeminiLine(line);
    if (r.kind === 'calls') for (const c of r.calls) byId.set(c.externalId, c);
  }
  return [...byId.values()].sort((a, b) => a.time - b.time);
}

/** A Gemini CLI home: two projects (one under a legacy hash folder), a sub-agent, an old .json session and the CLI's other files. */
function geminiHome() {
  const home = tempDir();
  const tmp = path.join(home, '.gemini', 'tmp');
  const main = geminiSessionLines(S1, DAY1);
  writeLines(geminiSessionPath(tmp, 'my-app', S1, DAY1[0]!.at), main.lines);
  // A line still being written (no newline yet): left for a later pass.
  fs.appendFileSync(geminiSessionPath(tmp, 'my-app', S1, DAY1[0]!.at), TORN);
  const sub = new GeminiRecorder(SUB).start(SUBAGENT[0]!.at, 'subagent').user('find the test', SUBAGENT[0]!.at).call(SUBAGENT[0]!);
  writeLines(geminiSubagentPath(tmp, 'my-app', S1, SUB), sub.lines);
  // Before v0.39: one object rewritten in place; resuming it copied it into a .jsonl (same ids).
  const legacy = geminiSessionLines(S2, LATER);
  const legacyProject = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  fs.mkdirSync(path.dirname(geminiSessionPath(tmp, legacyProject, S2, LATER[0]!.at, '.json')), { recursive: true });
  fs.writeFileSync(geminiSessionPath(tmp, legacyProject, S2, LATER[0]!.at, '.json'), legacy.legacyText(LATER[0]!.at));
  writeLines(geminiSessionPath(tmp, legacyProject, S2, LATER[0]!.at), legacy.lines);
  writeProjectClutter(tmp, 'my-app');
  fs.mkdirSync(path.join(tmp, 'bin'), { recursive: true });
  return { home, tmp, calls: callsOf(main.lines, sub.lines, legacy.lines) };
}

describe('tokentally import gemini', () => {
  it('stores each model call once, on Google’s models at API rates of its day, as usage that is not spend', async () => {
    const { home, calls } = geminiHome();
    expect(calls).toHaveLength(4);
    const data = tempDir();

    const run = await runCliCaptured(['import', 'gemini', '--dir', home, '--json', '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    // Main, sub-agent, legacy .json and its .jsonl copy; the torn last line is left for later.
    expect(report).toMatchObject({ filesRead: 4, inserted: 4, badLines: 0, stored: { messages: 4, first: '2026-11-20', last: '2026-11-20' } });

    const got = importedRows(data);
    expect(got).toHaveLength(4);
    got.forEach((row, i) => {
      const call = calls[i]!;
      const price = priceUsage({ provider: 'gemini', model: call.model, tokens: call.tokens, at: new Date(call.time) });
      expect(price.priced).toBe(true);
      expect(price.totalNano).toBeGreaterThan(0);
      expect(row).toEqual({
        time: call.time,
        provider: 'gemini',
        model: call.model,
        billing: 'subscription',
        source: 'import',
        tag: 'gemini-cli',
        externalId: call.externalId,
        inputTokens: call.tokens.inputTokens,
        cacheReadTokens: call.tokens.cacheReadTokens,
        outputTokens: call.tokens.outputTokens,
        reasoningTokens: call.tokens.reasoningTokens,
        costNano: price.totalNano,
        priced: 1,
      });
    });

    // Not spend: the daily report puts it all under subscription.
    const daily = JSON.parse((await runCliCaptured(['report', 'daily', '--json', '--tz', 'UTC', '--data-dir', data])).stdout);
    expect(daily.totals.byBilling.api).toBe(0);
    expect(daily.totals.byBilling.subscription).toBeGreaterThan(0);

    const again = await runCliCaptured(['import', 'gemini', '--dir', home, '--json', '--data-dir', data]);
    // Nothing new: only the unfinished last line is looked at again (not yet taken: nothing read).
    expect(JSON.parse(again.stdout)).toMatchObject({ filesRead: 1, bytesRead: 0, inserted: 0, stored: { messages: 4 } });
  });

  it('reads $GEMINI_CLI_HOME, or a project or chats folder given with --dir', async () => {
    const { home, tmp } = geminiHome();
    const byEnv = await runCliCaptured(['import', 'gemini', '--json', '--data-dir', tempDir()], { env: { GEMINI_CLI_HOME: home, HOME: tempDir() } });
    expect(JSON.parse(byEnv.stdout)).toMatchObject({ folders: [tmp], inserted: 4 });
    const project = await runCliCaptured(['import', 'gemini', '--dir', path.join(tmp, 'my-app'), '--json', '--data-dir', tempDir()]);
    expect(JSON.parse(project.stdout)).toMatchObject({ filesRead: 2, inserted: 3 });
    const chats = await runCliCaptured(['import', 'gemini', '--dir', path.join(tmp, 'my-app', 'chats'), '--json', '--data-dir', tempDir()]);
    expect(JSON.parse(chats.stdout)).toMatchObject({ filesRead: 2, inserted: 3 });
  });

  it('stores the calls as API spend with TOKENTALLY_GEMINI_BILLING=api, and refuses a value it does not know', async () => {
    const { home } = geminiHome();
    const data = tempDir();
    const run = await runCliCaptured(['import', 'gemini', '--dir', home, '--json', '--data-dir', data], { env: { TOKENTALLY_GEMINI_BILLING: 'api' } });
    expect(run.code).toBe(0);
    expect(new Set(importedRows(data).map((r) => r.billing))).toEqual(new Set(['api']));
    const daily = JSON.parse((await runCliCaptured(['report', 'daily', '--json', '--tz', 'UTC', '--data-dir', data])).stdout);
    expect(daily.totals.byBilling.subscription).toBe(0);
    expect(daily.totals.byBilling.api).toBe(daily.totals.costUsd);

    const bad = await runCliCaptured(['import', 'gemini', '--dir', home, '--data-dir', tempDir()], { env: { TOKENTALLY_GEMINI_BILLING: 'vertex' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('TOKENTALLY_GEMINI_BILLING must be "api" (Gemini CLI runs with an API key or Vertex AI) or "subscription" (signed in with Google), got "vertex"');
  });

  it('says plainly when there are no Gemini CLI sessions', async () => {
    const home = tempDir();
    const run = await runCliCaptured(['import', 'gemini', '--data-dir', tempDir()], { env: { GEMINI_CLI_HOME: home } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tokentally import: no Gemini CLI session logs: ${path.join(home, '.gemini', 'tmp')} does not exist (pass --dir or set GEMINI_CLI_HOME)\n`);
  });
});

describe('Gemini CLI passes', () => {
  it('read only appended lines, resume from the stored offset after a restart, and store nothing twice when a file is rewritten', async () => {
    const { tmp } = geminiHome();
    const file = geminiSessionPath(tmp, 'my-app', S1, DAY1[0]!.at);
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const count = () => (db.prepare("SELECT COUNT(*) AS n FROM usage WHERE source = 'import'").get() as { n: number }).n;
    try {
      const states = loadFileStates(db, GEMINI_SOURCE);
      const pass = (s = states) => runGeminiPass({ db, folders: [tmp], states: s, now: Date.now, overrides: [], billing: 'subscription' });
      expect(await pass()).toMatchObject({ filesRead: 4, inserted: 4 });

      // The torn line completes, and the session goes on with a new call: only the new bytes are read.
      const more = new GeminiRecorder(S1).user('and the lint', LATER[0]!.at).call({ ...LATER[0]!, model: 'gemini-2.5-pro' });
      const before = fs.statSync(file).size;
      fs.appendFileSync(file, 'ni","content":"","tokens":null}\n' + more.lines.map((l) => l + '\n').join(''));
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 1, bytesRead: fs.statSync(file).size - before + TORN.length });
      expect(await pass()).toMatchObject({ filesRead: 0, inserted: 0 });

      // A restart: the stored offset is resumed from (lines stand alone, nothing carried).
      const again = new GeminiRecorder(S1).user('one more', '2026-11-20T12:00:00.000Z').call({ ...LATER[0]!, at: '2026-11-20T12:00:00.000Z' });
      const size = fs.statSync(file).size;
      writeLines(file, again.lines, 'append');
      const resumed = await pass(loadFileStates(db, GEMINI_SOURCE));
      expect(resumed).toMatchObject({ filesRead: 1, inserted: 1, bytesRead: fs.statSync(file).size - size });
      expect(count()).toBe(6);

      // Gemini CLI rewrites an unreadable session atomically (temp file + rename): another inode, read from the start.
      const whole = fs.readFileSync(file);
      fs.writeFileSync(file + '.tmp-1', whole);
      fs.renameSync(file + '.tmp-1', file);
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 0, bytesRead: whole.length });

      // A legacy session rewritten in place with one more call: read whole, only the new call stored.
      const legacyFile = geminiSessionPath(tmp, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', S2, LATER[0]!.at, '.json');
      const legacy = JSON.parse(fs.readFileSync(legacyFile, 'utf8'));
      const extra = new GeminiRecorder(S2).call({ ...LATER[0]!, at: '2026-11-20T13:00:00.000Z' });
      legacy.messages.push(...extra.messages);
      fs.writeFileSync(legacyFile, JSON.stringify(legacy, null, 2));
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 1 });
      expect(count()).toBe(7);
    } finally {
      db.close();
    }
  });

  it('leaves a legacy file caught half-written for the next pass', async () => {
    const tmp = tempDir();
    const file = geminiSessionPath(tmp, 'p', S2, LATER[0]!.at, '.json');
    const text = geminiSessionLines(S2, LATER).legacyText(LATER[0]!.at);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text.slice(0, 200));
    const db = openDatabase(tempDir());
    try {
      const states = loadFileStates(db, GEMINI_SOURCE);
      const pass = () => runGeminiPass({ db, folders: [tmp], states, now: Date.now, overrides: [], billing: 'subscription' });
      expect(await pass()).toMatchObject({ filesRead: 0, inserted: 0, badLines: 0 });
      fs.writeFileSync(file, text);
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 1 });
    } finally {
      db.close();
    }
  });
});

describe('the running import with Gemini CLI sessions', () => {
  it('reads $GEMINI_CLI_HOME by default, and not at all with TOKENTALLY_NO_GEMINI_IMPORT=1', async () => {
    const home = tempDir();
    const claude = tempDir();
    const env = { HOME: tempDir(), CLAUDE_CONFIG_DIR: claude, GEMINI_CLI_HOME: home, TOKENTALLY_NO_CODEX_IMPORT: '1', TOKENTALLY_NO_POLL: '1' };
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, env });
    expect((await core.api.getImportStatus()).folders.map((f) => f.path)).toEqual([path.join(claude, 'projects'), path.join(home, '.gemini', 'tmp')]);
    await core.close();
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, env: { ...env, TOKENTALLY_NO_GEMINI_IMPORT: '1' } });
    expect((await core.api.getImportStatus()).folders.map((f) => f.path)).toEqual([path.join(claude, 'projects')]);
  });

  it('takes in a new project’s first session and each new call within seconds, and counts them for a Google plan', async () => {
    const home = tempDir();
    const tmp = path.join(home, '.gemini', 'tmp');
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const first = geminiSessionLines(S1, [{ ...DAY1[0]!, at: at(60_000) }]);
    const file = geminiSessionPath(tmp, 'my-app', S1, at(60_000));
    writeLines(file, first.lines);
    const dataDir = tempDir();
    const logged: string[] = [];
    core = await startCore({
      dataDir,
      mode: 'headless',
      port: 0,
      importFolders: [],
      geminiFolders: [tmp],
      env: { TOKENTALLY_NO_POLL: '1', TOKENTALLY_GEMINI_BILLING: 'Subscription ' },
      log: (l) => logged.push(l),
    });
    await core.api.updateSettings({ timezone: 'UTC', subscriptions: [{ plan: 'custom', name: 'Google AI Pro', provider: 'gemini', monthlyNano: 19_990_000_000, seats: 1, renewalDay: 1, since: null }] });
    const events: ApiEvent[] = [];
    core.onEvent((e) => events.push(e));
    await expect.poll(async () => (await core!.api.getImportStatus()).records, { timeout: 5_000 }).toBe(1);
    expect((await core.api.getImportStatus()).folders).toEqual([{ path: tmp, exists: true }]);
    expect(logged.filter((l) => l.includes('GEMINI'))).toEqual([]);

    const changes = () => events.filter((e) => e.type === 'usage-changed').length;
    let before = changes();
    const more = new GeminiRecorder(S1).user('next', at(2_000)).call({ ...LATER[0]!, at: at(2_000) });
    writeLines(file, more.lines, 'append');
    await expect.poll(changes, { timeout: 3_000 }).toBeGreaterThan(before);
    expect((await core.api.getImportStatus()).records).toBe(2);

    // Gemini CLI opened in another folder: a new project folder, its chats/ and a session at once.
    before = changes();
    writeLines(geminiSessionPath(tmp, 'other-repo', S2, at(1_000)), geminiSessionLines(S2, [{ ...LATER[0]!, at: at(1_000) }]).lines);
    await expect.poll(changes, { timeout: 3_000 }).toBeGreaterThan(before);
    await expect.poll(async () => (await core!.api.getImportStatus()).records, { timeout: 3_000 }).toBe(3);

    const report = await core.api.getBreakEven({});
    const plan = report.plans.find((p) => p.name === 'Google AI Pro')!;
    // (A run in the first minute of a month has its first call in the previous period.)
    const inPeriod = importedRows(dataDir).filter((r) => dayOf(r.time as number, 'UTC') >= plan.period.start);
    expect(inPeriod.length).toBeGreaterThanOrEqual(2);
    expect(plan.coveredRequests).toBe(inPeriod.length);
    expect(plan.coveredNano).toBe(inPeriod.reduce((sum, r) => sum + (r.costNano as number), 0));
    expect(plan.coveredNano).toBeGreaterThan(0);
  });

  it('says in the log when TOKENTALLY_GEMINI_BILLING is not understood, and keeps the calls off spend', async () => {
    const logged: string[] = [];
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, importFolders: [], geminiFolders: [tempDir()], env: { TOKENTALLY_NO_POLL: '1', TOKENTALLY_GEMINI_BILLING: 'paid' }, log: (l) => logged.push(l) });
    expect(logged).toContain(
      'TOKENTALLY_GEMINI_BILLING must be "api" (Gemini CLI runs with an API key or Vertex AI) or "subscription" (signed in with Google), got "paid"; importing Gemini CLI calls as subscription usage',
    );
  });
});

describe('which files are Gemini CLI sessions', () => {
  it('takes main and sub-agent sessions in chats/, in both formats, and nothing else Gemini CLI writes there', () => {
    const chats = path.join('/h', '.gemini', 'tmp', 'my-app', 'chats');
    const yes = [
      path.join(chats, 'session-2026-11-20T10-00-5a0c9a3e.jsonl'),
      path.join(chats, 'session-2025-09-30T14-11-3bacc8a0.json'),
      path.join(chats, S1, `${SUB}.jsonl`),
      path.join(chats, S1, `${SUB}.json`),
    ];
    const no = [
      // The temp file of an atomic rewrite, and the backup of an unreadable session.
      path.join(chats, 'session-2026-11-20T10-00-5a0c9a3e.jsonl.tmp-4242'),
      path.join(chats, 'session-2026-11-20T10-00-5a0c9a3e.jsonl.unreadable-1763632800000'),
      path.join(chats, 'notes.jsonl'),
      path.join('/h', '.gemini', 'tmp', 'my-app', 'logs.json'),
      path.join('/h', '.gemini', 'tmp', 'my-app', 'checkpoint-before-refactor.json'),
      path.join(chats, S1, 'deeper', `${SUB}.jsonl`),
    ];
    expect(yes.filter(isGeminiSessionFile)).toEqual(yes);
    expect(no.filter(isGeminiSessionFile)).toEqual([]);
  });
});
