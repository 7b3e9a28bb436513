/**
 * Web pages against `tokentally serve` in a real Chromium. A page on another site
 * (http://localhost:<port> while the proxy is http://127.0.0.1:<port>, which Chromium calls
 * cross-site) or on another port of 127.0.0.1 (same-site) makes the browser send <img>,
 * <script>, fetch and form requests to the proxy, which holds a stored Anthropic key: none of
 * them reaches the provider, and the key never leaves the proxy. A tool on Node without a key
 * gets it (the control that shows the test can fail).
 * Also the request detail of a call whose stream the client cut: its usage is marked estimated.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { runCliCaptured } from '../support/run-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { useChromium } from './chromium.js';

const STORED_KEY = 'sk-ant-api03-STORED-in-tokentally-0123456789';
const tempDir = useTempDirs();
const browser = useChromium();
let fake: FakeProvider;
let serve: ServeProcess | null = null;
const pageServers: http.Server[] = [];

beforeAll(async () => {
  fake = await startFakeProvider('anthropic');
});
afterAll(async () => {
  await fake?.close();
});
afterEach(async () => {
  if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  serve = null;
  for (const s of pageServers.splice(0)) s.close();
  fake.script(null);
});

async function serveWithStoredKey(): Promise<ServeProcess> {
  const dataDir = tempDir();
  const stored = await runCliCaptured(['keys', 'set', 'anthropic', '--data-dir', dataDir], { stdin: STORED_KEY });
  expect(stored.code, stored.stderr).toBe(0);
  serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], {
    TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url,
    TOKENTALLY_NO_IMPORT: '1',
    TOKENTALLY_NO_POLL: '1',
  });
  return serve;
}

/** A page that makes the browser send every kind of request a page can, to the proxy and to a probe that records what arrives. */
function hostilePage(proxy: string, probe: string): string {
  const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'spend' }] });
  const requests = (base: string, tag: string) => {
    const target = `${base}/anthropic/v1/models`;
    const messages = `${base}/anthropic/v1/messages`;
    return `
<img src="${target}?via=img">
<script src="${target}?via=script"></script>
<iframe name="sink-${tag}"></iframe>
<form id="f-${tag}" method="POST" action="${messages}?via=form" enctype="text/plain" target="sink-${tag}"><input name='${body.slice(0, -1)}' value='}'></form>
<script>
  document.getElementById('f-${tag}').submit();
  window.pending = (window.pending || []).concat([
    fetch(${JSON.stringify(target + '?via=fetch-no-cors')}, { mode: 'no-cors' }),
    fetch(${JSON.stringify(messages + '?via=fetch-cors')}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} }),
    fetch(${JSON.stringify(messages + '?via=fetch-text')}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(body)} }),
  ]);
</script>`;
  };
  return `<!doctype html><html><body>${requests(proxy, 'proxy')}${requests(probe, 'probe')}
<script>Promise.allSettled(window.pending).then(() => setTimeout(() => { document.title = 'done'; }, 300));</script>
</body></html>`;
}

/** A loopback server that records the Sec-Fetch-Site of each request (what Chromium sends the proxy too). */
async function probeServer(seen: Map<string, string | undefined>): Promise<string> {
  const server = http.createServer((req, res) => {
    const via = new URL(req.url ?? '/', 'http://x').searchParams.get('via');
    if (via) seen.set(via, req.headers['sec-fetch-site'] as string | undefined);
    req.resume();
    res.writeHead(404);
    res.end();
  });
  pageServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Serve one page on 127.0.0.1 and name it by the host the test chooses (localhost or 127.0.0.1). */
async function pageServer(html: string): Promise<number> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  pageServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('web pages cannot use the stored keys', () => {
  it('a page on another site or another port: <img>, <script>, fetch and a form never reach the provider', async () => {
    const s = await serveWithStoredKey();

    // Control: a tool on Node with no key of its own gets the stored one.
    const control = await fetch(`${s.proxyUrl}/anthropic/v1/models`);
    expect(control.status).toBe(200);
    expect(fake.requests.map((r) => r.headers['x-api-key'])).toEqual([STORED_KEY]);
    fake.requests.length = 0;

    const seen = new Map<string, string | undefined>();
    const probe = await probeServer(seen);
    const port = await pageServer(hostilePage(s.proxyUrl, probe));
    const kinds = ['img', 'script', 'form', 'fetch-no-cors', 'fetch-cors', 'fetch-text'];
    for (const [pageUrl, site] of [
      [`http://localhost:${port}/`, 'cross-site'],
      [`http://127.0.0.1:${port}/`, 'same-site'],
    ] as const) {
      seen.clear();
      const context = await browser().newContext();
      const page = await context.newPage();
      const answered: { url: string; status: number }[] = [];
      page.on('response', (r) => {
        if (r.url().startsWith(s.proxyUrl)) answered.push({ url: r.url(), status: r.status() });
      });
      await page.goto(pageUrl);
      await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 15_000 });
      await context.close();

      // What Chromium sends with each kind of request from this page (the probe is on 127.0.0.1 like the proxy).
      expect(Object.fromEntries(seen), pageUrl).toEqual(Object.fromEntries(kinds.map((k) => [k, site])));
      // Every answer the page could see is the proxy's 403 (no-cors answers are opaque and may not show).
      expect(answered.length, pageUrl).toBeGreaterThanOrEqual(2);
      for (const a of answered) expect(a.status, a.url).toBe(403);
      expect(fake.requests, `${pageUrl}: nothing reached the provider`).toHaveLength(0);
    }
  }, 90_000);

  it('a call whose stream the client cut shows its usage as estimated in the request detail', async () => {
    const s = await serveWithStoredKey();
    const events = [
      ['message_start', JSON.stringify({ type: 'message_start', message: { id: 'msg_cut', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], usage: { input_tokens: 50, output_tokens: 1 } } })],
      ...Array.from({ length: 30 }, (_, i) => ['content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `sentence ${i} of the answer. ` } })]),
    ];
    fake.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: events.map(([e, d]) => `event: ${e}\ndata: ${d}\n\n`), chunkDelayMs: 30, hang: true }));
    const controller = new AbortController();
    const res = await fetch(`${s.proxyUrl}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1000, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/content_block_delta/g) ?? []).length < 20) text += Buffer.from((await reader.read()).value!).toString();
    controller.abort();

    const context = await browser().newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${s.uiUrl!}#/requests`);
    const row = page.locator('[data-testid=requests-table] tr[data-id]').first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const marked = page.getByTestId('usage-estimated');
    await marked.waitFor();
    expect(await marked.innerText()).toContain('estimated');
    const detail = await page.getByTestId('request-detail').innerText();
    expect(detail).toMatch(/output tokens estimated from the \d+ characters delivered/);
    await context.close();
  }, 90_000);
});
