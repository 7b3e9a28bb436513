/**
 * Loopback only, no browser access unless asked, clear failures (502/504 in the provider's shape),
 * bodies stored only when opted in, and a shutdown that lets calls finish and keeps their rows.
 */
import Anthropic from '@anthropic-ai/sdk';
import http from 'node:http';
import OpenAI from 'openai';
import { afterEach, describe, expect, test } from 'vitest';
import { PortInUseError, startLoopbackServer } from '../../electron/core/server/loopback-server.js';
import { ANTHROPIC_STREAM } from '../fixtures/wire/anthropic.js';
import { startHarness, type Harness, type HarnessOptions } from '../support/proxy-harness.js';
import { errorMessage } from '../../shared/error-message.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

function request(url: string, options: http.RequestOptions & { body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent: false, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const ask = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('who may call the proxy', () => {
  test('a Host that is not a loopback name is refused (DNS rebinding) and never forwarded', async () => {
    const x = await harness();
    const port = new URL(x.url).port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost.evil.example`]) {
      const res = await request(`${x.url}/anthropic/v1/models`, { headers: { host, 'x-api-key': 'k' } });
      expect(res.status, host).toBe(403);
    }
    const ok = await request(`${x.url}/anthropic/v1/models`, { headers: { host: `localhost:${port}`, 'x-api-key': 'k' } });
    expect(ok.status).toBe(200);
    expect(x.anthropic.requests).toHaveLength(1);
  });

  test('requests from web pages (an Origin header) are refused unless CORS is on; no CORS headers leak', async () => {
    const x = await harness();
    await x.setKey('anthropic', 'sk-ant-api03-stored');
    const body = JSON.stringify(ask);
    const fromPage = await request(`${x.url}/anthropic/v1/messages`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body });
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.body).error.message).toContain('web pages');
    expect(x.anthropic.requests).toHaveLength(0);
    // The provider's own CORS header does not pass either.
    const fromTool = await request(`${x.url}/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(fromTool.status).toBe(200);
    expect(Object.keys(fromTool.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);

    await x.updateSettings({ proxyCors: true });
    const preflight = await request(`${x.url}/anthropic/v1/messages`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-headers': 'x-api-key, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('x-api-key, content-type');
    const allowed = await request(`${x.url}/anthropic/v1/messages`, { method: 'POST', headers: { origin: 'https://app.example', 'x-api-key': 'sk-ant-api03-page' }, body });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('*');
    // A page brings its own key: the stored one is never handed to a browser request.
    expect(x.anthropic.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant-api03-page');
  });

  test('paths outside the proxy routes are left to the other handlers (404 here)', async () => {
    const x = await harness();
    const res = await request(`${x.url}/v1/messages`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('failures', () => {
  test('an unreachable upstream gives 502 in the provider shape and an error row', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const x = await harness({ env: { TOKENTALLY_UPSTREAM_ANTHROPIC: deadUrl, TOKENTALLY_UPSTREAM_OPENAI: deadUrl } });

    const err = await new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', maxRetries: 0 }).messages.create(ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    const anthropicErr = err as InstanceType<typeof Anthropic.InternalServerError>;
    expect(anthropicErr.status).toBe(502);
    expect(anthropicErr.error).toMatchObject({ type: 'error', error: { type: 'api_error' } });

    const oerr = await new OpenAI({ baseURL: `${x.url}/openai/v1`, apiKey: 'sk-x', maxRetries: 0 }).chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((oerr as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((oerr as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'server_error', code: 'upstream_unreachable' });

    const rows = await x.rows();
    expect(rows.map((r) => [r.provider, r.status, r.httpStatus, r.costNano])).toEqual([
      ['anthropic', 'error', 502, 0],
      ['openai', 'error', 502, 0],
    ]);
    expect(rows[0]!.errorMessage).toContain('ECONNREFUSED');
    expect(rows[0]!.model).toBe('claude-haiku-4-5');
  });

  test('a provider that stays silent past the idle timeout gives 504', async () => {
    const x = await harness({ timeouts: { idleMs: 300 } });
    x.anthropic.script(() => ({ silent: true }));
    const err = await new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', maxRetries: 0 }).messages.create(ask).catch((e: unknown) => e);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(504);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ error: { type: 'timeout_error' } });
    const [row] = await x.rows();
    expect(row).toMatchObject({ status: 'error', httpStatus: 504 });
    expect(row!.errorMessage).toContain('no data from the provider for 0.3 s');
  });

  test('a port in use is a clear error', async () => {
    const first = await startLoopbackServer({ port: 0, handlers: [], log: () => {} });
    const err = await startLoopbackServer({ port: first.port, handlers: [], log: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect(errorMessage(err)).toBe(`port ${first.port} is in use; pass --port N or set the proxy port in Settings`);
    await first.close();
  });

  test('the server refuses to listen on a non-loopback address', async () => {
    await expect(startLoopbackServer({ port: 0, host: '0.0.0.0', handlers: [], log: () => {} })).rejects.toThrow(/only listens on loopback/);
  });
});

describe('bodies', () => {
  test('stored (capped, decoded) only for tags the user listed', async () => {
    const x = await harness({ settings: { storeBodiesForTags: ['keep-me'] } });
    const anthropic = (tag: string) => new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', defaultHeaders: { 'X-Tokentally-Tag': tag } });
    await anthropic('keep-me').messages.create(ask);
    await anthropic('other').messages.create(ask);
    const rows = await x.rows();
    const stored = x.db.prepare('SELECT * FROM call_bodies').all() as { external_id: string; request_body: Buffer; response_body: Buffer; response_truncated: number }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.external_id).toBe(rows[0]!.externalId);
    // The other call has only its random global id (sync, migration 14), and no bodies under it.
    expect(stored.some((b) => b.external_id === rows[1]!.externalId)).toBe(false);
    expect(JSON.parse(stored[0]!.request_body.toString())).toMatchObject({ model: 'claude-haiku-4-5' });
    // The response came gzip-compressed; the stored copy is the decoded JSON.
    expect(JSON.parse(stored[0]!.response_body.toString())).toMatchObject({ type: 'message' });
    expect(stored[0]!.response_truncated).toBe(0);
  });
});

describe('shutdown', () => {
  test('calls in flight finish, then every finished call is in the ledger', async () => {
    const x = await harness();
    x.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [ANTHROPIC_STREAM.slice(0, 400), ANTHROPIC_STREAM.slice(400)], chunkDelayMs: 300 }));
    const anthropic = new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', maxRetries: 0 });
    const running = anthropic.messages.stream(ask).finalMessage();
    await new Promise((r) => setTimeout(r, 150));
    const stopped = x.core.close({ graceMs: 5_000 });
    // New connections are refused while it drains.
    await expect(fetch(`${x.url}/anthropic/v1/models`)).rejects.toThrow();
    const message = await running;
    expect(message.usage.output_tokens).toBe(156);
    expect(await stopped).toEqual({ lost: 0 });
    const count = x.db.prepare('SELECT COUNT(*) FROM usage WHERE status = ?').pluck().get('ok');
    expect(count).toBe(1);
  });

  test('a call still running when the grace period ends is cut and recorded as incomplete', async () => {
    const x = await harness();
    x.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [ANTHROPIC_STREAM.slice(0, ANTHROPIC_STREAM.indexOf('event: ping'))], hang: true }));
    const anthropic = new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', maxRetries: 0 });
    const running = anthropic.messages.stream(ask).finalMessage().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 150));
    await x.core.close({ graceMs: 200 });
    expect(await running).toBeInstanceOf(Error);
    const row = x.db.prepare('SELECT status, input_tokens FROM usage').get() as { status: string; input_tokens: number };
    expect(row).toEqual({ status: 'incomplete', input_tokens: 472 });
  });
});

describe('a provider that goes silent mid-stream', () => {
  test('is cut after the idle timeout; the client sees the cut and the row says why', async () => {
    const x = await harness({ timeouts: { idleMs: 300 } });
    x.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [ANTHROPIC_STREAM.slice(0, ANTHROPIC_STREAM.indexOf('event: ping'))], hang: true }));
    const err = await new Anthropic({ baseURL: `${x.url}/anthropic`, apiKey: 'sk-ant-api03-x', maxRetries: 0 }).messages.stream(ask).finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const [row] = await x.rows();
    expect(row).toMatchObject({ status: 'incomplete', inputTokens: 472 });
    expect(row!.errorMessage).toContain('no data from the provider for 0.3 s');
  });
});
