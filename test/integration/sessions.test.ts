/**
 * The Sessions API (issue 15.2) over real ledgers: Claude Code transcripts and a Codex log imported
 * by the CLI's importer (which also stores the plan windows Codex's log reports), then listed by
 * session with the windows' cycles over them, through the same service the app and `serve` run.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionsReport } from '../../shared/api/contract-sessions.js';
import { addDays, dayOf } from '../../shared/time/zoned.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { codexSessionLines, rolloutPath, writeLines, type CodexCallSpec } from '../support/codex-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { generateTranscripts } from '../support/transcript-generator.js';

const tempDir = useTempDirs();
const H = 3_600_000;
const CODEX = '019a9776-0a34-7842-8627-112b63d66e90';
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

async function imported() {
  const now = Date.now();
  const today = dayOf(now, 'UTC');
  const root = tempDir();
  const g = generateTranscripts(path.join(root, 'claude'), { seed: 9, projects: 2, sessionsPerProject: 2, turnsPerSession: 5, firstDay: addDays(today, -4), days: 3 });
  // A Codex session yesterday morning, its 5-hour window filling from 20% to 45%, the weekly at 10%.
  const start = Date.parse(`${addDays(today, -1)}T09:00:00Z`);
  const reset5h = start + 4 * H;
  const resetWeek = start + 72 * H;
  const calls: CodexCallSpec[] = [
    { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: new Date(start).toISOString() },
    { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: new Date(start + 30 * 60_000).toISOString() },
    { model: 'gpt-5.1-codex-max', input: 3_000, cached: 0, output: 2_000, reasoning: 1_500, at: new Date(start + 50 * 60_000).toISOString() },
  ];
  const used = [20, 31, 45];
  const rateLimits = (call: CodexCallSpec | null) => ({
    primary: { used_percent: call ? used[calls.indexOf(call)] : 20, window_minutes: 300, resets_at: reset5h / 1000 },
    secondary: { used_percent: 10, window_minutes: 10080, resets_at: resetWeek / 1000 },
  });
  const codexHome = tempDir();
  writeLines(rolloutPath(codexHome, CODEX, calls[0]!.at), codexSessionLines(CODEX, calls, { cwd: '/home/dev/work/cli', rateLimits }).lines);
  const data = tempDir();
  for (const [source, dir] of [['claude-code', g.projectsDir], ['codex', codexHome]] as const) {
    const run = await runCliCaptured(['import', source, '--dir', dir, '--data-dir', data]);
    expect(run.code, run.stderr).toBe(0);
  }
  const db = openDatabase(data);
  core = await startCore({ dataDir: data, mode: 'headless', port: 0, now: () => now, env: { TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
  await core.api.updateSettings({ timezone: 'UTC' });
  return { g, db, api: core.api, today, start, reset5h, resetWeek, calls };
}

describe('listSessions', () => {
  it('lists each session of the period once: project, first and last call, calls, tokens, cost, models; and the window cycles over them', async () => {
    const { g, db, api, today, start, reset5h, resetWeek } = await imported();
    try {
      const report: SessionsReport = await api.listSessions({ since: addDays(today, -6), until: today, tz: 'UTC' });
      const truth = [...g.messages.values()];
      const claudeSessions = [...new Set(truth.map((m) => m.sessionId))];
      expect(report.sessions).toHaveLength(claudeSessions.length + 1);
      expect(report.truncated).toBe(false);
      // Newest first.
      expect(report.sessions.map((s) => s.startMs)).toEqual([...report.sessions.map((s) => s.startMs)].sort((a, b) => b - a));
      for (const id of claudeSessions) {
        const mine = truth.filter((m) => m.sessionId === id);
        const s = report.sessions.find((x) => x.sessionId === id)!;
        const rows = db.prepare('SELECT SUM(cost_nano) AS cost FROM usage WHERE session_id = ?').get(id) as { cost: number };
        expect(s).toMatchObject({
          project: mine[0]!.cwd,
          provider: 'anthropic',
          startMs: Math.min(...mine.map((m) => m.time)),
          endMs: Math.max(...mine.map((m) => m.time)),
          calls: mine.length,
          tokens: mine.reduce((n, m) => n + m.input + m.cacheWrite5m + m.cacheWrite1h + m.cacheRead + m.output, 0),
          costNano: rows.cost,
          spendNano: 0,
        });
        expect(new Set(s.models)).toEqual(new Set(mine.map((m) => m.model)));
      }
      const codex = report.sessions.find((x) => x.sessionId === CODEX)!;
      expect(codex).toMatchObject({ project: '/home/dev/work/cli', provider: 'openai', startMs: start, endMs: start + 50 * 60_000, calls: 3, models: ['gpt-5-codex', 'gpt-5.1-codex-max'] });

      // The Codex log's windows: one 5-hour cycle, used up to 45%, and the weekly one.
      expect(report.windows).toEqual([
        { provider: 'openai', account: 'default', window: '5h', fromMs: reset5h - 5 * H, toMs: reset5h, used: 0.45, blocked: false, lastSeenMs: start + 50 * 60_000 },
        { provider: 'openai', account: 'default', window: '7d', fromMs: resetWeek - 168 * H, toMs: resetWeek, used: 0.1, blocked: false, lastSeenMs: start + 50 * 60_000 },
      ]);
    } finally {
      db.close();
    }
  });

  it("takes one project's sessions, a week up to today by default, and refuses days out of order or an unknown zone", async () => {
    const { db, api, today } = await imported();
    try {
      const all = await api.listSessions({});
      expect(all).toMatchObject({ since: addDays(today, -6), until: today });
      const project = '/home/dev/work/project-1';
      const one = await api.listSessions({ project });
      expect(one.sessions.length).toBeGreaterThan(0);
      expect(one.sessions.every((s) => s.project === project)).toBe(true);
      expect(one.sessions.length).toBe(all.sessions.filter((s) => s.project === project).length);
      // A day with no session: none, and no window listed for a day outside every cycle.
      const quiet = await api.listSessions({ since: addDays(today, -30), until: addDays(today, -20) });
      expect(quiet).toMatchObject({ sessions: [], windows: [] });
      await expect(api.listSessions({ since: today, until: addDays(today, -1) })).rejects.toThrow(/after/);
      await expect(api.listSessions({ tz: 'Mars/Base' })).rejects.toThrow(/time zone/);
      await expect(api.listSessions({ since: '2026-13-01' })).rejects.toThrow(/since/);
    } finally {
      db.close();
    }
  });
});
