/**
 * Issue 15, points 4 and 6 end to end: `tokentally serve --ui` on a ledger of the last 30 days, in
 * headless Chromium at 900 px. A scenario starts from real usage; re-pricing can take one model's
 * calls only and never shows calls already on the target as a saving; the scenario and compare
 * tables hold three compare models and long names without leaving their cards (light and dark
 * screenshots saved).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepriceResult, WorkloadRow } from '../../shared/api/contract-budgets.js';
import { formatCount, formatUsd } from '../../shared/format.js';
import { workloadsFromUsage } from '../../shared/planner/from-usage.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { ensureRendererBuilt, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { awayFromMidnight, openServedDashboard, type ServedDashboard } from './chromium.js';
import { checkAndShoot } from './layout-checks.js';

const DAY = 86_400_000;
const tempDir = useTempDirs();
let dashboard: ServedDashboard;
let page: Page;
let errors: string[];
let serve: ServeProcess;
let api: ServedDashboard['api'];
let rows: NewUsageRecord[];
const layout: string[] = [];
const LONG = 'meta-llama/llama-3.3-70b-instruct:free-with-a-very-long-routing-suffix';

function seed(dataDir: string, now: number): NewUsageRecord[] {
  const made: NewUsageRecord[] = [];
  for (let d = 1; d <= 20; d++) {
    made.push(pricedRecord({ time: now - d * DAY, model: 'claude-sonnet-4-5', tag: 'agent', tokens: { inputTokens: 2000, cacheReadTokens: 18_000, cacheWrite5mTokens: 1000, outputTokens: 900 } }));
    if (d % 2 === 0) made.push(pricedRecord({ time: now - d * DAY, model: 'claude-haiku-4-5', tokens: { inputTokens: 5000, outputTokens: 400 } }));
    if (d % 5 === 0) made.push(pricedRecord({ time: now - d * DAY, provider: 'openai', model: 'gpt-4.1-mini', billing: 'batch', tokens: { inputTokens: 8000, outputTokens: 600 } }));
  }
  made.push(pricedRecord({ time: now - 3 * DAY, provider: 'openrouter', model: LONG, tokens: { inputTokens: 1000, outputTokens: 100 } }));
  // Older than 30 days: left out of "the last 30 days".
  made.push(pricedRecord({ time: now - 45 * DAY, model: 'claude-opus-4-5', tokens: { inputTokens: 9000, outputTokens: 900 } }));
  return fillLedger(dataDir, { settings: { timezone: 'UTC' }, usage: made });
}

beforeAll(async () => {
  ensureRendererBuilt();
  await awayFromMidnight();
  const dataDir = tempDir();
  rows = seed(dataDir, Date.now());
  dashboard = await openServedDashboard(dataDir, 'planner/scenarios', { width: 900, height: 900 });
  ({ page, errors, serve, api } = dashboard);
}, 120_000);

afterAll(async () => {
  const code = await dashboard?.stop();
  expect(code, serve?.output()).toBe(0);
});

/** What the ledger holds per model over the last 30 days, summed here from the seeded rows. */
function expectedWorkloads(): WorkloadRow[] {
  const since = Date.now() - 30 * DAY;
  const sums = new Map<string, Parameters<typeof workloadsFromUsage>[0][number]>();
  for (const r of rows.filter((x) => x.time >= since)) {
    const s = sums.get(r.model) ?? { provider: r.provider, model: r.model, requests: 0, batchRequests: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0 };
    s.requests++;
    if (r.billing === 'batch') s.batchRequests++;
    s.inputTokens += r.inputTokens;
    s.cacheWriteTokens += r.cacheWrite5mTokens + r.cacheWrite1hTokens;
    s.cacheReadTokens += r.cacheReadTokens;
    s.outputTokens += r.outputTokens + r.reasoningTokens;
    sums.set(r.model, s);
  }
  return workloadsFromUsage([...sums.values()], 30);
}

describe('the planner from real usage', () => {
  it('a scenario starts from the last 30 days: a workload per model', async () => {
    await page.getByTestId('scenario-from-usage').click();
    const want = expectedWorkloads();
    expect(want.map((w) => w.model)).not.toContain('claude-opus-4-5');
    // The API gives the same rows the page shows.
    expect(await api<WorkloadRow[]>('scenarioFromUsage', { days: 30 })).toEqual(want);
    const table = page.locator('[data-testid=scenario-table]');
    await expect.poll(() => table.locator('input[name=workloadName]').count()).toBe(want.length);
    for (const [i, w] of want.entries()) {
      const row = table.locator(`tr[data-row="${i}"]`);
      expect(await row.locator('input[name=model]').inputValue()).toBe(w.model);
      expect(Number((await row.locator('input[name=requests]').inputValue()).replace(/,/g, ''))).toBe(w.requestsPerMonth);
    }
  });

  it('three compare models and a long model name hold at 900 px', async () => {
    const compare = page.getByTestId('compare-card');
    // Up to three models to compare (the planner may start with some).
    const add = compare.getByRole('button', { name: '+ Model' });
    while ((await add.count()) > 0) await add.click();
    await compare.locator('select[name="compare1-provider"]').selectOption('openrouter');
    await compare.locator('input[name="compare1-model"]').fill(LONG);
    await compare.locator('input[name="compare2-model"]').fill('claude-opus-4-5');
    await expect.poll(() => page.getByTestId('compare-total').count()).toBe(4);
    layout.push(...(await checkAndShoot(page, 'planner-scenarios-3-compare-900', { whole: true })));
  });

  it('re-prices one model’s calls only; calls already on the target are unchanged, not a saving', async () => {
    const card = page.getByTestId('reprice-card');
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator('select[name=repriceFrom] option').count()).toBeGreaterThan(2);
    await card.locator('select[name=repriceFrom]').selectOption('anthropic/claude-sonnet-4-5');
    await card.locator('input[name="reprice-model"]').fill('claude-haiku-4-5');
    await card.getByRole('button', { name: 'Re-price' }).click();
    const result = card.getByTestId('reprice-result');
    await result.waitFor();
    const api30 = await api<RepriceResult>('repriceUsage', { days: 30, provider: 'anthropic', model: 'claude-haiku-4-5', from: { provider: 'anthropic', model: 'claude-sonnet-4-5' } });
    expect(api30.rows.map((r) => r.model)).toEqual(['claude-sonnet-4-5']);
    const since = Date.now() - 30 * DAY;
    const others = rows.filter((r) => r.time >= since && r.model !== 'claude-sonnet-4-5' && r.billing !== 'subscription');
    expect(api30.untouched).toEqual({ requests: others.length, costNano: others.reduce((s, r) => s + r.costNano, 0) });
    expect(await card.getByTestId('reprice-total').innerText()).toBe(formatUsd(api30.repricedNano));
    expect(await card.getByTestId('reprice-untouched').innerText()).toContain(`${formatCount(others.length)} calls`);
    expect(await result.locator('tbody tr').count()).toBe(1);

    // Every model to Haiku: the Haiku calls keep their cost and say "unchanged".
    await card.locator('select[name=repriceFrom]').selectOption('');
    await card.getByRole('button', { name: 'Re-price' }).click();
    await expect.poll(() => card.getByTestId('reprice-unchanged').count()).toBe(1);
    const all = await api<RepriceResult>('repriceUsage', { days: 30, provider: 'anthropic', model: 'claude-haiku-4-5' });
    const haiku = all.rows.find((r) => r.model === 'claude-haiku-4-5')!;
    expect(haiku).toMatchObject({ unchanged: true });
    expect(haiku.repricedNano).toBe(haiku.actualNano);
    layout.push(...(await checkAndShoot(page, 'planner-reprice-900', { whole: true })));
  });

  it('nothing left its card, and no page error', () => {
    expect(layout).toEqual([]);
    expect(errors).toEqual([]);
  });
});
