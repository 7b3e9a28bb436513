/**
 * Byte for byte: a client through the proxy receives exactly what a direct call to the provider
 * returns (compressed bodies untouched, streams with the added usage removed, errors as sent).
 */
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { anthropicError } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Arrival time of each chunk, ms after the request was sent. */
  chunkTimes: number[];
}

function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      const chunkTimes: number[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        chunkTimes.push(performance.now() - started);
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), chunkTimes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const anthropicHeaders = { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-x', 'anthropic-version': '2023-06-01', 'accept-encoding': 'gzip, deflate, br' };
const openaiHeaders = { 'content-type': 'application/json', authorization: 'Bearer sk-proj-x', 'accept-encoding': 'gzip, deflate, br' };

const cases: { name: string; route: string; upstream: (h: Harness) => string; path: string; headers: Record<string, string>; body: string }[] = [
  {
    name: 'Anthropic JSON (gzip)',
    route: 'anthropic',
    upstream: (x) => x.anthropic.url,
    path: '/v1/messages',
    headers: anthropicHeaders,
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  },
  {
    name: 'Anthropic stream',
    route: 'anthropic',
    upstream: (x) => x.anthropic.url,
    path: '/v1/messages',
    headers: anthropicHeaders,
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  },
  {
    name: 'OpenAI chat stream without include_usage (added and stripped by the proxy)',
    route: 'openai',
    upstream: (x) => x.openai.url,
    path: '/v1/chat/completions',
    headers: openaiHeaders,
    body: JSON.stringify({ model: 'o4-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  },
  {
    name: 'OpenAI JSON (gzip) with a query string',
    route: 'openai',
    upstream: (x) => x.openai.url,
    path: '/v1/embeddings?trace=1',
    headers: openaiHeaders,
    body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hi' }),
  },
];

describe('the client receives what the provider sent', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const direct = await raw(c.upstream(h) + c.path, 'POST', c.headers, c.body);
      const proxied = await raw(`${h.url}/${c.route}${c.path}`, 'POST', c.headers, c.body);
      expect(proxied.status).toBe(direct.status);
      expect(proxied.body.equals(direct.body)).toBe(true);
      expect(proxied.headers['content-encoding']).toBe(direct.headers['content-encoding']);
      expect(proxied.headers['content-type']).toBe(direct.headers['content-type']);
      // The upstream got the same path, query and body bytes as the client sent.
      const seen = (c.route === 'anthropic' ? h.anthropic : h.openai).requests;
      expect(seen[1]!.url).toBe(c.path);
      if (!c.name.includes('include_usage')) expect(seen[1]!.body.toString()).toBe(c.body);
      const [row] = await h.rows();
      expect(row!.status).toBe('ok');
      expect(row!.inputTokens + row!.cacheReadTokens).toBeGreaterThan(0);
    });
  }

  test('an error body and its headers pass as they are', async () => {
    h.anthropic.script(() => ({ ...anthropicError(529, 'overloaded_error', 'Overloaded'), compress: false }));
    const direct = await raw(`${h.anthropic.url}/v1/messages`, 'POST', anthropicHeaders, '{}');
    const proxied = await raw(`${h.url}/anthropic/v1/messages`, 'POST', anthropicHeaders, '{}');
    expect(proxied.status).toBe(529);
    expect(proxied.body.equals(direct.body)).toBe(true);
    expect(proxied.headers['x-should-retry']).toBe('true');
    expect(proxied.headers['request-id']).toBe('req_fake_err');
  });

  test('a stream is forwarded chunk by chunk as it arrives, not when it ends', async () => {
    const events = ['event: ping\ndata: {"type":"ping"}\n\n', 'event: ping\ndata: {"type":"ping"}\n\n', 'event: message_stop\ndata: {"type":"message_stop"}\n\n'];
    h.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: events, chunkDelayMs: 150 }));
    const proxied = await raw(`${h.url}/anthropic/v1/messages`, 'POST', anthropicHeaders, '{"stream":true}');
    expect(proxied.body.toString()).toBe(events.join(''));
    // The first event arrived long before the last was written.
    expect(proxied.chunkTimes.length).toBeGreaterThanOrEqual(3);
    expect(proxied.chunkTimes.at(-1)! - proxied.chunkTimes[0]!).toBeGreaterThan(200);
  });

  test('hop-by-hop headers stay on their hop; end-to-end headers pass both ways', async () => {
    await raw(`${h.url}/anthropic/v1/messages`, 'POST', { ...anthropicHeaders, connection: 'keep-alive, x-hop', 'x-hop': 'no', 'anthropic-beta': 'prompt-caching-2024-07-31', 'x-tokentally-tag': 'kept-local' }, '{}');
    const seen = h.anthropic.requests[0]!.headers;
    expect(seen['x-hop']).toBeUndefined();
    expect(seen['x-tokentally-tag']).toBeUndefined();
    expect(seen['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(seen.host).toBe(new URL(h.anthropic.url).host);
  });
});
