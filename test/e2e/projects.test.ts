/**
 * Issue 15.2 end to end: projects and sessions of imported Claude Code usage. Transcripts of three
 * projects (two checkouts both called "api") are imported by the CLI's importer into a real ledger
 * beside a proxied call; `tokentally serve --ui` serves it to headless Chromium at 900 px. The
 * Overview groups by project (each checkout apart, proxied calls as "(no project)"), a project's
 * "calls" link filters Requests to it, and every view is checked for overflow and shot light and dark.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageGroupsReport } from '../../shared/api/contract-groups.js';
import { formatCount, usdColumn } from '../../shared/format.js';
import { projectLabels } from '../../shared/projects/project-of.js';
import { addDays, dayOf } from '../../shared/time/zoned.js';
import { insertUsage, openDatabase, writeSettings } from '../../electron/core/ledger/index.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { dashboardApi, ensureRendererBuilt, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { generateTranscripts, type GeneratedTranscripts } from '../support/transcript-generator.js';
import { awayFromMidnight, openServedDashboard, type ServedDashboard } from './chromium.js';
import { checkAndShoot } from './layout-checks.js';

const tempDir = useTempDirs();
const DIRS = ['/home/dev/work/api', '/home/dev/old/api', '/home/dev/clients/a-client-with-a-rather-long-project-folder-name'];
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
  const db = openDatabase(dataDir);
  try {
    writeSettings(db, { timezone: 'UTC' });
    insertUsage(db, [pricedRecord({ time: Date.now() - 60_000, model: 'claude-sonnet-4-5', tag: 'agent', tokens: { inputTokens: 20_000, outputTokens: 3000 } })]);
  } finally {
    db.close();
  }
  const run = await runCliCaptured(['import', 'claude-code', '--dir', g.projectsDir, '--data-dir', dataDir]);
  expect(run.code, run.stderr).toBe(0);
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
      expect(group.requests).toBe(messages.filter((m) => m.cwd === dir).length);
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

  it('no element left its card, and the page logged no error', () => {
    expect(layout).toEqual([]);
    expect(errors).toEqual([]);
  });
});
