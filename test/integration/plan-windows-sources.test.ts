/**
 * Plan windows from the other sources and the store's rules: Codex session logs with rate_limits
 * (through `tokentally import codex` and the running import), Claude Code's cached figures in
 * ~/.claude.json, and the ledger's keeping (newest wins, one reading a minute, accounts, pruning).
 * Real files, real SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { WindowSnapshot, WindowsReport } from '../../shared/api/contract-windows.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { latestWindows, pruneWindowHistory, recordWindowSnapshot, recordWindowSnapshots, windowHistory } from '../../electron/core/windows/window-store.js';
import { ORG_A } from '../fixtures/wire/anthropic-unified.js';
import { codexSessionLines, rolloutPath, writeLines, type CodexCallSpec } from '../support/codex-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const MIN = 60_000;
const H = 60 * MIN;
const SESSION = '019a9776-0a34-7842-8627-112b63d66e90';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

/** Codex's rate limits as a ChatGPT plan reports them, the 5-hour window filling call by call. */
function codexLimits(now: number) {
  return (call: CodexCallSpec | null) => {
    const used = call ? 10 + 30 * (Date.parse(call.at) > now - 30 * MIN ? 2 : 1) : 5;
    return {
      limit_id: 'codex',
      primary: { used_percent: used, window_minutes: 300, resets_at: Math.floor((now + 2 * H) / 1000) },
      secondary: { used_percent: 41.5, window_minutes: 10080, resets_in_seconds: 4 * 24 * 3600 },
      plan_type: 'plus',
    };
  };
}

async function windowsJson(dataDir: string): Promise<WindowsReport> {
  const run = await runCliCaptured(['windows', '--json', '--data-dir', dataDir]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as WindowsReport;
}

describe('plan windows from Codex session logs', () => {
  it('`tokentally import codex` stores the ChatGPT plan’s windows with the calls', async () => {
    const now = Date.now();
    const calls: CodexCallSpec[] = [
      { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: new Date(now - 50 * MIN).toISOString() },
      { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: new Date(now - 10 * MIN).toISOString() },
    ];
    const home = tempDir();
    writeLines(rolloutPath(home, SESSION, calls[0]!.at), codexSessionLines(SESSION, calls, { rateLimits: codexLimits(now) }).lines);
    const dataDir = tempDir();
    const run = await runCliCaptured(['import', 'codex', '--dir', home, '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ inserted: 2 });

    const report = await windowsJson(dataDir);
    expect(report.windows.map((w) => [w.provider, w.account, w.accountLabel, w.window, w.source, w.used, w.stale])).toEqual([
      ['openai', 'default', 'ChatGPT', '5h', 'codex', 0.7, false],
      ['openai', 'default', 'ChatGPT', '7d', 'codex', 0.415, false],
    ]);
    const five = report.windows[0]!;
    // The last call's reading, 10 minutes old; the weekly reset counted from the event's time.
    expect(Date.parse(five.observedAt)).toBe(Date.parse(calls[1]!.at));
    expect(five.resetsAt).toBe(new Date(Math.floor((now + 2 * H) / 1000) * 1000).toISOString());
    expect(report.windows[1]!.resetsAt).toBe(new Date(Date.parse(calls[1]!.at) + 4 * 24 * H).toISOString());
    expect(report.runway[0]).toMatchObject({ key: 'window:openai:default:5h', label: 'ChatGPT 5-hour' });

    // One reading per minute of history: the session's first count (5%) and the first call's (40%)
    // share a minute, and the last of the minute is kept.
    const db = openDatabase(dataDir);
    try {
      expect(windowHistory(db, { provider: 'openai', account: 'default', window: '5h', from: 0, to: now }).map((p) => p.used)).toEqual([0.4, 0.7]);
    } finally {
      db.close();
    }
  });

  it('the running import reads the windows of a new call within seconds', async () => {
    const now = Date.now();
    const home = tempDir();
    const file = rolloutPath(home, SESSION, new Date(now - 5 * MIN).toISOString());
    const first: CodexCallSpec = { model: 'gpt-5-codex', input: 1000, cached: 0, output: 100, reasoning: 0, at: new Date(now - 5 * MIN).toISOString() };
    const written = codexSessionLines(SESSION, [first], { rateLimits: codexLimits(now) });
    writeLines(file, written.lines);
    const dataDir = tempDir();
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], codexFolders: [path.join(home, 'sessions')], env: { TOKENTALLY_NO_POLL: '1' } });
    const events: ApiEvent[] = [];
    core.onEvent((e) => events.push(e));
    await expect.poll(async () => (await core!.api.listWindows()).windows.find((w) => w.window === '5h')?.used, { timeout: 5_000 }).toBe(0.7);

    // The window fills up: 100% is refused (Codex sends no status of its own).
    const full = () => ({ primary: { used_percent: 100, window_minutes: 300, resets_at: Math.floor((now + 2 * H) / 1000) } });
    writeLines(file, codexSessionLines(SESSION, [{ ...first, at: new Date(now).toISOString() }], { meta: false, totals: written.totals, rateLimits: full }).lines, 'append');
    await expect.poll(async () => (await core!.api.listWindows()).runway[0], { timeout: 5_000 }).toMatchObject({ key: 'window:openai:default:5h', blocked: true });
    const summary = await core.api.getSummary();
    expect(summary.runway![0]).toMatchObject({ short: expect.stringMatching(/^5h used up · resets /) });
    expect(events.some((e) => e.type === 'windows-changed')).toBe(true);
    await expect.poll(() => events.flatMap((e) => (e.type === 'window-alert' ? [e.message] : [])), { timeout: 3_000 }).toContainEqual(expect.stringMatching(/^ChatGPT 5-hour limit reached/));
  });
});

describe("Claude Code's cached figures", () => {
  it('are read from .claude.json (read-only) and give way to a newer proxy reading', async () => {
    const config = tempDir();
    const stateFile = path.join(config, '.claude.json');
    const fetched = Date.now() - 3 * MIN;
    const state = {
      numStartups: 12,
      oauthAccount: { organizationUuid: ORG_A, emailAddress: 'dev@example.com' },
      cachedUsageUtilization: {
        fetchedAtMs: fetched,
        utilization: { five_hour: { utilization: 37, resets_at: new Date(fetched + 3 * H).toISOString() }, seven_day: { utilization: 12, resets_at: new Date(fetched + 5 * 24 * H).toISOString() } },
      },
    };
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const before = fs.readFileSync(stateFile, 'utf8');
    const dataDir = tempDir();
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], claudeStateFiles: [stateFile], env: { TOKENTALLY_NO_POLL: '1' } });
    await expect.poll(async () => (await core!.api.listWindows()).windows.length, { timeout: 3_000 }).toBe(2);
    const report = await core.api.listWindows();
    expect(report.windows.find((w) => w.window === '5h')).toMatchObject({ provider: 'anthropic', account: ORG_A, source: 'claude-state', used: 0.37, observedAt: new Date(fetched).toISOString() });
    expect(fs.readFileSync(stateFile, 'utf8')).toBe(before);
    await core.close();
    core = null;

    // A proxy reading taken after Claude Code's fetch replaces it; the older cached copy never comes back.
    const db = openDatabase(dataDir);
    try {
      recordWindowSnapshot(db, { provider: 'anthropic', account: ORG_A, source: 'proxy', at: fetched + MIN, status: 'allowed', binding: '5h', windows: [{ window: '5h', used: 0.4, resetsAt: fetched + 3 * H, status: 'allowed', windowMinutes: 300 }] });
      recordWindowSnapshot(db, { provider: 'anthropic', account: ORG_A, source: 'claude-state', at: fetched, status: null, binding: null, windows: [{ window: '5h', used: 0.37, resetsAt: fetched + 3 * H, status: null, windowMinutes: 300 }] });
      expect(latestWindows(db).find((w) => w.window === '5h')).toMatchObject({ source: 'proxy', used: 0.4, binding: true });
    } finally {
      db.close();
    }
  });
});

describe('the window store', () => {
  const snap = (over: Partial<WindowSnapshot>, used: number, at: number): WindowSnapshot => ({
    provider: 'anthropic',
    account: 'default',
    source: 'statusline',
    at,
    status: null,
    binding: null,
    windows: [{ window: '5h', used, resetsAt: at + H, status: null, windowMinutes: 300 }],
    ...over,
  });

  it('one account per provider until the responses name one; the first named account takes over the default readings', () => {
    const db = openDatabase(tempDir());
    try {
      const t = Date.now();
      // The status line names no account.
      recordWindowSnapshot(db, snap({}, 0.1, t));
      expect(latestWindows(db).map((w) => w.account)).toEqual(['default']);
      // The proxy learns the organization: the default readings become its own.
      recordWindowSnapshot(db, snap({ account: ORG_A, source: 'proxy' }, 0.2, t + MIN));
      expect(latestWindows(db).map((w) => [w.account, w.used])).toEqual([[ORG_A, 0.2]]);
      expect(windowHistory(db, { provider: 'anthropic', account: ORG_A, window: '5h', from: 0, to: t + H }).map((p) => p.used)).toEqual([0.1, 0.2]);
      // Later status-line readings (no account) are that account's.
      recordWindowSnapshot(db, snap({}, 0.3, t + 2 * MIN));
      expect(latestWindows(db).map((w) => [w.account, w.used, w.source])).toEqual([[ORG_A, 0.3, 'statusline']]);
      // A second organization: readings without an account can no longer be told apart, and stay 'default'.
      recordWindowSnapshot(db, snap({ account: 'org-b', source: 'proxy' }, 0.5, t + 3 * MIN));
      recordWindowSnapshot(db, snap({}, 0.6, t + 4 * MIN));
      expect(latestWindows(db).map((w) => w.account).sort()).toEqual(['default', ORG_A, 'org-b'].sort());
    } finally {
      db.close();
    }
  });

  it('keeps the last reading of each minute, the newest as latest, and prunes old history', () => {
    const db = openDatabase(tempDir());
    try {
      const t = Math.floor(Date.now() / MIN) * MIN;
      recordWindowSnapshots(db, [snap({}, 0.1, t + 1000), snap({}, 0.2, t + 30_000), snap({}, 0.15, t + 10_000), snap({}, 0.3, t + MIN + 5)]);
      expect(windowHistory(db, { provider: 'anthropic', account: 'default', window: '5h', from: 0, to: t + H }).map((p) => [p.at - t, p.used])).toEqual([
        [30_000, 0.2],
        [MIN + 5, 0.3],
      ]);
      // An older reading arriving late does not replace the latest.
      recordWindowSnapshot(db, snap({}, 0.05, t - H));
      expect(latestWindows(db)[0]).toMatchObject({ used: 0.3, observedAt: t + MIN + 5 });
      expect(pruneWindowHistory(db, t)).toBe(1);
      expect(windowHistory(db, { provider: 'anthropic', account: 'default', window: '5h', from: 0, to: t + H })).toHaveLength(2);
    } finally {
      db.close();
    }
  });
});
