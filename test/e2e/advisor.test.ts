/**
 * The savings advisor in the browser: `tokentally serve --ui` on a ledger with one planted waste of
 * each kind (test/support/advisor-ledger.ts). The Savings page lists the six findings with the
 * figures `tokentally advise --json` gives for the same ledger, shows the calls behind one, and a
 * dismissed finding leaves the page and the glance's total; a tag the loop guard paused is resumed
 * from the page and the guard's thresholds are set there; light and dark screenshots are saved.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { insertUsage, writeSettings } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { formatUsd } from '../../shared/format.js';
import type { GuardStatus } from '../../shared/api/contract-guard.js';
import { recordAlarm } from '../../electron/core/guard/guard-repo.js';
import { plantedWaste } from '../support/advisor-ledger.js';
import { runCliCaptured } from '../support/run-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { collectPageErrors, useChromium } from './chromium.js';
import { screenshotPath } from './layout-checks.js';

const DAY = 86_400_000;
const tempDir = useTempDirs();
const browser = useChromium();
let serve: ServeProcess | null = null;

interface AdviseJson {
  totalMonthlyUsd: number;
  findings: { id: string; kind: string; title: string; monthlyUsd: number }[];
}

afterAll(async () => {
  await serve?.stop();
});

describe('the Savings page', () => {
  it('shows each finding with its figure, its calls on demand, and forgets a dismissed one', async () => {
    const dataDir = tempDir();
    const today = Math.floor(Date.now() / DAY) * DAY;
    const db = openDatabase(dataDir);
    insertUsage(db, plantedWaste(today - 28 * DAY).records);
    writeSettings(db, { timezone: 'UTC' });
    // A tag the loop guard paused (as an alarm with auto-pause on leaves it).
    recordAlarm(db, { key: 'looper', at: Date.now() - 60_000, signal: 'repeat', message: '"looper" sent the same request 8 times in 2 minutes', pause: true });
    db.close();

    const advise = async () => JSON.parse((await runCliCaptured(['advise', '--json', '--data-dir', dataDir])).stdout) as AdviseJson;
    const expected = await advise();
    expect(expected.findings).toHaveLength(6);

    serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { TOKENTALLY_NO_POLL: '1', TZ: 'UTC' });
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${serve.uiUrl}#/advisor`);
      const cards = page.getByTestId('finding');
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(6);
      const shown = await cards.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id'), saving: e.querySelector('[data-testid=finding-saving]')!.firstChild!.textContent })));
      expect(shown).toEqual(expected.findings.map((f) => ({ id: f.id, saving: formatUsd(Math.round(f.monthlyUsd * 1e9)) })));
      expect(await page.getByTestId('advisor-total').innerText()).toContain(formatUsd(Math.round(expected.totalMonthlyUsd * 1e9)));

      // The calls behind the caching finding.
      const caching = page.locator('[data-testid=finding][data-kind=prompt-caching]');
      await caching.getByRole('button', { name: /^The calls/ }).click();
      await expect.poll(() => caching.locator('[data-testid=finding-calls] tbody tr').count()).toBe(20);

      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: screenshotPath(`advisor-${colorScheme}.png`), fullPage: true });
      }

      // The glance says first that a tag is paused, and offers to resume it.
      const glanceBefore = await context.newPage();
      await glanceBefore.setViewportSize({ width: 360, height: 480 });
      await glanceBefore.goto(`${serve.uiUrl}#/glance`);
      const pausedLine = glanceBefore.getByTestId('glance-guard');
      expect(await pausedLine.innerText()).toContain('looper paused by the loop guard: "looper" sent the same request 8 times in 2 minutes.');
      expect(await pausedLine.getByRole('button', { name: 'Resume' }).count()).toBe(1);
      await glanceBefore.screenshot({ path: screenshotPath('guard-glance.png'), fullPage: true });
      await glanceBefore.close();

      // The loop guard's card: the paused tag, resumed from the window.
      const paused = page.getByTestId('guard-paused');
      expect(await paused.innerText()).toContain('looper paused');
      await paused.getByTestId('guard-resume').click();
      await expect.poll(() => paused.count()).toBe(0);
      const guard = JSON.parse((await runCliCaptured(['guard', 'status', '--json', '--data-dir', dataDir])).stdout) as GuardStatus;
      expect(guard.paused).toEqual([]);
      expect(guard.alarms.map((a) => a.tag)).toEqual(['looper']);
      expect(await page.getByTestId('guard-alarms').innerText()).toContain('"looper" sent the same request 8 times in 2 minutes (paused)');
      // Its thresholds and auto-pause tags, set from the window, are what the CLI reads.
      const form = page.getByTestId('guard-form');
      await form.locator('input[name=floor]').fill('2.5');
      await form.locator('input[name=repeatMinutes]').fill('5');
      await form.locator('input[name=tags]').fill('looper, nightly');
      await form.getByRole('button', { name: 'Save' }).click();
      const settingsNow = async () => (JSON.parse((await runCliCaptured(['guard', 'status', '--json', '--data-dir', dataDir])).stdout) as GuardStatus).settings;
      await expect.poll(settingsNow).toMatchObject({ floorUsdPerHour: 2.5, repeatWindowSeconds: 300, autoPauseTags: ['looper', 'nightly'], multiplier: 10 });

      const smaller = expected.findings.find((f) => f.kind === 'smaller-model')!;
      await page.locator(`[data-testid=finding][data-id="${smaller.id}"]`).getByTestId('dismiss').click();
      await expect.poll(() => cards.count()).toBe(5);
      expect((await advise()).findings.map((f) => f.id)).not.toContain(smaller.id);

      // The glance: what is left to save, in one line.
      const glance = await context.newPage();
      await glance.setViewportSize({ width: 360, height: 480 });
      await glance.goto(`${serve.uiUrl}#/glance`);
      const line = glance.getByTestId('glance-advisor');
      await line.waitFor();
      const left = expected.totalMonthlyUsd - smaller.monthlyUsd;
      expect(await line.innerText()).toContain(formatUsd(Math.round(left * 1e9)));
      expect(await line.innerText()).toContain('5 suggestions');
      await glance.screenshot({ path: screenshotPath('advisor-glance.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
