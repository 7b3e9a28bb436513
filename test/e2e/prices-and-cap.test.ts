/**
 * In a real Chromium against `tokentally serve --ui` (issue 14): Settings shows the price list in
 * force and its date, and "Check for new prices" brings the published list (a local fake of it)
 * into force; the glance says "Hard cap: calls are being refused" with the one-hour lift when the
 * gate would refuse an ordinary call ($0.02 cap, $0.0198 spent in calls of $0.0066), and stops saying
 * it once lifted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForUpdate } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetPeriod } from '../../shared/budget/period.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { startServe } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { collectPageErrors, useChromium } from './chromium.js';

const tempDir = useTempDirs();
const browser = useChromium();
const published = JSON.stringify(await waitForUpdate());
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'last-modified': 'Sun, 06 Dec 2026 09:30:00 GMT' });
  res.end(published);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Settings → Price data and the glance hard-cap line', () => {
  it('shows the data date, refreshes it on request; says calls are refused and offers the lift', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    const time = Math.max(budgetPeriod(now, 1, 'UTC').startMs, now - 60_000);
    fillLedger(dataDir, {
      usage: [0, 1, 2].map((i) => ({ ...pricedRecord({ time: time + i, model: 'claude-haiku-4-5', tokens: { inputTokens: 1000, outputTokens: 1000 } }), costNano: 6_600_000 })),
    });
    expect((await runCliCaptured(['budget', 'set', '--monthly', '0.02', '--hard', '--tz', 'UTC', '--data-dir', dataDir])).code).toBe(0);

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
    const serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { TOKENTALLY_PRICE_DATA_URL: url, TOKENTALLY_NO_POLL: '1' });
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${serve.uiUrl}#/settings`);
      const date = page.getByTestId('price-data-date');
      await expect.poll(() => date.textContent()).toMatch(/^Bundled with the app \(genai-prices@[\d.]+\)/);
      await page.getByTestId('refresh-prices').click();
      await expect.poll(() => date.textContent(), { timeout: 10_000 }).toContain('Downloaded list dated 2026-12-06T09:30:00.000Z');

      // The tray's popover size: while calls are refused, the lift is in sight without scrolling.
      await page.setViewportSize({ width: 380, height: 560 });
      await page.goto(`${serve.uiUrl}#/glance`);
      const refused = page.getByTestId('cap-refusing');
      await refused.waitFor({ timeout: 10_000 });
      expect(await refused.textContent()).toBe('Hard cap: calls are being refused.');
      const lift = (await page.getByTestId('lift-cap').boundingBox())!;
      expect(lift.y + lift.height).toBeLessThanOrEqual(560);
      await page.getByTestId('lift-cap').click();
      await expect.poll(() => refused.count(), { timeout: 10_000 }).toBe(0);
      expect(await page.getByText(/Hard caps lifted until/).count()).toBe(1);
      // Nothing on the glance still says calls are refused (the cap's alert is history now).
      expect(await page.locator('main.glance').innerText()).not.toMatch(/being refused/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      const code = await serve.stop('SIGTERM');
      expect(code, serve.output()).toBe(0);
    }
  }, 120_000);
});
