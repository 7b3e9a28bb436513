/**
 * Issue 15, points 2 and 10 end to end: `tokentally serve --ui` on a ledger of two months, in
 * headless Chromium at 900 px. The Overview's period (this month, last month, last 30 days, all
 * time, custom) and grouping (model, provider, tag, billing mode, source) give the sums the ledger
 * holds; spend by tag needs no filter; the month is drawn against the budget. Every view is
 * checked for elements leaving their cards and shot in light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetStatus } from '../../shared/api/contract-budgets.js';
import type { RequestStats, UsageGroupsReport } from '../../shared/api/contract-groups.js';
import type { CatalogMonth } from '../../shared/api/contract-subscriptions.js';
import { usdColumn } from '../../shared/format.js';
import { catalogMonth } from '../../shared/breakeven/catalog-months.js';
import { PLAN_CATALOG } from '../../shared/plans/catalog.js';
import { rangeOf } from '../../shared/report/date-range.js';
import { addDays, dayOf } from '../../shared/time/zoned.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { ensureRendererBuilt, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { awayFromMidnight, openServedDashboard, type ServedDashboard } from './chromium.js';
import { checkAndShoot } from './layout-checks.js';
import { expectPaceWords } from './pace-words-match.js';

const USD = 1_000_000_000;
const DAY = 86_400_000;
const tempDir = useTempDirs();
let dashboard: ServedDashboard;
let page: Page;
let errors: string[];
let serve: ServeProcess;
let api: ServedDashboard['api'];
let rows: NewUsageRecord[];
let today: string;
const layout: string[] = [];

/** Calls this month and last month (and one 100 days ago), on three tags and none, two providers, a plan and an import. */
function seed(dataDir: string, now: number): NewUsageRecord[] {
  const thisMonth = Date.parse(`${dayOf(now, 'UTC').slice(0, 7)}-01T00:00:00Z`);
  // Today, and days of this month before it; the 15th of last month; 70 days ago.
  const times = { now: now - 60_000, early: Math.min(now - 60_000, thisMonth + 3 * 3_600_000), lastMonth: thisMonth - 16 * DAY, old: now - 100 * DAY };
  const made = [
    pricedRecord({ time: times.now, model: 'claude-sonnet-4-5', tag: 'agent', tokens: { inputTokens: 20_000, outputTokens: 3000 } }),
    pricedRecord({ time: times.early, model: 'claude-sonnet-4-5', tag: 'nightly-evaluation-harness-with-a-long-name', tokens: { inputTokens: 50_000, outputTokens: 8000 } }),
    pricedRecord({ time: times.early, provider: 'openai', model: 'gpt-4.1', tag: 'agent', tokens: { inputTokens: 30_000, outputTokens: 1000 } }),
    pricedRecord({ time: times.now, provider: 'openai', model: 'gpt-4.1-mini', latencyMs: 400, tokens: { inputTokens: 9000, outputTokens: 700 } }),
    // A call the provider failed: it counts as a failure on the Requests chart and costs nothing.
    pricedRecord({ time: times.now, provider: 'openai', model: 'gpt-4.1-mini', status: 'error', httpStatus: 500, latencyMs: 9000, tokens: {} }),
    pricedRecord({ time: times.early, model: 'claude-opus-4-5', billing: 'subscription', source: 'import', externalId: 'cc-1', tokens: { inputTokens: 4000, cacheReadTokens: 90_000, outputTokens: 5000 } }),
    pricedRecord({ time: times.lastMonth, model: 'claude-sonnet-4-5', tag: 'agent', tokens: { inputTokens: 200_000, outputTokens: 20_000 } }),
    pricedRecord({ time: times.lastMonth, provider: 'openai', model: 'gpt-4.1', tag: 'reports', billing: 'batch', tokens: { inputTokens: 400_000, outputTokens: 40_000 } }),
    pricedRecord({ time: times.old, model: 'claude-haiku-4-5', tag: 'reports', tokens: { inputTokens: 100_000, outputTokens: 10_000 } }),
  ];
  return fillLedger(dataDir, {
    settings: { timezone: 'UTC' },
    budgets: [{ scope: 'overall', scopeValue: null, monthlyNano: 50 * USD, hard: false, resetDay: 1, tz: 'UTC', alerts: [] }],
    usage: made,
  });
}

beforeAll(async () => {
  ensureRendererBuilt();
  await awayFromMidnight();
  const dataDir = tempDir();
  rows = seed(dataDir, Date.now());
  today = dayOf(Date.now(), 'UTC');
  dashboard = await openServedDashboard(dataDir, 'overview', { width: 900, height: 900 });
  ({ page, errors, serve, api } = dashboard);
}, 120_000);

afterAll(async () => {
  const code = await dashboard?.stop();
  expect(code, serve?.output()).toBe(0);
});

const inDays = (since: string, until: string) => rows.filter((r) => dayOf(r.time, 'UTC') >= since && dayOf(r.time, 'UTC') <= until);
const spendOf = (list: NewUsageRecord[]) => list.filter((r) => r.billing !== 'subscription').reduce((s, r) => s + r.costNano, 0);

/** The group table's rows as [name, spend cell]. */
async function groupCells(): Promise<Map<string, string>> {
  const table = page.getByTestId('group-table');
  await table.waitFor();
  const out = new Map<string, string>();
  for (const tr of await table.locator('tbody tr').all()) {
    out.set((await tr.getAttribute('data-group')) ?? '', (await tr.getByTestId('group-spend').innerText()).trim());
  }
  return out;
}

async function choose(preset: string, groupBy: string): Promise<void> {
  await page.locator(`[data-testid=range-bar] button[data-range=${preset}]`).click();
  await page.locator('select[name=groupBy]').selectOption(groupBy);
}

describe('the Overview over any period and any grouping', () => {
  it('this month: spend by tag without filtering, and the month against the budget', async () => {
    await page.getByTestId('range-bar').waitFor();
    await choose('this-month', 'tag');
    const since = `${today.slice(0, 7)}-01`;
    const month = inDays(since, today);
    const tags = [...new Set(month.map((r) => r.tag ?? ''))];
    const cell = usdColumn([...tags.map((t) => spendOf(month.filter((r) => (r.tag ?? '') === t))), spendOf(month)]);
    await expect.poll(async () => [...(await groupCells()).keys()].sort()).toEqual(tags.sort());
    const cells = await groupCells();
    for (const t of tags) expect(cells.get(t), `tag "${t}"`).toBe(cell(spendOf(month.filter((r) => (r.tag ?? '') === t))));
    expect(await page.getByTestId('group-total').innerText()).toBe(cell(spendOf(month)));
    await page.getByTestId('group-chart').locator('.recharts-bar-rectangle').first().waitFor();

    // The month added up day by day against the budget, with the pace in words.
    const card = page.getByTestId('month-budget');
    await card.getByTestId('pacing-cumulative-chart').locator('svg').first().waitFor();
    const overall = (await api<BudgetStatus[]>('budgetStatuses')).find((s) => s.budget.scope === 'overall')!;
    expectPaceWords(await card.getByTestId('month-pace-words').innerText(), overall.pacing);
    layout.push(...(await checkAndShoot(page, 'overview-this-month-by-tag', { whole: true })));
  });

  it('last month, grouped by provider, then billing mode and source', async () => {
    await choose('last-month', 'provider');
    const range = rangeOf('last-month', today, null)!;
    const last = inDays(range.since, range.until);
    await expect.poll(async () => [...(await groupCells()).keys()].sort()).toEqual([...new Set(last.map((r) => r.provider))].sort());
    const providers = [...new Set(last.map((r) => r.provider))];
    const cell = usdColumn([...providers.map((p) => spendOf(last.filter((r) => r.provider === p))), spendOf(last)]);
    const cells = await groupCells();
    for (const p of providers) expect(cells.get(p)).toBe(cell(spendOf(last.filter((r) => r.provider === p))));
    expect(await page.getByTestId('month-budget').count()).toBe(0);

    await page.locator('select[name=groupBy]').selectOption('billing');
    await expect.poll(async () => [...(await groupCells()).keys()].sort()).toEqual(['api', 'batch']);
    // The API says the same, and keeps plan usage apart from spend.
    const bySource = await api<UsageGroupsReport>('usageGroups', { since: `${today.slice(0, 7)}-01`, until: today, groupBy: 'source' });
    const imported = bySource.groups.find((g) => g.value === 'import')!;
    expect(imported.spendNano).toBe(0);
    expect(imported.subscriptionNano).toBe(rows.find((r) => r.source === 'import')!.costNano);
    layout.push(...(await checkAndShoot(page, 'overview-last-month-by-billing', { whole: true })));
  });

  it('all time goes back to the first call, a bar a month; a custom range takes two days', async () => {
    await choose('all-time', 'model');
    const first = dayOf(Math.min(...rows.map((r) => r.time)), 'UTC');
    await expect.poll(() => page.getByTestId('model-table').innerText()).toContain('claude-haiku-4-5');
    const report = await api<UsageGroupsReport>('usageGroups', { groupBy: 'model' });
    expect(report.since).toBe(first);
    // More than 92 days: a bar a month, the first cut to the first call's day.
    expect(report.bucket).toBe('month');
    expect(report.buckets[0]).toBe(first.slice(0, 7));
    expect(report.groups.reduce((s, g) => s + g.spendNano, 0)).toBe(spendOf(rows));
    layout.push(...(await checkAndShoot(page, 'overview-all-time-by-model', { whole: true })));

    await choose('custom', 'tag');
    const since = addDays(today, -110);
    await page.locator('input[name=rangeSince]').fill(since);
    await page.locator('input[name=rangeUntil]').fill(addDays(today, -90));
    const picked = inDays(since, addDays(today, -90));
    expect(picked.length).toBeGreaterThan(0);
    await expect.poll(async () => [...(await groupCells()).keys()].sort()).toEqual([...new Set(picked.map((r) => r.tag ?? ''))].sort());
    // Days out of order are refused in words, not sent.
    await page.locator('input[name=rangeSince]').fill(addDays(today, -10));
    await page.locator('input[name=rangeUntil]').fill(addDays(today, -20));
    await expect.poll(() => page.getByTestId('range-bar').innerText()).toContain('“From” is after “To”.');
    layout.push(...(await checkAndShoot(page, 'overview-custom', { whole: true })));
  });

  it('Requests: latency and failures over time for the calls the filters match', async () => {
    await page.goto(`${new URL(serve.uiUrl!).origin}/#/requests`);
    const card = page.getByTestId('latency-card');
    await card.getByTestId('latency-chart').locator('svg').first().waitFor();
    expect(await card.getByTestId('latency-range').innerText()).toContain('the last 30 days');
    const stats = await api<RequestStats>('requestStats', {});
    expect(stats.until).toBe(today);
    expect(stats.points.length).toBe(30);
    const todays = rows.filter((r) => dayOf(r.time, 'UTC') === today);
    const sorted = todays.map((r) => r.latencyMs!).sort((a, b) => a - b);
    expect(stats.points.at(-1)).toEqual({
      key: today,
      requests: todays.length,
      errors: todays.filter((r) => r.status !== 'ok').length,
      errorRate: todays.filter((r) => r.status !== 'ok').length / todays.length,
      p50Ms: sorted[Math.ceil(sorted.length / 2) - 1],
      p95Ms: sorted[Math.ceil(sorted.length * 0.95) - 1],
    });
    // The filters narrow it: OpenAI's calls of today, by hour.
    const openai = await api<RequestStats>('requestStats', { provider: 'openai', since: today, until: today });
    expect(openai.bucket).toBe('hour');
    expect(openai.points.reduce((s, p) => s + p.requests, 0)).toBe(todays.filter((r) => r.provider === 'openai').length);
    expect(openai.points.reduce((s, p) => s + p.errors, 0)).toBe(1);
    layout.push(...(await checkAndShoot(page, 'requests-latency-900')));
  });

  it('Break-even with no setup: every catalog plan against the plan usage of each month, API-key calls apart', async () => {
    await page.goto(`${new URL(serve.uiUrl!).origin}/#/breakeven`);
    const table = page.getByTestId('be-catalog-table');
    await table.waitFor();
    // No plan was added in Settings.
    expect(await page.getByTestId('be-no-plans').count()).toBe(1);
    const month = today.slice(0, 7);
    const mine = rows.filter((r) => r.provider === 'anthropic' && dayOf(r.time, 'UTC').startsWith(month));
    const covered = mine.filter((r) => r.billing === 'subscription');
    const apiRows = mine.filter((r) => r.billing !== 'subscription');
    const want = catalogMonth(month, true, new Map([['anthropic', { coveredNano: covered.reduce((s, r) => s + r.costNano, 0), coveredRequests: covered.length, apiNano: spendOf(apiRows), apiRequests: apiRows.length }]]), PLAN_CATALOG).providers[0]!;
    // The API gives what the ledger holds; the page shows it by the money rule of its columns.
    const months = await api<CatalogMonth[]>('catalogBreakEven', { months: 6 });
    expect(months.at(-1)!.month).toBe(month);
    expect(months.at(-1)!.providers.find((p) => p.provider === 'anthropic')).toEqual(want);
    const lines = months.flatMap((m) => m.providers);
    const coveredCell = usdColumn(lines.map((p) => p.coveredNano));
    const costCell = usdColumn(lines.map((p) => p.cheapest.costNano));
    const apiCell = usdColumn(lines.map((p) => p.apiNano));
    const line = table.locator(`tr[data-month="${month}"][data-provider=anthropic]`);
    expect(await line.getByTestId('catalog-covered').innerText()).toBe(coveredCell(want.coveredNano));
    expect(await line.getByTestId('catalog-cheapest').innerText()).toContain(`${want.cheapest.name} ${costCell(want.cheapest.costNano)}`);
    expect(await line.getByTestId('catalog-api').innerText()).toBe(apiCell(want.apiNano));
    // Every plan of the provider is named, none added first.
    for (const plan of want.plans) expect(await line.getByTestId('catalog-cheapest').innerText()).toContain(plan.name);
    layout.push(...(await checkAndShoot(page, 'breakeven-catalog-900', { whole: true })));
  });

  it('nothing left its card, and no page error', () => {
    expect(layout).toEqual([]);
    expect(errors).toEqual([]);
  });
});
