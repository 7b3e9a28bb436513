/**
 * The dashboard end to end: `tokentally serve --ui` on a seeded ledger, opened in headless
 * Chromium through the URL it prints. The figures on screen must be the ledger's, computed here
 * from the seeded rows and formatted with the same formatter; a call through the proxy must show
 * up on the Requests page within a second.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatCount, formatTokens, formatUsd, usdColumn } from '../../shared/format.js';
import { nanoToDecimalUsd, USAGE_CSV_HEADER } from '../../shared/report/csv.js';
import { startFakeProvider } from '../support/fake-providers.js';
import { parseCsv } from '../support/parse-csv.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { awayFromMidnight, collectPageErrors, useChromium } from './chromium.js';
import { screenshotPath, shootBoth } from './layout-checks.js';
import { expectedFigures, seedLedger } from './seed-ledger.js';

// The glance window's size in the desktop app (electron/main/windows.ts GLANCE_SIZE).
const GLANCE_VIEWPORT = { width: 360, height: 480 };
const WINDOW_VIEWPORT = { width: 1280, height: 860 };

const tempDir = useTempDirs();
const browser = useChromium();

function uiLine(serve: ServeProcess): string {
  const line = serve.output().split('\n').find((l) => l.startsWith('UI:'));
  expect(line, serve.output()).toMatch(/^UI:\s+http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
  return line!.replace(/^UI:\s+/, '');
}

function text(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).first().innerText();
}

async function openAt(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(url);
  return { page, errors };
}

describe('dashboard served by `tokentally serve --ui`', () => {
  it('shows the ledger’s numbers, follows new calls live and exports them', async () => {
    await awayFromMidnight();
    const dataDir = tempDir();
    const seeded = seedLedger(dataDir, Date.now());
    const want = expectedFigures(seeded);
    const fake = await startFakeProvider('anthropic');
    const serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url });
    const context = await browser().newContext({ viewport: GLANCE_VIEWPORT, colorScheme: 'light', acceptDownloads: true });
    try {
      const url = uiLine(serve);
      const { page, errors } = await openAt(context, `${url}#/glance`);

      // Glance: month remaining of the budget, month and today's spend, requests today.
      await page.getByTestId('month-remaining').waitFor();
      expect(page.url(), 'the token leaves the address bar').not.toContain('token=');
      expect(await text(page, 'month-remaining')).toBe(formatUsd(want.remainingNano));
      expect(await text(page, 'month-spend')).toContain(formatUsd(want.monthSpendNano));
      expect(await text(page, 'today-spend')).toBe(formatUsd(want.todaySpendNano));
      expect(await text(page, 'requests-today')).toBe(formatCount(want.requestsToday));
      expect(want.unpricedThisPeriod).toBeGreaterThan(0);
      expect(await text(page, 'unpriced-warning')).toContain(`${want.unpricedThisPeriod} call`);
      expect(await text(page, 'proxy-status')).toContain(serve.proxyUrl.replace('http://', ''));
      expect(await text(page, 'top-models')).toContain('claude-sonnet-4-20250514');
      await shootBoth(page, 'glance');

      // "Open dashboard" opens the main view in a new window that still has the access token.
      const [dashboard] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-dashboard').click()]);
      await dashboard.getByTestId('month-spend').waitFor();
      expect(await dashboard.getByTestId('access-denied').count()).toBe(0);
      await dashboard.close();

      // Overview: the same figures, the chart and the by-model table.
      await page.setViewportSize(WINDOW_VIEWPORT);
      await page.goto(`${url.split('?')[0]}#/overview`);
      await page.reload(); // the token now comes from sessionStorage
      await page.getByTestId('model-table').waitFor();
      expect(await text(page, 'month-spend')).toContain(formatUsd(want.monthSpendNano));
      expect(await text(page, 'month-remaining')).toBe(formatUsd(want.remainingNano));
      expect(await text(page, 'today-spend')).toBe(formatUsd(want.todaySpendNano));
      expect(await text(page, 'requests-today')).toBe(formatCount(want.requestsToday));
      await page.locator('[data-testid=daily-chart] .recharts-bar-rectangle').first().waitFor(); // the chart loads lazily
      const sonnetSpend = seeded.records
        .filter((r) => r.model === 'claude-sonnet-4-20250514' && r.time >= seeded.period.startMs)
        .reduce((sum, r) => sum + r.costNano, 0);
      expect(await page.getByTestId('model-table').locator('tr', { hasText: 'claude-sonnet-4-20250514' }).innerText()).toContain(formatUsd(sonnetSpend));
      await shootBoth(page, 'overview');

      // Requests: every row's cost, the totals, one call's breakdown.
      await page.goto(`${url.split('?')[0]}#/requests`);
      await page.getByTestId('requests-table').waitFor();
      expect(await text(page, 'totals-requests')).toBe(formatCount(want.allRequests));
      expect(await text(page, 'totals-spend')).toContain(formatUsd(want.allSpendNano));
      // The cost column follows the one money rule of tables (the same decimals in every row).
      const cell = usdColumn(seeded.records.map((r) => r.costNano));
      for (const r of seeded.records) {
        const cost = await page.locator(`tr[data-id="${r.id}"] [data-testid=row-cost]`).innerText();
        // A failed call was not charged: a dash, not "$0.0000".
        if (r.status === 'error') expect(cost, `row ${r.id} ${r.model}`).toBe('—');
        else if (r.priced) expect(cost, `row ${r.id} ${r.model}`).toBe(cell(r.costNano));
        else expect(cost, `row ${r.id} ${r.model}`).toMatch(new RegExp(`^unpriced\\s+≤ est\\. ${escapeRegExp(cell(r.costNano))}$`));
      }
      expect(formatUsd(0)).toBe('$0.00');
      const sonnet = seeded.records[0]!;
      await page.locator(`tr[data-id="${sonnet.id}"]`).click();
      await page.getByTestId('detail-total').waitFor();
      expect(await text(page, 'detail-total')).toBe(formatUsd(sonnet.costNano));
      const breakdown = await text(page, 'cost-breakdown');
      expect(breakdown).toContain('Input (uncached)');
      expect(breakdown).toContain(formatTokens(sonnet.inputTokens));
      await page.screenshot({ path: screenshotPath('requests-detail-light.png') });
      await page.keyboard.press('Escape');
      await page.getByTestId('request-detail').waitFor({ state: 'detached' });

      // A filter narrows the list and its totals.
      await page.locator('select[name=billing]').selectOption('subscription');
      await expect.poll(() => text(page, 'totals-requests')).toBe(formatCount(want.subscriptionRequests));
      await page.locator('select[name=billing]').selectOption('');
      await expect.poll(() => text(page, 'totals-requests')).toBe(formatCount(want.allRequests));

      // CSV export of the filtered rows (here: all of them).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^tokentally-requests-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
      expect(rows[0]).toEqual([...USAGE_CSV_HEADER]);
      expect(rows).toHaveLength(seeded.records.length + 1);
      const col = (name: (typeof USAGE_CSV_HEADER)[number]) => USAGE_CSV_HEADER.indexOf(name);
      for (const r of seeded.records) {
        const line = rows.find((row) => row[col('id')] === String(r.id));
        expect(line?.[col('costUsd')], `csv row ${r.id}`).toBe(nanoToDecimalUsd(r.costNano));
      }

      // A call through the proxy shows up within a second, newest first.
      const callThroughProxy = async () => {
        const response = await fetch(`${serve.proxyUrl}/anthropic/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-e2e-test-key', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      };
      await callThroughProxy();
      const answeredAt = Date.now();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=totals-requests]')?.textContent === n,
        formatCount(want.allRequests + 1),
        { timeout: 5000, polling: 20 },
      );
      const shownAfterMs = Date.now() - answeredAt;
      expect(shownAfterMs, 'the new call appears within a second').toBeLessThan(1000);
      expect(await page.locator('[data-testid=requests-table] tbody tr').first().getAttribute('data-id')).not.toBe(null);
      const newest = Number(await page.locator('[data-testid=requests-table] tbody tr').first().getAttribute('data-id'));
      expect(seeded.records.some((r) => r.id === newest)).toBe(false);

      // Under a steady stream of calls (one every ~40 ms for 3 s) the page keeps up while the stream
      // runs: a refresh that waited for a quiet moment would show nothing until it stopped.
      const shownTotal = () => page.evaluate(() => Number(document.querySelector('[data-testid=totals-requests]')?.textContent?.replace(/,/g, '') ?? 0));
      let sent = 0;
      let streaming = true;
      const stream = (async () => {
        const end = Date.now() + 3000;
        while (Date.now() < end) {
          await callThroughProxy();
          sent++;
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        streaming = false;
      })();
      stream.catch(() => {}); // awaited below; should an assertion fail first, the server's end must not be reported twice
      await expect.poll(shownTotal, { timeout: 2500, interval: 20 }).toBeGreaterThanOrEqual(want.allRequests + 1 + 10);
      expect(streaming, 'the page followed the calls while they were still coming').toBe(true);
      await stream;
      await expect.poll(shownTotal, { timeout: 2000, interval: 20 }).toBe(want.allRequests + 1 + sent);

      // The other pages render without errors; Settings shows the lines to paste.
      await page.goto(`${url.split('?')[0]}#/planner`);
      await page.getByTestId('budget-table').waitFor();
      expect(await text(page, 'budget-table')).toContain('$25.00');
      await page.locator('input[name=amount]').fill('30');
      await page.getByRole('button', { name: 'Update budget' }).click();
      await expect.poll(() => text(page, 'budget-table')).toContain('$30.00');

      await page.goto(`${url.split('?')[0]}#/settings`);
      // Opened directly (a reload, a bookmark): the provider list arrives after the form's first
      // render, and the menu's first choice is still the one a stored key goes to.
      await page.reload();
      await page.getByText(`ANTHROPIC_BASE_URL=${serve.proxyUrl}/anthropic`).waitFor();
      await page.getByText(`OPENAI_BASE_URL=${serve.proxyUrl}/openai/v1`).waitFor();
      // A key goes in through a password field and comes back only as a masked hint.
      const secret = 'sk-ant-api03-e2e-SECRET-do-not-echo-1234567890';
      await page.locator('input[name=keySecret]').fill(secret);
      await page.getByRole('button', { name: 'Store key' }).click();
      await expect.poll(() => text(page, 'key-anthropic-api')).toMatch(/sk-ant-…7890/);
      expect(await page.locator('input[name=keySecret]').inputValue()).toBe('');
      expect(await page.content()).not.toContain('SECRET-do-not-echo');

      expect(errors).toEqual([]);

      // The server stops under an open page: nothing on it still says "Live" or "Proxy on …".
      await page.goto(`${url.split('?')[0]}#/requests`);
      expect(await text(page, 'live-state')).toBe('Live');
      expect(await text(page, 'proxy-status')).toMatch(/^Proxy on 127\.0\.0\.1:/);
      expect(await serve.stop('SIGTERM')).toBe(0);
      await expect.poll(() => text(page, 'live-state'), { timeout: 10_000 }).toBe('Paused');
      expect(await text(page, 'proxy-status')).toBe('Proxy: no answer from Tokentally');
    } finally {
      await context.close();
      const code = await serve.stop('SIGTERM');
      await fake.close();
      expect(code, serve.output()).toBe(0);
    }
  }, 120_000);

  it('greets a new ledger with what to do first, and turns away a browser without the token', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui']);
    const context = await browser().newContext({ viewport: WINDOW_VIEWPORT, colorScheme: 'light' });
    try {
      const url = uiLine(serve);
      const { page, errors } = await openAt(context, `${url}#/overview`);
      const empty = page.getByTestId('empty-state');
      await empty.waitFor();
      expect(await empty.innerText()).toContain(`ANTHROPIC_BASE_URL=${serve.proxyUrl}/anthropic`);
      expect(await empty.innerText()).toContain(`OPENAI_BASE_URL=${serve.proxyUrl}/openai/v1`);
      expect(await page.getByTestId('month-spend').count(), 'no figures before there is data').toBe(0);
      await page.screenshot({ path: screenshotPath('overview-empty-light.png') });
      await page.setViewportSize(GLANCE_VIEWPORT);
      await page.goto(`${url.split('?')[0]}#/glance`);
      await page.getByTestId('empty-state').waitFor();
      await page.goto(`${url.split('?')[0]}#/requests`);
      await page.getByTestId('empty-state').waitFor();
      expect(errors).toEqual([]);

      // Without the token (a bookmark, another browser): a plain instruction, not a broken page.
      const stranger = await browser().newContext({ viewport: WINDOW_VIEWPORT });
      try {
        const page2 = await stranger.newPage();
        await page2.goto(`${url.split('?')[0]}?token=not-the-token#/overview`);
        expect(await page2.getByTestId('access-denied').innerText()).toContain('Open the URL printed by tokentally serve (it carries the access token)');
      } finally {
        await stranger.close();
      }
    } finally {
      await context.close();
      expect(await serve.stop('SIGTERM'), serve.output()).toBe(0);
    }
  }, 120_000);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
