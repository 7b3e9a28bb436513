/**
 * The proxy driven by the real @anthropic-ai/sdk against a fake Anthropic on loopback: what the
 * client sees must be what the provider sent, and the ledger must hold the right rows.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { priceUsage } from '../../shared/pricing/index.js';
import { ZERO_TOKENS } from '../../shared/usage.js';
import { ANTHROPIC_ERROR_AFTER_200_STREAM, ANTHROPIC_STREAM, ANTHROPIC_STREAM_CUT, ANTHROPIC_STREAM_EXPECTED } from '../fixtures/wire/anthropic.js';
import { anthropicError, splitOddly } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

const MODEL = 'claude-haiku-4-5';
const CLIENT_KEY = 'sk-ant-api03-client-key-0123456789';
const STORED_KEY = 'sk-ant-api03-STORED-secret-9876543210';
const ask = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hello' }] };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

function client(options: ConstructorParameters<typeof Anthropic>[0] = {}): Anthropic {
  return new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: CLIENT_KEY, ...options });
}

describe('messages through the proxy', () => {
  test('a plain message: same answer, rate-limit headers pass, one row with exact tokens and cost', async () => {
    const { data, response } = await client().messages.create(ask).withResponse();
    expect(data.content[0]).toMatchObject({ type: 'text', text: 'Bonjour ! "usage": ignoré' });
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('3999');
    expect(response.headers.get('request-id')).toBe('req_fake_1');

    const [row, ...rest] = await h.rows();
    expect(rest).toHaveLength(0);
    const tokens = { ...ZERO_TOKENS, inputTokens: 2095, cacheWrite5mTokens: 1800, outputTokens: 503, webSearchRequests: 1 };
    expect(row).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      billing: 'api',
      source: 'proxy',
      status: 'ok',
      stream: false,
      tag: 'Anthropic/JS',
      ...tokens,
      requestId: 'req_fake_1',
      endpoint: '/v1/messages',
      httpStatus: 200,
      errorMessage: null,
    });
    const expected = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', tokens, at: new Date(row!.time) });
    expect(row!.costNano).toBe(expected.totalNano);
    expect(row!.costNano).toBeGreaterThan(0);
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row!.ttftMs).toBeLessThanOrEqual(row!.latencyMs!);
  });

  test('a streamed message: every event reaches the client; the row has the final cumulative usage', async () => {
    const events: string[] = [];
    const stream = client().messages.stream(ask);
    stream.on('streamEvent', (e) => events.push(e.type));
    const final = await stream.finalMessage();
    expect(final.usage.output_tokens).toBe(156);
    expect(final.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(events.filter((e) => e === 'message_delta')).toHaveLength(2);

    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', stream: true, model: ANTHROPIC_STREAM_EXPECTED.model, ...ANTHROPIC_STREAM_EXPECTED.tokens });
    expect(row!.ttftMs).not.toBeNull();
  });

  test('tools: a tool_use answer passes and is logged', async () => {
    const msg = await client().messages.create({
      ...ask,
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }],
    });
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content[1]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { location: 'San Francisco, CA' } });
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', model: 'claude-haiku-4-5-20251001', inputTokens: 412, outputTokens: 64 });
  });

  test('count_tokens is logged at zero cost', async () => {
    const counted = await client().messages.countTokens({ model: MODEL, messages: ask.messages });
    expect(counted.input_tokens).toBe(2095);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', endpoint: '/v1/messages/count_tokens', costNano: 0, inputTokens: 0 });
  });

  test('a provider error reaches the SDK as its typed error and is logged as an error at $0', async () => {
    h.anthropic.script(() => anthropicError(400, 'invalid_request_error', 'max_tokens: Field required'));
    const err = await client().messages.create(ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).message).toContain('max_tokens: Field required');
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'error', httpStatus: 400, costNano: 0, inputTokens: 0, outputTokens: 0 });
    expect(row!.errorMessage).toContain('invalid_request_error: max_tokens: Field required');
  });

  test('429 with retry-after: the SDK sees the header and retries; every attempt arrives and is logged', async () => {
    h.anthropic.script(() => ({ ...anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), headers: { 'content-type': 'application/json', 'retry-after': '0.01', 'anthropic-ratelimit-tokens-remaining': '0' } }));
    const err = await client().messages.create(ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const headers = (err as InstanceType<typeof Anthropic.RateLimitError>).headers;
    expect(headers?.get('retry-after')).toBe('0.01');
    expect(headers?.get('anthropic-ratelimit-tokens-remaining')).toBe('0');
    // maxRetries defaults to 2: three attempts.
    expect(h.anthropic.requests).toHaveLength(3);
    const rows = await h.rows();
    expect(rows.map((r) => [r.status, r.httpStatus, r.costNano])).toEqual([
      ['error', 429, 0],
      ['error', 429, 0],
      ['error', 429, 0],
    ]);
  });

  test('a stream cut mid-way: the client sees the cut; the row keeps the usage so far, marked incomplete, never $0', async () => {
    h.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: splitOddly(ANTHROPIC_STREAM_CUT), cut: true }));
    const err = await client({ maxRetries: 0 })
      .messages.stream(ask)
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'incomplete', inputTokens: 472, cacheReadTokens: 10240, outputTokens: 89 });
    expect(row!.costNano).toBeGreaterThan(0);
    expect(row!.errorMessage).toMatch(/closed the connection/);
  });

  test('an error event after HTTP 200 is logged as incomplete with what was used', async () => {
    h.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: splitOddly(ANTHROPIC_ERROR_AFTER_200_STREAM) }));
    const err = await client().messages.stream(ask).finalMessage().catch((e: unknown) => e);
    expect(String(err)).toContain('Overloaded');
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'incomplete', httpStatus: 200, inputTokens: 25, cacheWrite5mTokens: 500 });
    expect(row!.errorMessage).toContain('overloaded_error');
    expect(row!.costNano).toBeGreaterThan(0);
  });

  test('a client that aborts after 10 deltas: output counted from the text delivered (not the placeholder), marked estimated', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word number ${i} of a long answer; `);
    const events = [
      ['message_start', JSON.stringify({ type: 'message_start', message: { id: 'msg_abort', type: 'message', role: 'assistant', model: MODEL, content: [], usage: { input_tokens: 120, output_tokens: 1 } } })],
      ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
      ...words.map((w) => ['content_block_delta', JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } })]),
    ];
    h.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: events.map(([e, d]) => `event: ${e}\ndata: ${d}\n\n`), chunkDelayMs: 40, hang: true }));
    const controller = new AbortController();
    const stream = client().messages.stream(ask, { signal: controller.signal });
    let seen = 0;
    stream.on('text', () => {
      if (++seen === 10) controller.abort();
    });
    await stream.finalMessage().catch(() => {});
    await h.anthropic.requests[0]!.aborted;
    const [row] = await h.rows();
    const tenDeltas = words.slice(0, 10).join('').length;
    expect(row).toMatchObject({ status: 'incomplete', inputTokens: 120 });
    // At least the ten the client saw, at most all that were sent.
    expect(row!.outputTokens).toBeGreaterThanOrEqual(Math.ceil(tenDeltas / 3));
    expect(row!.outputTokens).toBeLessThanOrEqual(Math.ceil(words.join('').length / 3));
    expect(row!.errorMessage).toMatch(/client closed the connection.*; output tokens estimated from the \d+ characters delivered/);
    const priced = priceUsage({ provider: 'anthropic', model: MODEL, tokens: { ...ZERO_TOKENS, inputTokens: 120, outputTokens: row!.outputTokens } });
    expect(row!.costNano).toBe(priced.totalNano);
  });

  test('a client that aborts mid-stream aborts the upstream call; the row is incomplete with usage so far', async () => {
    const head = ANTHROPIC_STREAM.slice(0, ANTHROPIC_STREAM.indexOf('event: content_block_start'));
    h.anthropic.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: [head], hang: true }));
    const controller = new AbortController();
    const stream = client().messages.stream(ask, { signal: controller.signal });
    stream.on('streamEvent', (e) => {
      if (e.type === 'message_start') controller.abort();
    });
    await stream.finalMessage().catch(() => {});
    await h.anthropic.requests[0]!.aborted;
    expect(h.anthropic.requests[0]!.wasAborted()).toBe(true);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'incomplete', inputTokens: 472, cacheWrite1hTokens: 2000 });
    expect(row!.errorMessage).toContain('client closed');
  });
});

describe('keys and billing', () => {
  test('a request with its own key keeps it (bearer or x-api-key); the stored key is not added', async () => {
    await h.setKey('anthropic', STORED_KEY);
    // This SDK version sends its API key as a bearer token.
    await client().messages.create(ask);
    await fetch(`${h.url}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
      body: JSON.stringify(ask),
    });
    const [sdk, raw] = h.anthropic.requests;
    expect(sdk!.headers.authorization).toBe(`Bearer ${CLIENT_KEY}`);
    expect(sdk!.headers['x-api-key']).toBeUndefined();
    expect(raw!.headers['x-api-key']).toBe(CLIENT_KEY);
    expect(raw!.headers.authorization).toBeUndefined();
  });

  test('a request without a key (or with the "tokentally" placeholder) gets the stored key; it is never logged', async () => {
    await h.setKey('anthropic', STORED_KEY);
    await client({ apiKey: 'tokentally' }).messages.create(ask);
    const res = await fetch(`${h.url}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(ask),
    });
    expect(res.status).toBe(200);
    expect(h.anthropic.requests.map((r) => r.headers['x-api-key'])).toEqual([STORED_KEY, STORED_KEY]);
    const rows = await h.rows();
    expect(rows).toHaveLength(2);
    expect(rows[1]!.tag).toBe('node');
    const everything = JSON.stringify(rows) + h.logs.join('\n');
    expect(everything).not.toContain(STORED_KEY);
    expect(everything).not.toContain(CLIENT_KEY);
  });

  test('Claude Code logged in with a subscription (OAuth bearer) is billed as subscription, its token passes untouched', async () => {
    await h.setKey('anthropic', STORED_KEY);
    const oauth = new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: null, authToken: 'sk-ant-oat01-subscriber-token' });
    await oauth.messages.create(ask);
    const seen = h.anthropic.requests[0]!.headers;
    expect(seen.authorization).toBe('Bearer sk-ant-oat01-subscriber-token');
    expect(seen['x-api-key']).toBeUndefined();
    const [row] = await h.rows();
    expect(row).toMatchObject({ billing: 'subscription', status: 'ok' });
    expect(row!.costNano).toBeGreaterThan(0);
  });
});

describe('tags', () => {
  test('X-Tokentally-Tag header, /t/<tag>/ prefix, else the User-Agent product; the header is not forwarded', async () => {
    await client({ defaultHeaders: { 'X-Tokentally-Tag': 'refactor-bot' } }).messages.create(ask);
    await new Anthropic({ baseURL: `${h.url}/t/nightly%20eval/anthropic`, apiKey: CLIENT_KEY }).messages.create(ask);
    await client({ defaultHeaders: { 'User-Agent': 'claude-cli/2.0.14 (external, cli)' } }).messages.create(ask);
    const rows = await h.rows();
    expect(rows.map((r) => r.tag)).toEqual(['refactor-bot', 'nightly eval', 'claude-cli']);
    expect(h.anthropic.requests[0]!.headers['x-tokentally-tag']).toBeUndefined();
    expect(h.anthropic.requests[1]!.url).toBe('/v1/messages');
  });
});

describe('message batches', () => {
  test('results are logged once per succeeded request at batch rates, even when fetched twice', async () => {
    const anthropic = client();
    const created = await anthropic.messages.batches.create({ requests: [{ custom_id: 'first', params: ask }] });
    expect(created.processing_status).toBe('in_progress');
    const batch = await anthropic.messages.batches.retrieve(created.id);
    // The SDK fetches results_url as given: it must lead back through the proxy.
    expect(batch.results_url).toBe(`${h.url}/anthropic/v1/messages/batches/${created.id}/results`);

    const results = [];
    for await (const line of await anthropic.messages.batches.results(created.id)) results.push(line.result.type);
    expect(results).toEqual(['succeeded', 'errored', 'succeeded', 'expired']);
    for await (const _ of await anthropic.messages.batches.results(created.id)) {
      // fetched a second time
    }

    const rows = (await h.rows()).filter((r) => r.billing === 'batch');
    expect(rows.map((r) => [r.externalId, r.inputTokens, r.outputTokens])).toEqual([
      [`${created.id}:first`, 1000, 200],
      [`${created.id}:third`, 3000, 400],
    ]);
    const full = priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5-20251001', tokens: { inputTokens: 1000, outputTokens: 200 } });
    const batchPrice = priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5-20251001', tokens: { inputTokens: 1000, outputTokens: 200 }, batch: true });
    expect(rows[0]!.costNano).toBe(batchPrice.totalNano);
    expect(batchPrice.totalNano * 2).toBe(full.totalNano);
    // Creating and retrieving the batch are not usage rows.
    expect(await h.rows()).toHaveLength(2);
  });

  test('other endpoints (models list) are forwarded and not logged', async () => {
    const models = await client().models.list();
    expect(models.data[0]!.id).toBe('claude-haiku-4-5-20251001');
    expect(await h.rows()).toHaveLength(0);
  });
});
