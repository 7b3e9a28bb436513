import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { dashboardApi, ensureRendererBuilt, startServe, type ServeProcess } from '../support/serve-process.js';

const CHROMIUM_PATH = process.env.TOKENTALLY_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches beyond 127.0.0.1. Each launch gets a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set TOKENTALLY_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console errors, uncaught exceptions and failed requests of a page, for asserting there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Leaving a page cancels its event stream; that is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return errors;
}

interface OpenPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What collectPageErrors gathers. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh Chromium with one light-mode page at `url`, its errors collected. */
async function openPage(url: string, viewport: { width: number; height: number }): Promise<OpenPage> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(url);
  return {
    browser,
    context,
    page,
    errors,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/**
 * One Chromium for a test file: launched before its tests (once the renderer is built), closed
 * after them. The getter holds it from the first test on.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export interface ServedDashboard extends OpenPage {
  serve: ServeProcess;
  /** The dashboard's HTTP API, called as the page calls it. */
  api: ReturnType<typeof dashboardApi>;
  /** The dashboard's origin and a slash: `${base}#/route` goes to a route (the page keeps its token). */
  base: string;
  /** Closes the browser, then stops serve (SIGTERM); resolves with serve's exit code. */
  stop(): Promise<number | null>;
}

/**
 * `tokentally serve --ui` on `dataDir`, with the pollers and the transcript import off (and `env`),
 * and a fresh Chromium page at `route` of the dashboard it prints.
 */
export async function openServedDashboard(dataDir: string, route: string, viewport: { width: number; height: number }, env: NodeJS.ProcessEnv = {}): Promise<ServedDashboard> {
  ensureRendererBuilt();
  const serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { TOKENTALLY_NO_POLL: '1', TOKENTALLY_NO_IMPORT: '1', ...env });
  let opened: OpenPage;
  try {
    opened = await openPage(`${serve.uiUrl}#/${route}`, viewport);
  } catch (err) {
    await serve.stop();
    throw err;
  }
  return {
    ...opened,
    serve,
    api: dashboardApi(serve.uiUrl!),
    base: `${new URL(serve.uiUrl!).origin}/`,
    async stop() {
      await opened.close();
      return serve.stop('SIGTERM');
    },
  };
}

/** Waits past midnight UTC when it is less than two minutes away, so "today" stays today through a test file. */
export async function awayFromMidnight(): Promise<void> {
  const DAY = 86_400_000;
  const msToMidnight = DAY - (Date.now() % DAY);
  if (msToMidnight < 120_000) await new Promise((r) => setTimeout(r, msToMidnight + 1000));
}
