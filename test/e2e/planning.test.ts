/**
 * Budgets, the planner, the break-even page and provider sync, end to end: `tokentally serve --ui`
 * on six weeks of seeded usage, in headless Chromium. Every figure on screen is recomputed here
 * from the seeded rows with the shared pure functions (shared/pacing, shared/planner,
 * shared/breakeven) for the instant the page says it computed them for (its data-now): the server
 * runs on the real clock. Provider reports come from a fake on loopback.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Day } from '../../shared/api/contract.js';
import type { WorkloadRow } from '../../shared/api/contract-budgets.js';
import type { Subscription } from '../../shared/api/contract-subscriptions.js';
import { periodStartingIn, planPeriodBreakEven, volumeBreakEven, type CoveredDay } from '../../shared/breakeven/index.js';
import { budgetPeriod, type BudgetPeriod } from '../../shared/budget/period.js';
import { formatCount, formatUsd, usdColumn } from '../../shared/format.js';
import { paceBadge, paceSentence, shortDay } from '../../shared/pacing/pace-words.js';
import { computePacing } from '../../shared/pacing/index.js';
import { onModel, priceScenario } from '../../shared/planner/scenario.js';
import { addDays, dayOf } from '../../shared/time/zoned.js';
import type { UsageRecord } from '../../shared/usage.js';
import { formatDay } from '../../renderer/src/lib/dates.js';
import { anthropicCost, anthropicError, serveAnthropic, startFakeReportApi, type FakeReportApi } from '../support/fake-report-apis.js';
import { ensureRendererBuilt, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { awayFromMidnight, openServedDashboard, type ServedDashboard } from './chromium.js';
import { shootBoth } from './layout-checks.js';
import { MONTH_BUDGETS, MONTH_SUBSCRIPTIONS, MONTH_TZ, seedMonth } from './seed-month.js';

const GLANCE_VIEWPORT = { width: 360, height: 640 };
const WINDOW_VIEWPORT = { width: 1280, height: 900 };
const DAY_MS = 86_400_000;

const tempDir = useTempDirs();
let dashboard: ServedDashboard;
let page: Page;
let errors: string[];
let serve: ServeProcess;
let reports: FakeReportApi;
let records: UsageRecord[];
let base: string;
let api: ServedDashboard['api'];

/** What the fake Anthropic organisation reports for the last three UTC days: more than the proxy saw. */
const REPORTED_CENTS = '523.4';
const REPORTED_NANO = 5_234_000_000;

beforeAll(async () => {
  ensureRendererBuilt();
  // "Today" must stay today from seeding to the last check.
  await awayFromMidnight();

  const dataDir = tempDir();
  records = seedMonth(dataDir, Date.now()).records;
  reports = await startFakeReportApi();
  const today = dayOf(Date.now(), 'UTC');
  const cost = new Map([0, 1, 2].map((k) => [addDays(today, -k), [anthropicCost('claude-sonnet-4-20250514', REPORTED_CENTS)]]));
  serveAnthropic(reports, { usage: new Map(), cost }, Date.now);
  // The proxied call of the live-update check lands here too (TOKENTALLY_UPSTREAM_ANTHROPIC).
  reports.route('/v1/messages', () => ({
    body: {
      id: 'msg_e2e_live',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-20250514',
      content: [{ type: 'text', text: 'hi' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 40_000, output_tokens: 2000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  }));
  reports.route('/v1/key', () => ({ body: { data: { usage: 3.5, usage_daily: 0.25, usage_monthly: 2.1, limit: null, limit_remaining: null } } }));
  reports.route('/v1/credits', () => ({ body: { data: { total_credits: 20, total_usage: 7.66 } } }));
  reports.route('/user/balance', () => ({
    body: { is_available: true, balance_infos: [{ currency: 'CNY', total_balance: '56.20', granted_balance: '10.00', topped_up_balance: '46.20' }] },
  }));
  // An OpenAI "admin" key that is a project key: refused, as OpenAI does.
  const refused = () => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } });
  reports.route('/v1/organization/costs', refused);
  reports.route('/v1/organization/usage/completions', refused);

  dashboard = await openServedDashboard(dataDir, 'glance', GLANCE_VIEWPORT, {
    // The import is off, but its status lists the folders it would read: not this machine's.
    CLAUDE_CONFIG_DIR: tempDir(),
    TOKENTALLY_UPSTREAM_ANTHROPIC: reports.url,
    TOKENTALLY_UPSTREAM_OPENAI: reports.url,
    TOKENTALLY_UPSTREAM_OPENROUTER: reports.url,
    TOKENTALLY_UPSTREAM_DEEPSEEK: reports.url,
  });
  ({ page, errors, serve, api, base } = dashboard);
}, 120_000);

afterAll(async () => {
  const code = await dashboard?.stop();
  await reports?.close();
  expect(code, serve?.output()).toBe(0);
});


function text(testId: string, within: Page | ReturnType<Page['locator']> = page): Promise<string> {
  return within.getByTestId(testId).first().innerText();
}

async function goTo(route: string): Promise<void> {
  await page.goto(`${base}#/${route}`);
}

const isSpend = (r: UsageRecord) => r.billing !== 'subscription';
const sum = (rows: readonly UsageRecord[]) => rows.reduce((total, r) => total + r.costNano, 0);
const within = (r: UsageRecord, from: number, to: number) => r.time >= from && r.time < to;

/** The overall budget's pacing at `now`, from the rows alone. */
function expectedPacing(now: number) {
  const budget = MONTH_BUDGETS[0]!;
  const period = budgetPeriod(now, budget.resetDay, budget.tz);
  const byDay = new Map<Day, number>();
  for (const r of records.filter(isSpend)) byDay.set(dayOf(r.time, budget.tz), (byDay.get(dayOf(r.time, budget.tz)) ?? 0) + r.costNano);
  return computePacing({
    now,
    budgetNano: budget.monthlyNano,
    period,
    tz: budget.tz,
    days: [...byDay].map(([day, spendNano]) => ({ day, spendNano })),
    last24hNano: sum(records.filter((r) => isSpend(r) && within(r, now - DAY_MS, now))),
    dataSince: dayOf(Math.min(...records.map((r) => r.time)), budget.tz),
  });
}

/** A subscription's break-even in the period k renewal periods back from `now`, from the rows alone. */
function expectedBreakEven(index: number, now: number, k: number) {
  const s: Subscription = MONTH_SUBSCRIPTIONS[index]!;
  const current = budgetPeriod(now, s.renewalDay, MONTH_TZ);
  let period: BudgetPeriod = current;
  if (k > 0) {
    const [y, m] = current.start.split('-').map(Number) as [number, number];
    const i = y * 12 + (m - 1) - k;
    period = periodStartingIn(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, s.renewalDay, MONTH_TZ);
  }
  const covered = new Map<Day, CoveredDay>();
  for (const r of records) {
    if (r.provider !== s.provider || r.billing !== 'subscription' || !within(r, period.startMs, period.endMs)) continue;
    const day = dayOf(r.time, MONTH_TZ);
    const d = covered.get(day) ?? { day, costNano: 0, requests: 0, unpriced: 0 };
    d.costNano += r.costNano;
    d.requests += 1;
    d.unpriced += r.priced ? 0 : 1;
    covered.set(day, d);
  }
  const apiSpendNano = sum(records.filter((r) => r.provider === s.provider && isSpend(r) && within(r, period.startMs, period.endMs)));
  return planPeriodBreakEven({ index, subscription: s, period, nowMs: now, tz: MONTH_TZ, days: [...covered.values()], apiSpendNano, sharedWith: [] });
}

describe('budgets, planner and break-even served by `tokentally serve --ui`', () => {
  it('glance: remaining, today against its allowance, pace and projections as shared/pacing computes them; live within a second', async () => {
    await page.getByTestId('pace-delta').waitFor();
    const now = Number(await page.locator('main.glance').getAttribute('data-now'));
    expect(now).toBeGreaterThan(0);
    const p = expectedPacing(now);
    expect(p.spentNano).toBeGreaterThan(0);
    expect(await text('month-remaining')).toBe(formatUsd(Math.abs(p.remainingNano)));
    expect(await text('today-spend')).toBe(formatUsd(p.todaySpentNano));
    expect(await text('today-allowance')).toBe(formatUsd(p.todayAllowanceNano));
    const badge = paceBadge(p);
    expect(await text('pace-delta')).toBe(badge.delta ?? badge.word);
    expect(await page.locator('.pace').first().getAttribute('class')).toContain(`pace-${p.state}`);
    expect(await text('projected-linear')).toBe(formatUsd(p.projectedLinearNano));
    expect(await text('projected-robust')).toBe(formatUsd(p.projectedRobustNano));
    // The pace in words, with the day it runs out when it does.
    expect(await text('pace-words')).toBe(paceSentence(p));
    if (p.runsOutOn && p.spentNano < p.budgetNano && p.state === 'ahead') expect(await text('pace-words')).toContain(shortDay(p.runsOutOn));

    // Top models today: spend where there is spend; plan usage marked as such, never as spend.
    const today = dayOf(now, MONTH_TZ);
    const top = page.getByTestId('top-models');
    await expect.poll(() => top.innerText()).toContain('plan');
    const items = await Promise.all(
      (await top.locator('li').all()).map(async (item) => {
        const model = (await item.locator('.model-name').innerText()).trim();
        const rows = records.filter((r) => r.model === model && dayOf(r.time, MONTH_TZ) === today);
        return { model, spend: sum(rows.filter(isSpend)), all: sum(rows), line: await item.innerText() };
      }),
    );
    // The figures stand in one column: one money rule (the same decimals) for all of them.
    const cell = usdColumn(items.flatMap((i) => [i.spend, i.all - i.spend]));
    for (const { model, spend, all, line } of items) {
      if (spend > 0) expect(line, model).toContain(cell(spend));
      else expect(line, model).toMatch(new RegExp(`plan\\s+${escapeRegExp(cell(all))}`));
    }

    // Each plan's saving (or shortfall) this period.
    const savings = await page.getByTestId('plan-saving').allInnerTexts();
    expect(savings).toEqual(MONTH_SUBSCRIPTIONS.map((_, i) => formatUsd(expectedBreakEven(i, now, 0).savingNano, { signed: true })));
    expect(await text('last-alert')).toMatch(/budget/i);
    expect(await text('proxy-status')).toContain(serve.proxyUrl.replace('http://', ''));

    // A call through the proxy moves today's spend within a second.
    const before = await text('today-spend');
    const response = await fetch(`${serve.proxyUrl}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-e2e-live-key', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const answeredAt = Date.now();
    await page.waitForFunction((old) => document.querySelector('[data-testid=today-spend]')?.textContent !== old, before, { timeout: 5000, polling: 20 });
    expect(Date.now() - answeredAt, 'the glance follows within a second').toBeLessThan(1000);
    const newest = (await api<{ records: UsageRecord[] }>('listUsage', { limit: 1 })).records[0]!;
    expect(newest.model).toBe('claude-sonnet-4-20250514');
    expect(records.some((r) => r.time === newest.time && r.requestId === newest.requestId)).toBe(false);
    records.push(newest);
    const after = expectedPacing(Number(await page.locator('main.glance').getAttribute('data-now')));
    await expect.poll(() => text('today-spend')).toBe(formatUsd(after.todaySpentNano));
    expect(await text('month-remaining')).toBe(formatUsd(Math.abs(after.remainingNano)));
  }, 30_000);

  it('planner: budget statuses with pacing, charts, alerts; scenario costs as shared/planner prices them', async () => {
    await page.setViewportSize(WINDOW_VIEWPORT);
    await goTo('planner');
    const table = page.getByTestId('budget-table');
    await table.waitFor();
    const p = expectedPacing(Date.now());
    expect(await table.locator('tr[data-budget=overall] [data-testid=status-left]').innerText()).toBe(formatUsd(p.remainingNano));
    for (const b of MONTH_BUDGETS) expect(await table.locator(`tr[data-budget="${b.scope === 'overall' ? 'overall' : `${b.scope}:${b.scopeValue}`}"]`).count()).toBe(1);
    await page.locator('[data-testid=pacing-daily-chart] .recharts-bar-rectangle').first().waitFor();
    await page.locator('[data-testid=pacing-cumulative-chart] .recharts-line').first().waitFor();
    await page.getByTestId('alert-list').waitFor();
    expect(await text('cap-control')).toContain('Hard caps hold');
    await shootBoth(page, 'planner-budgets', true);

    // A tag budget set from the form shows up with its pace; then it goes again.
    await page.getByRole('button', { name: 'New budget' }).click();
    await page.locator('select[name=scope]').selectOption('tag');
    await page.locator('input[name=scopeValue]').fill('agent');
    // A comma is a thousands separator only: "12,50" is refused in words, not set as $1,250.
    await page.locator('input[name=amount]').fill('12,50');
    await page.getByRole('button', { name: 'Set budget' }).click();
    expect(await page.getByTestId('budget-form').getByRole('alert').innerText()).toBe('12,50: use a dot for cents (12.50)');
    expect(await table.locator('tr[data-budget="tag:agent"]').count()).toBe(0);
    await page.locator('input[name=amount]').fill('12.50');
    await page.getByRole('button', { name: 'Set budget' }).click();
    const agentRow = table.locator('tr[data-budget="tag:agent"]');
    await agentRow.waitFor();
    expect(await agentRow.innerText()).toContain('$12.50');
    // Removing asks once more; Keep (focused) keeps it, Escape too; "Yes, remove" removes.
    await agentRow.getByRole('button', { name: 'Remove' }).click();
    expect(await agentRow.getByRole('group').innerText()).toMatch(/^Remove\?\s+Yes, remove\s+Keep$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep');
    await page.keyboard.press('Enter');
    await agentRow.getByRole('button', { name: 'Remove' }).click();
    await page.keyboard.press('Escape');
    expect(await agentRow.getByRole('button', { name: 'Yes, remove' }).count()).toBe(0);
    expect(await agentRow.innerText()).toContain('$12.50');
    await agentRow.getByRole('button', { name: 'Remove' }).click();
    await agentRow.getByRole('button', { name: 'Yes, remove' }).click();
    await agentRow.waitFor({ state: 'detached' });

    // Scenarios: change the first workload, compare on the default models.
    await goTo('planner/scenarios');
    const first = page.locator('[data-testid=scenario-table] tr[data-row="0"]');
    await first.locator('input[name=workloadName]').fill('Review bot');
    await first.locator('input[name=model]').fill('claude-sonnet-4-5');
    await first.locator('input[name=requests]').fill('2,500');
    await first.locator('input[name=input]').fill('30k');
    await first.locator('input[name=output]').fill('1200');
    await first.locator('input[name=cachedPct]').fill('60');
    await first.locator('input[name=batchPct]').fill('25');
    const rows: WorkloadRow[] = [
      { name: 'Review bot', provider: 'anthropic', model: 'claude-sonnet-4-5', requestsPerMonth: 2500, inputTokens: 30_000, outputTokens: 1200, cachedShare: 0.6, batchShare: 0.25 },
      { name: 'Nightly summaries', provider: 'openai', model: 'gpt-5-mini', requestsPerMonth: 12_000, inputTokens: 6000, outputTokens: 800, cachedShare: 0, batchShare: 1 },
    ];
    const asEntered = priceScenario(rows);
    const compared = [onModel(rows, 'anthropic', 'claude-haiku-4-5'), onModel(rows, 'openai', 'gpt-5')].map((r) => priceScenario(r));
    await expect.poll(() => text('scenario-total')).toBe(formatUsd(asEntered.totalNano));
    for (const [i, row] of asEntered.rows.entries()) {
      expect(row.priced).toBe(true);
      expect(await text('row-monthly', page.locator(`[data-testid=scenario-table] tr[data-row="${i}"]`))).toBe(formatUsd(row.monthlyNano));
    }
    const compare = page.getByTestId('compare-table');
    for (const [c, result] of [asEntered, ...compared].entries()) {
      for (const [i, row] of result.rows.entries()) {
        expect(await compare.locator(`tbody tr[data-row="${i}"] td[data-col="${c}"]`).innerText(), `column ${c}, row ${i}`).toBe(formatUsd(row.monthlyNano));
      }
      expect(await compare.locator(`tfoot td[data-col="${c}"]`).innerText()).toContain(formatUsd(result.totalNano));
    }

    // Saved as a plan, it is compared with this period's actual spend.
    await page.locator('input[name=planName]').fill('Q4 agents');
    await page.getByRole('button', { name: 'Save plan' }).click();
    const saved = page.getByTestId('saved-plans').locator('tr[data-plan]');
    await saved.waitFor();
    await expect.poll(() => saved.innerText()).toContain(formatUsd(asEntered.totalNano));
    const inPeriod = budgetPeriod(Date.now(), 1, MONTH_TZ);
    expect(await saved.innerText()).toContain(formatUsd(sum(records.filter((r) => isSpend(r) && within(r, inPeriod.startMs, inPeriod.endMs)))));

    // Re-pricing the last 30 days: the actual side is the ledger's spend of those days.
    await page.getByRole('button', { name: 'Re-price' }).click();
    const result = page.getByTestId('reprice-result');
    await result.waitFor();
    const since = addDays(dayOf(Date.now(), MONTH_TZ), -29);
    const actual = sum(records.filter((r) => isSpend(r) && dayOf(r.time, MONTH_TZ) >= since));
    expect(await result.innerText()).toContain(formatUsd(actual));
    await shootBoth(page, 'planner-scenarios', true);
  }, 30_000);

  it('break-even page: each plan this period and month by month as shared/breakeven computes them', async () => {
    await goTo('breakeven');
    await page.getByTestId('be-history').waitFor();
    const now = Number(await page.locator('.page[data-now]').getAttribute('data-now'));
    for (const [i] of MONTH_SUBSCRIPTIONS.entries()) {
      const want = expectedBreakEven(i, now, 0);
      const card = page.locator(`[data-plan-index="${i}"]`);
      expect(await text('be-saving', card)).toContain(formatUsd(want.savingNano, { signed: true }));
      expect(await text('be-covered', card)).toBe(formatUsd(want.coveredNano));
      expect(await text('be-price', card)).toBe(formatUsd(want.priceNano));
      const paid = await text('be-paid-off', card);
      if (want.paidOffOn) expect(paid).toContain(formatDay(want.paidOffOn));
      else if (want.projectedPaidOffOn) expect(paid).toContain(formatDay(want.projectedPaidOffOn));
    }
    // History of each plan: the current and the previous period.
    for (const [i, sub] of MONTH_SUBSCRIPTIONS.entries()) {
      await page.getByRole('button', { name: sub.name, exact: true }).click();
      for (const k of [0, 1]) {
        const want = expectedBreakEven(i, now, k);
        const row = page.locator(`[data-testid=be-history] tr[data-period="${want.period.start}"]`);
        await row.waitFor();
        expect(await text('be-history-covered', row), `${sub.name} ${want.period.start}`).toBe(formatUsd(want.coveredNano));
        expect(await text('be-history-saving', row)).toBe(formatUsd(want.savingNano, { signed: true }));
        const paid = await text('be-history-paid-off', row);
        if (want.paidOffOn) expect(paid).toBe(formatDay(want.paidOffOn));
        else if (want.projectedPaidOffOn) expect(paid).toContain(formatDay(want.projectedPaidOffOn));
        else expect(paid).toBe('—');
      }
    }
    await page.getByRole('button', { name: MONTH_SUBSCRIPTIONS[0]!.name, exact: true }).click();
    expect(await text('import-status')).toContain('switched off');
    await page.locator('[data-testid=be-history-chart] .recharts-bar-rectangle').first().waitFor();

    // The volume at which a plan beats the API for one kind of call (the issue's example: Sonnet
    // at 5,000 in / 2,000 out against a $20 plan, about 445 calls a month).
    const volume = page.getByTestId('be-volume');
    await volume.locator('select[name=volumePlan]').selectOption('claude-pro');
    await volume.locator('input[name=volume-model]').fill('claude-sonnet-4');
    await volume.locator('input[name=volumeInput]').fill('5000');
    await volume.locator('input[name=volumeOutput]').fill('2000');
    await volume.getByRole('button', { name: 'Find break-even' }).click();
    const wantVolume = volumeBreakEven({ plan: 'claude-pro', provider: 'anthropic', model: 'claude-sonnet-4', tokensPerCall: { inputTokens: 5000, outputTokens: 2000, cacheReadTokens: 0 } });
    expect(wantVolume.callsPerMonth).toBe(445);
    await expect.poll(() => text('be-volume-calls')).toBe(formatCount(445));
    expect(await text('be-volume-result')).toContain(formatUsd(wantVolume.costPerCallNano));
    await volume.locator('input[name=volume-model]').fill('no-such-model-x');
    await volume.getByRole('button', { name: 'Find break-even' }).click();
    await expect.poll(() => text('be-volume-result')).toContain('No price for');
    await volume.locator('input[name=volume-model]').fill('claude-sonnet-4');
    await volume.getByRole('button', { name: 'Find break-even' }).click();
    await expect.poll(() => text('be-volume-result')).toContain('445');
    await shootBoth(page, 'breakeven', true);
  }, 30_000);

  it('Settings → Providers: keys in, tested, polled; sync status, last error in plain words', async () => {
    await goTo('settings/providers');
    const section = page.getByTestId('providers-section');
    await section.waitFor();
    const store = async (provider: string, kind: 'api' | 'admin', key: string) => {
      await page.locator('select[name=keyProvider]').selectOption(provider);
      await page.locator('select[name=keyKind]').selectOption(kind);
      await page.locator('input[name=keySecret]').fill(key);
      await page.getByRole('button', { name: 'Store key' }).click();
      await expect.poll(() => text(`key-${provider}-${kind}`)).not.toContain('not stored');
      expect(await page.locator('input[name=keySecret]').inputValue()).toBe('');
    };
    // Tested before it is stored: the typed key goes to the core once and is not kept.
    await page.locator('select[name=keyProvider]').selectOption('anthropic');
    await page.locator('select[name=keyKind]').selectOption('admin');
    await page.locator('input[name=keySecret]').fill('sk-ant-admin01-e2e-SECRET-0123456789');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => section.innerText()).toContain('The key works');
    await store('anthropic', 'admin', 'sk-ant-admin01-e2e-SECRET-0123456789');
    await store('openrouter', 'api', 'sk-or-v1-e2e-SECRET-0123456789abcdef');
    await store('deepseek', 'api', 'sk-e2e-deepseek-SECRET-0123456789');
    await store('openai', 'admin', 'sk-proj-e2e-SECRET-not-an-admin-key-0123');
    await expect.poll(() => text('sync-anthropic')).toBe('waiting for the first sync');

    for (const provider of ['anthropic', 'openrouter', 'deepseek']) {
      await page.getByTestId(`poll-${provider}`).click();
      await expect.poll(() => text(`sync-${provider}`), { timeout: 10_000 }).toBe('synced just now');
      const details = await text(`sync-details-${provider}`);
      expect(details).toContain('Last successful sync:');
      expect(details).toContain('Next: only when you poll');
    }
    await page.getByTestId('poll-openai').click();
    await expect.poll(() => text('sync-openai'), { timeout: 10_000 }).toBe('last sync failed');
    expect(await text('sync-error-openai')).toContain('the key is not an admin key');
    expect(await page.content()).not.toContain('SECRET');
    await shootBoth(page, 'settings-providers');

    // A refused stored key, tested: plain words again.
    reports.once(anthropicError(401, 'authentication_error', 'invalid x-api-key'));
    await page.getByTestId('key-anthropic-admin').getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => text('provider-note', page.locator('[data-provider=anthropic]'))).toContain('refused');

    // Settings → Subscriptions: a catalog plan joins the list (price from the catalog) and the break-even page.
    const form = page.getByTestId('subscription-form');
    await form.locator('select[name=subPlan]').selectOption('claude-pro');
    await form.locator('input[name=subRenewal]').fill('5');
    await form.getByRole('button', { name: 'Add plan' }).click();
    const subs = page.getByTestId('subscriptions-table');
    await expect.poll(() => subs.innerText()).toContain('Claude Pro');
    expect(await subs.locator('tr', { hasText: 'Claude Pro' }).innerText()).toContain('$20.00');
    await goTo('breakeven');
    await page.locator('[data-plan-index="2"]').waitFor();
    expect(await page.locator('[data-plan-index="2"]').innerText()).toContain('Claude Pro');
    await goTo('settings/subscriptions');
    await subs.locator('tr', { hasText: 'Claude Pro' }).getByRole('button', { name: 'Remove' }).click();
    await subs.locator('tr', { hasText: 'Claude Pro' }).getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => subs.innerText()).not.toContain('Claude Pro');
  }, 40_000);

  it('overview: reported against proxy spend per day; the glance shows credit balances', async () => {
    await goTo('overview');
    const card = page.getByTestId('reconciliation');
    await card.waitFor();
    const today = dayOf(Date.now(), 'UTC');
    const start = budgetPeriod(Date.now(), 1, MONTH_TZ).start;
    // Each column by the one money rule of tables: its decimals from the rows shown.
    const proxyOn = (day: string) => sum(records.filter((r) => r.provider === 'anthropic' && isSpend(r) && dayOf(r.time, 'UTC') === day));
    const shownDays = await card.locator('tr[data-day][data-provider=anthropic]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-day')!));
    const proxyCell = usdColumn(shownDays.map(proxyOn));
    const unseenCell = usdColumn(shownDays.map((d) => REPORTED_NANO - proxyOn(d)), { signed: true });
    for (const k of [0, 1, 2]) {
      const day = addDays(today, -k);
      if (day < start) continue;
      const proxy = proxyOn(day);
      const row = card.locator(`tr[data-day="${day}"][data-provider=anthropic]`);
      const line = await row.innerText();
      expect(line).toContain(usdColumn([REPORTED_NANO])(REPORTED_NANO));
      expect(line).toContain(proxyCell(proxy));
      expect(await text('unseen', row)).toBe(unseenCell(REPORTED_NANO - proxy));
    }
    await card.scrollIntoViewIfNeeded();
    await shootBoth(page, 'overview-reconciliation');

    await page.setViewportSize(GLANCE_VIEWPORT);
    await goTo('glance');
    const balances = page.getByTestId('balances');
    await balances.waitFor();
    expect(await balances.innerText()).toMatch(/OpenRouter\s+\$12\.34/);
    expect(await balances.innerText()).toMatch(/DeepSeek\s+¥56\.20/);
    await shootBoth(page, 'glance-budget', true);
    expect(errors).toEqual([]);
  }, 30_000);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
