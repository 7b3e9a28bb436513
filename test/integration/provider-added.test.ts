/**
 * Adding a provider is adding its profile (and its parser): nothing else in the app changes.
 * "Acme AI" is made up for this test, with a wire format unlike any built-in one (its own key
 * header, its own error shape, usage in a `meter` object, a `done` event ending its streams).
 * The profile is one module (test/fixtures/acme-profile.ts). The core is started as the app starts
 * it (startCore, UI served), given that module, and
 * everything a user meets works for it: the route, key injection, usage and cost, the hard cap's
 * refusal in Acme's shape, the Settings provider list and the budget form (in Chromium).
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import { rendererDir } from '../../electron/core/package-root.js';
import { pathToFileURL } from 'node:url';
import { collectPageErrors, launchChromium } from '../e2e/chromium.js';
import { ensureRendererBuilt } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const STORED_KEY = 'acme-stored-0123456789abcdef';
const tempDir = useTempDirs();
let upstream: http.Server;
let upstreamUrl: string;
const seen: { url: string; key: string | undefined }[] = [];
let core: Core;
let browser: Browser;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ url: req.url ?? '', key: req.headers['x-acme-key'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'gen_1', model: 'acme-1', text: 'hi', meter: { in: 1000, out: 200 } }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  ensureRendererBuilt();
  core = await startCore({
    dataDir: tempDir(),
    mode: 'headless',
    port: 0,
    serveUi: true,
    rendererDir: rendererDir(),
    providerModules: [pathToFileURL(path.resolve(import.meta.dirname, '../fixtures/acme-profile.ts')).href],
    importFolders: [],
    codexFolders: [],
    env: { TOKENTALLY_UPSTREAM_ACME: upstreamUrl, TOKENTALLY_NO_POLL: '1' },
  });
  await core.api.setKey({ provider: 'acme', kind: 'api', key: STORED_KEY, label: 'acme work' });
  // Acme is not in the price data: the user's own price, $2 in / $8 out per million tokens.
  await core.api.updateSettings({ priceOverrides: [{ provider: 'acme', model: 'acme-1', inputPerMTok: 2, outputPerMTok: 8 }] });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await core?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

function generate(): Promise<Response> {
  return fetch(`${core.urls.proxy}/acme/v1/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'acme-1', prompt: 'hi', max_tokens: 100 }) });
}

async function rows() {
  for (let i = 0; i < 50; i++) {
    const page = await core.api.listUsage({ provider: 'acme' });
    if (page.records.length > 0) return page.records;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

describe('a provider added as one profile', () => {
  test('routes, injects the stored key in its header, and logs usage priced exactly', async () => {
    const res = await generate();
    expect(res.status).toBe(200);
    expect(seen[0]).toEqual({ url: '/v1/generate', key: STORED_KEY });
    const [row] = await rows();
    // 1,000 × $2/M + 200 × $8/M = $0.0036
    expect(row).toMatchObject({ provider: 'acme', model: 'acme-1', status: 'ok', inputTokens: 1000, outputTokens: 200, costNano: 3_600_000 });
  });

  test('is listed by the API, and a hard cap refuses its calls in its own error shape', async () => {
    const providers = await core.api.listProviders();
    expect(providers.find((p) => p.id === 'acme')).toMatchObject({ label: 'Acme AI', route: 'acme', keyKinds: ['api'] });
    await core.api.setBudget({ scope: 'provider', scopeValue: 'acme', monthlyNano: 1_000_000, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });
    const before = seen.length;
    const res = await generate();
    expect(res.status).toBe(402);
    const body = (await res.json()) as { fault: { kind: string; detail: string } };
    expect(body.fault.kind).toBe('over_budget');
    expect(body.fault.detail).toContain('monthly budget for acme');
    expect(seen.length).toBe(before);
    await core.api.removeBudget({ scope: 'provider', scopeValue: 'acme' });
  });

  test('shows in Settings and in the budget form', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(core.urls.ui! + '#/settings');
    const block = page.locator('[data-provider="acme"]');
    await expect.poll(() => block.count()).toBe(1);
    await expect.poll(() => block.innerText()).toContain('Acme AI');
    expect(await block.innerText()).toContain('“acme work”');
    await page.goto(core.urls.ui! + '#/planner');
    await page.locator('select[name=scope]').selectOption('provider');
    await expect.poll(() => page.locator('select[name=scopeValue] option').allInnerTexts()).toContain('Acme AI');
    expect(errors).toEqual([]);
    await page.close();
  });
});
