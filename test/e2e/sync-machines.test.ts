/**
 * Sync (issue 17) through the doors a user uses: two `tokentally serve` processes with their own
 * data folders share one sync folder; one machine joins it with `tokentally sync set`, the other
 * from Settings in Chromium. Calls made through each proxy appear on both; the second machine's
 * Settings lists both machines, its glance says "this machine $X of $Y today", the Overview's
 * by-machine table counts each, and Requests filters by machine. Light and dark, checked for
 * elements leaving their cards.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api/contract-sync.js';
import type { UsagePage } from '../../shared/api/contract.js';
import { formatCount, formatUsd, usdColumn } from '../../shared/format.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { runCliCaptured } from '../support/run-cli.js';
import { dashboardApi, ensureRendererBuilt, startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { checkAndShoot } from './layout-checks.js';

const WIDE = { width: 900, height: 900 };
const GLANCE = { width: 380, height: 560 };

const tempDir = useTempDirs();
let browser: Browser;
let fake: FakeProvider;
const serves: ServeProcess[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
  fake = await startFakeProvider('anthropic');
}, 120_000);

afterAll(async () => {
  for (const s of serves) await s.stop();
  await fake?.close();
  await browser?.close();
});

async function call(proxyUrl: string, text: string): Promise<void> {
  const client = new Anthropic({ baseURL: `${proxyUrl}/anthropic`, apiKey: 'sk-ant-api03-sync-e2e', maxRetries: 0 });
  await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: text }] });
}

describe('two machines, one sync folder', () => {
  it('shows every machine’s calls on each, this machine’s share, and filters by machine', async () => {
    const folder = tempDir();
    const [dirA, dirB] = [tempDir(), tempDir()];
    // A quick pass so the test does not wait the default 5 s for each publish and merge.
    const env = { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url, TOKENTALLY_NO_POLL: '1', TOKENTALLY_SYNC_INTERVAL_MS: '250', TZ: 'UTC' };
    for (const dir of [dirA, dirB]) expect((await runCliCaptured(['budget', 'set', '--monthly', '50', '--tz', 'UTC', '--data-dir', dir])).code).toBe(0);
    // The laptop joins from the command line…
    const joined = await runCliCaptured(['sync', 'set', folder, '--name', 'laptop', '--data-dir', dirA]);
    expect(joined.code, joined.stderr).toBe(0);
    const laptop = await startServe(['--port', '0', '--data-dir', dirA], env);
    serves.push(laptop);
    const desktop = await startServe(['--port', '0', '--data-dir', dirB, '--ui'], env);
    serves.push(desktop);
    const api = dashboardApi(desktop.uiUrl!);
    const layout: string[] = [];

    const context = await browser.newContext({ viewport: WIDE, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      // …the desktop from Settings.
      await page.goto(`${desktop.uiUrl}#/settings`);
      const section = page.getByTestId('sync-section');
      await section.scrollIntoViewIfNeeded();
      await page.getByTestId('sync-folder').fill(folder);
      await page.getByTestId('sync-device-name').fill('desktop');
      await page.getByTestId('sync-save').click();
      await expect.poll(async () => (await api<SyncStatus>('syncStatus')).folder, { timeout: 10_000 }).not.toBeNull();

      await call(laptop.proxyUrl, 'one from the laptop');
      await call(laptop.proxyUrl, 'two from the laptop');
      await call(desktop.proxyUrl, 'one from the desktop');

      // Every call reaches the desktop's ledger once, the laptop's marked with its machine.
      let rows: UsagePage['records'] = [];
      await expect
        .poll(
          async () => {
            rows = (await api<UsagePage>('listUsage', { limit: 100 })).records;
            return rows.length;
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(3);
      const status = await api<SyncStatus>('syncStatus');
      const self = status.devices.find((d) => d.self)!;
      const other = status.devices.find((d) => !d.self)!;
      expect([self.name, other.name]).toEqual(['desktop', 'laptop']);
      const own = rows.filter((r) => (r.device ?? null) === null);
      expect(own).toHaveLength(1);
      expect(rows.filter((r) => r.device === other.deviceId)).toHaveLength(2);
      const ownNano = own.reduce((s, r) => s + r.costNano, 0);
      const allNano = rows.reduce((s, r) => s + r.costNano, 0);
      expect(ownNano).toBeGreaterThan(0);
      expect(allNano).toBeGreaterThan(ownNano);

      // Settings: the folder in force and both machines.
      await page.reload();
      const devices = page.getByTestId('sync-devices');
      await expect.poll(() => devices.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^desktop \(this machine\)/), expect.stringMatching(/^laptop\t2\t/)]));
      expect(await page.getByTestId('sync-folder').inputValue()).toBe(folder);
      await section.scrollIntoViewIfNeeded();
      layout.push(...(await checkAndShoot(page, 'sync-settings-900')));

      // Overview: the month by machine.
      await page.goto(`${desktop.uiUrl}#/overview`);
      const byDevice = page.getByTestId('by-device');
      await expect.poll(() => byDevice.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual(
        expect.arrayContaining([`desktop (this machine)\t${formatCount(1)}\t${formatUsd(ownNano)}`, `laptop\t${formatCount(2)}\t${formatUsd(allNano - ownNano)}`]),
      );
      await byDevice.scrollIntoViewIfNeeded();
      layout.push(...(await checkAndShoot(page, 'sync-overview-900')));

      // Grouped by machine over the chosen period (a choice once another machine is in).
      await page.locator('select[name=groupBy]').selectOption('device');
      const groups = page.getByTestId('group-table');
      await expect
        .poll(() => groups.locator('tbody tr td:first-child').allInnerTexts(), { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['desktop (this machine)', 'laptop']));
      // The table's money rule: one number of decimals for the whole column.
      expect(await groups.getByTestId('group-total').innerText()).toBe(usdColumn([ownNano, allNano - ownNano, allNano])(allNano));
      await groups.scrollIntoViewIfNeeded();
      layout.push(...(await checkAndShoot(page, 'sync-overview-by-machine-900')));
      // A machine's name opens its calls.
      await groups.getByTestId('device-calls').filter({ hasText: 'laptop' }).click();
      await expect.poll(() => page.getByTestId('requests-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);

      // Requests: filtered to the laptop's calls, then to this machine's.
      await page.goto(`${desktop.uiUrl}#/requests`);
      const table = page.getByTestId('requests-table');
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3);
      await page.getByTestId('device-filter').selectOption({ label: 'laptop' });
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
      await page.getByTestId('device-filter').selectOption({ label: 'desktop (this machine)' });
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
      layout.push(...(await checkAndShoot(page, 'sync-requests-900')));

      // The glance: this machine's share of today's spend.
      await page.setViewportSize(GLANCE);
      await page.goto(`${desktop.uiUrl}#/glance`);
      await expect
        .poll(() => page.getByTestId('this-device-today').innerText(), { timeout: 10_000 })
        .toBe(`this machine (desktop) ${formatUsd(ownNano)} of ${formatUsd(allNano)} today`);
      expect(await page.getByTestId('today-spend').innerText()).toBe(formatUsd(allNano));
      layout.push(...(await checkAndShoot(page, 'sync-glance-380x560')));

      expect(errors).toEqual([]);
      expect(layout).toEqual([]);
    } finally {
      await context.close();
    }

    // The laptop sees the desktop's call too: one ledger on both.
    await expect
      .poll(async () => {
        const run = await runCliCaptured(['sync', 'status', '--json', '--data-dir', dirA]);
        return (JSON.parse(run.stdout) as SyncStatus).devices.map((d) => `${d.name}:${d.rows}`).sort();
      }, { timeout: 30_000, interval: 250 })
      .toEqual(['desktop:1', 'laptop:2']);
    // Each machine says when it last wrote into the folder, this one included.
    const desktopSelf = (await api<SyncStatus>('syncStatus')).devices.find((d) => d.self)!;
    expect(desktopSelf.lastSeenAt).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(desktopSelf.lastSeenAt).toBeLessThanOrEqual(Date.now());
  }, 180_000);
});
