import http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let running: ServeProcess | null = null;

beforeAll(() => ensureRendererBuilt(), 120_000);
afterEach(async () => {
  if (running && running.child.exitCode === null) await running.stop('SIGKILL');
  running = null;
});

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('tokentally serve', () => {
  it('answers on loopback with a free port, serves the UI and the token-protected API, and stops on SIGTERM', async () => {
    running = await startServe(['--port', '0', '--data-dir', tempDir(), '--ui']);
    const proxy = new URL(running.proxyUrl);
    expect(proxy.hostname).toBe('127.0.0.1');
    expect(Number(proxy.port)).toBeGreaterThan(0);
    expect(running.output()).toContain(`ANTHROPIC_BASE_URL=${running.proxyUrl}/anthropic`);

    const ui = new URL(running.uiUrl!);
    const token = ui.searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(24);

    const page = await request(`${running.proxyUrl}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");

    const denied = await request(`${running.proxyUrl}/api/getStatus`, { method: 'POST' });
    expect(denied.status).toBe(401);
    const wrong = await request(`${running.proxyUrl}/api/getStatus`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const status = await request(`${running.proxyUrl}/api/getStatus`, { method: 'POST', headers: auth });
    expect(status.status).toBe(200);
    const body = JSON.parse(status.body);
    expect(body.ok).toBe(true);
    expect(body.result.mode).toBe('headless');
    expect(body.result.proxy.listening).toBe(true);
    expect(JSON.stringify(body)).not.toContain(token);

    const unknown = await request(`${running.proxyUrl}/api/dropTables`, { method: 'POST', headers: auth });
    expect(unknown.status).toBe(404);

    const bad = await request(`${running.proxyUrl}/api/listUsage`, { method: 'POST', headers: auth, body: JSON.stringify({ since: 'yesterday' }) });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Pages continue by cursor; a client still paging by offset is told so rather than looping on page one.
    const byOffset = await request(`${running.proxyUrl}/api/listUsage`, { method: 'POST', headers: auth, body: JSON.stringify({ offset: 100 }) });
    expect(JSON.parse(byOffset.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/offset .*cursor/) } });

    const rebinding = await request(`${running.proxyUrl}/api/getStatus`, { method: 'POST', headers: { ...auth, host: 'evil.example.com' } });
    expect(rebinding.status).toBe(403);

    // A wrong path is told every route there is.
    const nothing = await request(`${running.proxyUrl}/v1/messages`, { method: 'POST' });
    expect(nothing.status).toBe(404);
    expect(nothing.body).toBe('Nothing here. Proxy routes start with /anthropic/, /openai/, /openrouter/, /deepseek/, /gemini/ or /p/<name>/.\n');

    const traversal = await request(`${running.proxyUrl}/..%2f..%2fpackage.json`);
    expect(traversal.status).not.toBe(200);

    expect(await running.stop('SIGTERM')).toBe(0);
    expect(running.output()).toContain('Stopped.');
  });

  it('pushes change events to the UI over server-sent events', async () => {
    running = await startServe(['--port', '0', '--data-dir', tempDir(), '--ui']);
    const token = new URL(running.uiUrl!).searchParams.get('token')!;
    const events: string[] = [];
    const stream = http.get(`${running.proxyUrl}/api/events?token=${token}`, (res) => res.on('data', (c: Buffer) => events.push(c.toString())));
    await new Promise((r) => setTimeout(r, 200));
    await request(`${running.proxyUrl}/api/updateSettings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ proxyCors: false }),
    });
    await new Promise((r) => setTimeout(r, 200));
    stream.destroy();
    expect(events.join('')).toContain('"type":"settings-changed"');
    expect(await running.stop('SIGINT')).toBe(0);
  });

  it('stops at once with a dashboard open: its event stream ends instead of holding the close for the grace period', async () => {
    running = await startServe(['--port', '0', '--data-dir', tempDir(), '--ui']);
    const token = new URL(running.uiUrl!).searchParams.get('token')!;
    let ended = false;
    const connected = new Promise<void>((resolve) => {
      http.get(`${running!.proxyUrl}/api/events?token=${token}`, (res) => {
        res.once('data', () => resolve());
        res.on('end', () => (ended = true));
        res.resume();
      });
    });
    await connected;
    const started = performance.now();
    expect(await running.stop('SIGTERM')).toBe(0);
    // The grace period for calls still running is 10 s; with nothing but the stream open, the
    // stop takes what closing the ledger takes (the control: 12 s before the stream was ended).
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(ended).toBe(true);
    expect(running.output()).not.toContain('cutting');
  });

  it('does not serve the API without --ui, and says so when the port is taken', async () => {
    running = await startServe(['--port', '0', '--data-dir', tempDir()]);
    expect(running.uiUrl).toBeNull();
    const res = await request(`${running.proxyUrl}/api/getStatus`, { method: 'POST' });
    expect(res.status).toBe(404);

    const port = new URL(running.proxyUrl).port;
    await expect(startServe(['--port', port, '--data-dir', tempDir()])).rejects.toThrow(/in use/);
    // Two servers start here, each compiled by tsx on the way: ~20 s on two cores under load.
  }, 90_000);
});
