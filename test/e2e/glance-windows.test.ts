/**
 * The glance with plan windows, end to end: `tokentally serve --ui` in front of a fake Anthropic
 * that answers Claude Code's kind of call (an OAuth token) with the unified rate-limit headers, a
 * Codex log whose windows have already reset, and a monthly budget. In headless Chromium, light
 * and dark, the glance must list the 5-hour window first, then the weekly one, the budget, and
 * the stale Codex windows last, each with the words and figures the shared formatters give for
 * the same report (`tokentally windows --json`).
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import type { WindowsReport } from '../../shared/api/contract-windows.js';
import { runwayDetail, runwayFigure } from '../../shared/windows/runway-words.js';
import { ANTHROPIC_MESSAGE_BODY } from '../fixtures/wire/anthropic.js';
import { ORG_A } from '../fixtures/wire/anthropic-unified.js';
import { codexSessionLines, rolloutPath, writeLines } from '../support/codex-sessions.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { RESET_CLOCK } from '../support/reset-clock-pattern.js';
import { runCliCaptured } from '../support/run-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { collectPageErrors, useChromium } from './chromium.js';
import { screenshotPath } from './layout-checks.js';

// The glance window's size in the desktop app (electron/main/windows.ts GLANCE_SIZE).
const GLANCE_VIEWPORT = { width: 360, height: 480 };
const MIN = 60_000;
const SESSION = '019a9776-0a34-7842-8627-112b63d66e90';

const tempDir = useTempDirs();
const browser = useChromium();
let fake: FakeProvider | null = null;
let serve: ServeProcess | null = null;

afterAll(async () => {
  await serve?.stop();
  await fake?.close();
});

describe('the glance with plan windows', () => {
  it('lists the windows and the budget tightest first, the stale ones last and marked; Settings edits the plans and names the account', async () => {
    const t0 = Date.now();
    const fiveHourReset = Math.floor((t0 + 160 * MIN) / 1000);
    const weeklyReset = Math.floor((t0 + 3 * 1440 * MIN) / 1000);
    fake = await startFakeProvider('anthropic');
    fake.script((req) =>
      /^bearer sk-ant-oat/i.test(String(req.headers.authorization ?? ''))
        ? {
            headers: {
              'content-type': 'application/json',
              'request-id': 'req_glance_1',
              'anthropic-organization-id': ORG_A,
              'anthropic-ratelimit-unified-status': 'allowed',
              'anthropic-ratelimit-unified-5h-utilization': '0.84',
              'anthropic-ratelimit-unified-5h-reset': String(fiveHourReset),
              'anthropic-ratelimit-unified-5h-status': 'allowed',
              'anthropic-ratelimit-unified-7d-utilization': '0.3',
              'anthropic-ratelimit-unified-7d-reset': String(weeklyReset),
              'anthropic-ratelimit-unified-7d-status': 'allowed',
              'anthropic-ratelimit-unified-representative-claim': 'five_hour',
            },
            body: ANTHROPIC_MESSAGE_BODY,
          }
        : null,
    );
    // A Codex session of this morning whose windows have reset since: stale.
    const codexHome = tempDir();
    const at = new Date(t0 - 7 * 60 * MIN).toISOString();
    const codexReset = Math.floor((t0 - 2 * 60 * MIN) / 1000);
    const limits = () => ({ primary: { used_percent: 97, window_minutes: 300, resets_at: codexReset }, secondary: { used_percent: 55, window_minutes: 10080, resets_at: codexReset } });
    writeLines(rolloutPath(codexHome, SESSION, at), codexSessionLines(SESSION, [{ model: 'gpt-5-codex', input: 1000, cached: 0, output: 100, reasoning: 0, at }], { rateLimits: limits }).lines);

    const dataDir = tempDir();
    expect((await runCliCaptured(['budget', 'set', '--monthly', '100', '--tz', 'UTC', '--data-dir', dataDir])).code).toBe(0);
    serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url, CODEX_HOME: codexHome, TOKENTALLY_NO_POLL: '1', TZ: 'UTC' });
        const claudeCode = new Anthropic({ baseURL: `${serve.proxyUrl}/anthropic`, apiKey: null, authToken: 'sk-ant-oat01-glance-token', maxRetries: 0 });
    await claudeCode.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Bonjour' }] });

    // The same report the glance is drawn from, read by the CLI once every source is in.
    let report: WindowsReport | null = null;
    await expect
      .poll(
        async () => {
          const run = await runCliCaptured(['windows', '--json', '--data-dir', dataDir]);
          report = JSON.parse(run.stdout) as WindowsReport;
          return report.runway.map((r) => r.key);
        },
        { timeout: 10_000 },
      )
      .toEqual([`window:anthropic:${ORG_A}:5h`, `window:anthropic:${ORG_A}:7d`, 'budget:overall', 'window:openai:default:5h', 'window:openai:default:7d']);
    const runway = report!.runway;
    expect(runway.slice(3).every((r) => r.stale)).toBe(true);

    const context = await browser().newContext({ viewport: GLANCE_VIEWPORT, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${serve.uiUrl}#/glance`);
      const items = page.getByTestId('runway-item');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(5);
      const now = Number(await page.locator('main.glance').getAttribute('data-now'));
      const tz = report!.tz;

      expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(runway.map((r) => r.key));
      const rows = await items.evaluateAll((els) =>
        els.map((e) => ({
          label: e.querySelector('[data-testid=runway-label]')!.textContent,
          figure: e.querySelector('[data-testid=runway-figure]')!.textContent,
          detail: e.querySelector('[data-testid=runway-detail]')!.textContent,
          age: e.querySelector('[data-testid=runway-age]')?.textContent ?? null,
        })),
      );
      expect(rows.map((r) => r.label)).toEqual(['Claude 5-hour', 'Claude Weekly', 'Overall budget', 'ChatGPT 5-hour', 'ChatGPT Weekly']);
      expect(rows.map((r) => r.figure)).toEqual(runway.map(runwayFigure));
      expect(rows.map((r) => r.detail)).toEqual(runway.map((r) => runwayDetail(r, now, tz)));
      expect(rows[0]!.figure).toBe('84%');
      expect(rows[0]!.detail).toMatch(new RegExp(`^used up at ${RESET_CLOCK} at this pace, before it resets ${RESET_CLOCK}$`));
      expect(rows[3]!.detail).toMatch(new RegExp(`^stale: it reset at ${RESET_CLOCK}$`));
      // Every window says how old its figures are; the budget is read from the ledger.
      expect(rows.map((r) => r.age)).toEqual(['just now', 'just now', null, '7 h ago', '7 h ago']);
      expect(await page.getByTestId('month-remaining').innerText()).toMatch(/^\$\d+\.\d\d$/);

      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: screenshotPath(`glance-windows-${colorScheme}.png`) });
        await page.screenshot({ path: screenshotPath(`glance-windows-${colorScheme}-full.png`), fullPage: true });
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // Settings: the plans catalog with its dates, a plan corrected, and the plan account named.
    const wide = await browser().newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    try {
      const page = await wide.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${serve.uiUrl}#/settings/plans`);
      const row = (id: string) => page.locator(`[data-testid=plan-catalog] tr[data-plan="${id}"]`);
      await row('claude-max-20x').waitFor();
      expect(await row('claude-max-20x').innerText()).toMatch(/^Claude Ultra\s+formerly Max 20×.*\$200\s+\$200\s+7d, 7d_sonnet\s+Dec 7/s);

      await row('chatgpt-plus').getByRole('button', { name: 'Edit' }).click();
      const form = page.getByTestId('plan-edit-form');
      await form.locator('input[name=planPrice]').fill('23');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => row('chatgpt-plus').innerText()).toMatch(/^ChatGPT Plus\s*edited.*\$23/s);

      // The Claude account seen by the proxy gets a name; the glance and the CLI use it.
      const limits = page.getByTestId('plan-limits-form');
      const label = limits.locator(`input[name="label-anthropic/${ORG_A}"]`);
      expect(await label.getAttribute('placeholder')).toBe('Claude');
      await label.fill('Work Max');
      await limits.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(async () => (JSON.parse((await runCliCaptured(['windows', '--json', '--data-dir', dataDir])).stdout) as WindowsReport).windows[0]!.accountLabel)
        .toBe('Work Max');
      await page.screenshot({ path: screenshotPath('settings-plans.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await wide.close();
    }
  }, 120_000);
});
