/**
 * Issue 15.2 end to end: projects and sessions of imported Claude Code and Codex usage. Transcripts
 * of three projects (two checkouts both called "api") and a Codex log with its plan windows are
 * imported by the CLI's importer into a real ledger beside a proxied call; `tokentally serve --ui`
 * serves it to headless Chromium at 900 px. The Overview groups by project (each checkout apart,
 * proxied calls as "(no project)"), a project's "calls" link filters Requests to it, the Sessions
 * page draws each session under the plan windows' cycles and sorts them, and every view is checked
 * for overflow and shot light and dark.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageGroupsReport } from '../../shared/api/contract-groups.js';
import type { SessionsReport } from '../../shared/api/contract-sessions.js';
import { formatCount, usdColumn } from '../../shared/format.js';
import { projectLabels } from '../../shared/projects/project-of.js';
import { addDays, dayOf } from '../../shared/time/zoned.js';
import { codexSessionLines, rolloutPath, writeLines, type CodexCallSpec } from '../support/codex-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { dashboardApi, ensureRendererBuilt, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { generateTranscripts, type GeneratedTranscripts } from '../support/transcript-generator.js';
import { awayFromMidnight, openServedDashboard, type ServedDashboard } from './chromium.js';
import { checkAndShoot } from './layout-checks.js';

const tempDir = useTempDirs();
const DIRS = ['/home/dev/work/api', '/home/dev/old/api', '/home/dev/clients/a-client-with-a-rather-long-project-folder-name'];
const CODEX = '019a9776-0a34-7842-8627-112b63d66e90';
const H = 3_600_000;
let opened: ServedDashboard;
let page: Page;
let errors: string[];
let serve: ServeProcess;
let api: ReturnType<typeof dashboardApi>;
let g: GeneratedTranscripts;
let today: string;
const layout: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  await awayFromMidnight();
  today = dayOf(Date.now(), 'UTC');
  const root = tempDir();
  // Sessions on the five days before today: inside "the last 30 days" whatever the date.
  g = generateTranscripts(path.join(root, 'claude'), { seed: 3, projects: DIRS.length, sessionsPerProject: 2, turnsPerSession: 4, firstDay: addDays(today, -5), days: 5, projectDir: (p) => DIRS[p]! });
  const dataDir = tempDir();
  fillLedger(dataDir, { settings: { timezone: 'UTC' }, usage: [pricedRecord({ time: Date.now() - 60_000, model: 'claude-sonnet-4-5', tag: 'agent', tokens: { inputTokens: 20_000, outputTokens: 3000 } })] });
  // A Codex session yesterday at 09:00 UTC, its 5-hour window filling to 45%.
  const start = Date.parse(`${addDays(today, -1)}T09:00:00Z`);
  const calls: CodexCallSpec[] = [0, 20, 50].map((min, i) => ({ model: 'gpt-5-codex', input: 12_000 + i, cached: 9_000, output: 800, reasoning: 300, at: new Date(start + min * 60_000).toISOString() }));
  const used = [20, 31, 45];
  const rateLimits = (call: CodexCallSpec | null) => ({
    primary: { used_percent: call ? used[calls.indexOf(call)] : 20, window_minutes: 300, resets_at: (start + 4 * H) / 1000 },
    secondary: { used_percent: 10, window_minutes: 10080, resets_at: (start + 72 * H) / 1000 },
  });
  const codexHome = tempDir();
  writeLines(rolloutPath(codexHome, CODEX, calls[0]!.at), codexSessionLines(CODEX, calls, { cwd: DIRS[0], rateLimits }).lines);
  for (const [source, dir] of [['claude-code', g.projectsDir], ['codex', codexHome]] as const) {
    const run = await runCliCaptured(['import', source, '--dir', dir, '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
  }
  opened = await openServedDashboard(dataDir, 'overview', { width: 900, height: 900 });
  ({ page, errors, serve, api } = opened);
}, 120_000);

afterAll(async () => {
  const code = await opened?.stop();
  expect(code, serve?.output()).toBe(0);
});

describe('projects of imported sessions', () => {
  it('the Overview groups by project: each checkout apart, proxied calls as no project, plan usage per project', async () => {
    await page.getByTestId('range-bar').waitFor();
    await page.locator('[data-testid=range-bar] button[data-range=last-30-days]').click();
    await page.locator('select[name=groupBy]').selectOption('project');
    const table = page.getByTestId('group-table');
    await expect.poll(async () => (await table.locator('tbody tr').all()).length).toBe(DIRS.length + 1);

    const report = await api<UsageGroupsReport>('usageGroups', { since: addDays(today, -29), until: today, groupBy: 'project' });
    const messages = [...g.messages.values()];
    const labels = projectLabels(DIRS);
    const plan = usdColumn(report.groups.map((x) => x.subscriptionNano));
    for (const dir of DIRS) {
      const group = report.groups.find((x) => x.value === dir)!;
      expect(group.requests).toBe(messages.filter((m) => m.cwd === dir).length + (dir === DIRS[0] ? 3 : 0));
      expect(group.spendNano).toBe(0);
      const row = table.locator(`tbody tr[data-group="${dir}"]`);
      const text = await row.innerText();
      expect(text).toContain(labels.get(dir)!);
      expect(text).toContain(formatCount(group.requests));
      expect(text).toContain(plan(group.subscriptionNano));
    }
    expect(labels.get(DIRS[0]!)).toBe('work/api');
    const none = table.locator('tbody tr[data-group=""]');
    expect(await none.innerText()).toContain('(no project)');
    expect(await none.innerText()).toContain('Proxied calls');
    expect(report.groups.find((x) => x.value === null)).toMatchObject({ requests: 1 });
    // Plan usage is drawn too (it is most of what a project costs), and the chart says so.
    await page.getByTestId('group-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('h2', { hasText: 'Cost by project over time' }).count()).toBe(1);
    layout.push(...(await checkAndShoot(page, 'overview-by-project', { whole: true })));
  });

  it("a project's calls link opens Requests filtered to that project", async () => {
    const dir = DIRS[1]!;
    await page.locator(`tbody tr[data-group="${dir}"]`).getByTestId('project-calls').click();
    await page.getByTestId('filters').waitFor();
    const want = [...g.messages.values()].filter((m) => m.cwd === dir).length;
    await expect.poll(() => page.getByTestId('totals-requests').innerText()).toBe(formatCount(want));
    expect(await page.getByTestId('filters').locator('input').nth(3).inputValue()).toBe(dir);
    // The detail of a call names its project and session.
    await page.locator('table tbody tr').first().click();
    await expect.poll(() => page.getByTestId('detail-project').innerText()).toContain(dir);
    layout.push(...(await checkAndShoot(page, 'requests-by-project')));
  });

  it('Sessions: a timeline a day with each session under the plan windows, and a table to sort', async () => {
    await page.goto(`${new URL(serve.uiUrl!).origin}/#/sessions`);
    const timeline = page.getByTestId('sessions-timeline');
    await timeline.waitFor();
    const report = await api<SessionsReport>('listSessions', {});
    const sessions = new Set([...g.messages.values()].map((m) => m.sessionId));
    expect(report.sessions).toHaveLength(sessions.size + 1);
    await expect.poll(() => timeline.getByTestId('session-bar').count()).toBeGreaterThanOrEqual(sessions.size + 1);
    // Yesterday's row: the Codex session under its 5-hour window's cycle, 45% used.
    const yesterday = timeline.locator(`[data-testid=timeline-day][data-day="${addDays(today, -1)}"]`);
    const block = yesterday.locator('[data-testid=window-block][data-window="5h"]');
    expect(await block.getAttribute('data-used')).toBe('0.45');
    expect(await block.innerText()).toBe('45%');
    expect(await yesterday.locator(`[data-testid=session-bar][data-session="${CODEX}"]`).count()).toBe(1);
    // The session sits inside its window's cycle on the page too.
    const [b, s] = [await block.boundingBox(), await yesterday.locator(`[data-session="${CODEX}"]`).boundingBox()];
    expect(s!.x).toBeGreaterThanOrEqual(b!.x);
    expect(s!.x + s!.width).toBeLessThanOrEqual(b!.x + b!.width + 1);

    // The table: newest first, then by cost at API rates, most first.
    const table = page.getByTestId('sessions-table');
    expect(await table.locator('tbody tr').count()).toBe(report.sessions.length);
    expect(await table.locator('tbody tr').first().getAttribute('data-session')).toBe(report.sessions[0]!.sessionId);
    await table.locator('button[data-sort=cost]').click();
    const dearest = [...report.sessions].sort((x, y) => y.costNano - x.costNano)[0]!;
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-session')).toBe(dearest.sessionId);
    const cost = usdColumn(report.sessions.map((x) => x.costNano));
    expect(await table.locator('tbody tr').first().getByTestId('session-cost').innerText()).toBe(cost(dearest.costNano));
    layout.push(...(await checkAndShoot(page, 'sessions-timeline', { whole: true })));

    // One project's sessions: the Codex one and the work/api transcripts.
    await page.locator('select[name=sessionsProject]').selectOption(DIRS[0]!);
    const want = new Set([...g.messages.values()].filter((m) => m.cwd === DIRS[0]).map((m) => m.sessionId)).size + 1;
    await expect.poll(() => table.locator('tbody tr').count()).toBe(want);
    layout.push(...(await checkAndShoot(page, 'sessions-one-project', { whole: true })));
  });

  it('no element left its card, and the page logged no error', () => {
    expect(layout).toEqual([]);
    expect(errors).toEqual([]);
  });
});
