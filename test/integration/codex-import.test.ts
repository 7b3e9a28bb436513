/**
 * Codex CLI sessions as ChatGPT-plan usage: the CLI import, incremental passes, a restart (no
 * carried state) that stores nothing twice, and the running import feeding a ChatGPT plan's
 * break-even live. Real files, real SQLite.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { dayOf } from '../../shared/time/zoned.js';
import { freshCodexCarry, readCodexLine, type CodexCall, type CodexCarry } from '../../shared/transcripts/codex-session.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { loadFileStates } from '../../electron/core/sources/claude-code/index.js';
import { CODEX_SOURCE, runCodexPass } from '../../electron/core/sources/codex/index.js';
import { codexSessionLines, rolloutPath, writeLines, type CodexCallSpec } from '../support/codex-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { importedRows } from '../support/imported-rows.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

const S1 = '019a9776-0a34-7842-8627-112b63d66e90';
const S2 = '019a9790-1111-7222-8333-944455556666';

const DAY1: CodexCallSpec[] = [
  { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: '2025-11-20T10:00:01.000Z' },
  { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: '2025-11-20T10:01:00.000Z' },
];
const LATER: CodexCallSpec[] = [{ model: 'gpt-5.1-codex-max', input: 3_000, cached: 0, output: 2_000, reasoning: 1_500, at: '2025-11-20T11:00:00.000Z' }];

/** What the ledger must hold for these lines: every call, priced as shared/pricing prices it. */
function expectedCalls(lines: readonly string[]): CodexCall[] {
  const carry = freshCodexCarry();
  return lines.flatMap((l) => {
    const r = readCodexLine(l, carry, 'x');
    return r.kind === 'call' ? [r.call] : [];
  });
}

describe('tokentally import codex', () => {
  it('stores each call once as subscription usage on OpenAI models, priced at API rates of its day', async () => {
    const home = tempDir();
    const first = codexSessionLines(S1, DAY1);
    writeLines(rolloutPath(home, S1, DAY1[0]!.at), [...first.lines, '{"timestamp":"2025-11-20T10:02:00Z","type":"event_msg","payl']);
    const second = codexSessionLines(S2, LATER);
    writeLines(rolloutPath(home, S2, LATER[0]!.at), second.lines);
    const data = tempDir();

    const run = await runCliCaptured(['import', 'codex', '--dir', home, '--json', '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ filesRead: 2, inserted: 3, stored: { messages: 3 } });

    const want = [...expectedCalls(first.lines), ...expectedCalls(second.lines)];
    const got = importedRows(data);
    expect(got).toHaveLength(3);
    got.forEach((row, i) => {
      const call = want[i]!;
      const price = priceUsage({ provider: 'openai', model: call.model, tokens: call.tokens, at: new Date(call.time) });
      expect(row).toEqual({
        time: call.time,
        provider: 'openai',
        model: call.model,
        billing: 'subscription',
        source: 'import',
        tag: 'codex',
        externalId: call.externalId,
        inputTokens: call.tokens.inputTokens,
        cacheReadTokens: call.tokens.cacheReadTokens,
        outputTokens: call.tokens.outputTokens,
        reasoningTokens: call.tokens.reasoningTokens,
        costNano: price.totalNano,
        priced: 1,
      });
      expect(price.totalNano).toBeGreaterThan(0);
    });

    // Nothing new: nothing read, nothing stored.
    const again = await runCliCaptured(['import', 'codex', '--dir', home, '--json', '--data-dir', data]);
    expect(JSON.parse(again.stdout)).toMatchObject({ filesRead: 0, inserted: 0, stored: { messages: 3 } });
  });

  it('reads only appended lines while running, and after a restart re-reads without storing twice', async () => {
    const home = tempDir();
    const folders = [path.join(home, 'sessions')];
    const file = rolloutPath(home, S1, DAY1[0]!.at);
    const first = codexSessionLines(S1, DAY1);
    writeLines(file, first.lines);
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    try {
      const states = loadFileStates(db, CODEX_SOURCE);
      const carries = new Map<string, CodexCarry>();
      const pass = () => runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [] });
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 2 });

      const more = codexSessionLines(S1, LATER, { meta: false, totals: first.totals });
      writeLines(file, more.lines, 'append');
      const appended = more.lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
      // The carried model changes with the new turn; only the new bytes are read.
      expect(await pass()).toMatchObject({ filesRead: 1, inserted: 1, bytesRead: appended });
      expect(await pass()).toMatchObject({ filesRead: 0, inserted: 0 });

      // A restart: the offset is stored, the carry is not; the file is read again and nothing doubles.
      const afterRestart = await runCodexPass({ db, folders, states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides: [] });
      expect(afterRestart).toMatchObject({ filesRead: 0 });
      writeLines(file, codexSessionLines(S1, [{ ...LATER[0]!, at: '2025-11-20T12:00:00.000Z' }], { meta: false, totals: more.totals }).lines, 'append');
      const resumed = await runCodexPass({ db, folders, states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides: [] });
      expect(resumed).toMatchObject({ filesRead: 1, inserted: 1 });
      expect((db.prepare("SELECT COUNT(*) AS n FROM usage WHERE source = 'import'").get() as { n: number }).n).toBe(4);
      const models = db.prepare('SELECT model FROM usage ORDER BY time').all() as { model: string }[];
      expect(models.map((m) => m.model)).toEqual(['gpt-5-codex', 'gpt-5-codex', 'gpt-5.1-codex-max', 'gpt-5.1-codex-max']);
    } finally {
      db.close();
    }
  });

  it('gives the event loop a turn every few MB, and can stop there without losing anything', async () => {
    const home = tempDir();
    const folders = [path.join(home, 'sessions')];
    const filler = JSON.stringify({ timestamp: DAY1[0]!.at, type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'x'.repeat(4000) }] } });
    // Three sessions of about 5 MB each.
    for (const i of [0, 1, 2]) {
      const session = `019a97a${i}-0000-7000-8000-00000000000${i}`;
      const { lines } = codexSessionLines(session, DAY1);
      writeLines(rolloutPath(home, session, `2025-11-20T1${i}:00:00.000Z`), [...lines, ...Array<string>(1200).fill(filler)]);
    }
    const db = openDatabase(tempDir());
    try {
      const states = loadFileStates(db, CODEX_SOURCE);
      const carries = new Map<string, CodexCarry>();
      let turns = 0;
      const first = await runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [], between: async () => void turns++, stop: () => turns > 0 });
      expect(turns).toBe(1);
      expect(first.filesRead).toBeLessThan(3);
      const rest = await runCodexPass({ db, folders, states, carries, now: Date.now, overrides: [] });
      expect(first.filesRead + rest.filesRead).toBe(3);
      expect((db.prepare("SELECT COUNT(*) AS n FROM usage").get() as { n: number }).n).toBe(6);
    } finally {
      db.close();
    }
  });

  it('says plainly when there are no Codex sessions', async () => {
    const home = tempDir();
    const run = await runCliCaptured(['import', 'codex', '--data-dir', tempDir()], { env: { CODEX_HOME: home } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tokentally import: no Codex session logs: ${path.join(home, 'sessions')}, ${path.join(home, 'archived_sessions')} do not exist (pass --dir or set CODEX_HOME)\n`);
  });
});

describe('the running import with Codex sessions', () => {
  it('reads $CODEX_HOME by default, and not at all with TOKENTALLY_NO_CODEX_IMPORT=1', async () => {
    const home = tempDir();
    const claude = tempDir();
    const env = { HOME: tempDir(), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: home, TOKENTALLY_NO_POLL: '1', TOKENTALLY_NO_GEMINI_IMPORT: '1' };
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, env });
    expect((await core.api.getImportStatus()).folders.map((f) => f.path)).toEqual([path.join(claude, 'projects'), path.join(home, 'sessions'), path.join(home, 'archived_sessions')]);
    await core.close();
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, env: { ...env, TOKENTALLY_NO_CODEX_IMPORT: '1' } });
    expect((await core.api.getImportStatus()).folders.map((f) => f.path)).toEqual([path.join(claude, 'projects')]);
  });

  it('takes in a new call within seconds and counts it for a ChatGPT plan', async () => {
    const home = tempDir();
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const file = rolloutPath(home, S1, at(60_000));
    const first = codexSessionLines(S1, [{ ...DAY1[0]!, at: at(60_000) }]);
    writeLines(file, first.lines);
    const dataDir = tempDir();
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], codexFolders: [path.join(home, 'sessions')], env: { TOKENTALLY_NO_POLL: '1' } });
    await core.api.updateSettings({ timezone: 'UTC', subscriptions: [{ plan: 'chatgpt-plus', name: 'ChatGPT Plus', provider: 'openai', monthlyNano: 20_000_000_000, seats: 1, renewalDay: 1, since: null }] });
    const events: ApiEvent[] = [];
    core.onEvent((e) => events.push(e));
    await expect.poll(async () => (await core!.api.getImportStatus()).records, { timeout: 5_000 }).toBe(1);
    const status = await core.api.getImportStatus();
    expect(status.folders).toEqual([{ path: path.join(home, 'sessions'), exists: true }]);
    expect(status.files).toBe(1);

    const changes = () => events.filter((e) => e.type === 'usage-changed').length;
    const before = changes();
    writeLines(file, codexSessionLines(S1, [{ ...LATER[0]!, at: at(1_000) }], { meta: false, totals: first.totals }).lines, 'append');
    await expect.poll(changes, { timeout: 3_000 }).toBeGreaterThan(before);
    expect((await core.api.getImportStatus()).records).toBe(2);

    // A session on a new day: Codex makes the year/month/day folders and the log at once.
    const nextDay = rolloutPath(home, S2, '2030-01-02T09:00:00.000Z');
    const changesBefore = changes();
    writeLines(nextDay, codexSessionLines(S2, [{ ...LATER[0]!, at: at(500) }]).lines);
    await expect.poll(changes, { timeout: 3_000 }).toBeGreaterThan(changesBefore);
    await expect.poll(async () => (await core!.api.getImportStatus()).records, { timeout: 3_000 }).toBe(3);

    const report = await core.api.getBreakEven({});
    const plan = report.plans.find((p) => p.plan === 'chatgpt-plus')!;
    // (A run in the first minute of a month has its first call in the previous period.)
    const inPeriod = importedRows(dataDir).filter((r) => dayOf(r.time as number, 'UTC') >= plan.period.start);
    const want = inPeriod.reduce((sum, r) => sum + (r.costNano as number), 0);
    expect(plan.coveredRequests).toBe(inPeriod.length);
    expect(inPeriod.length).toBeGreaterThanOrEqual(2);
    expect(want).toBeGreaterThan(0);
    expect(plan.coveredNano).toBe(want);
  });
});
