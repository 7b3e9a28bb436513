/**
 * The proxy driven by the real `openai` SDK against fake OpenAI, OpenRouter and a custom
 * OpenAI-compatible provider on loopback.
 */
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { usdToNano } from '../../shared/money.js';
import { OPENAI_CHAT_STREAM_EXPECTED, openAiChatStream } from '../fixtures/wire/openai-chat.js';
import { RESPONSES_EXPECTED } from '../fixtures/wire/openai-responses.js';
import { openAiError, splitOddly } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

const CLIENT_KEY = 'sk-proj-client-0123456789abcdef';
const STORED_KEY = 'sk-proj-STORED-secret-fedcba9876543210';
const chat = { model: 'o4-mini', messages: [{ role: 'user' as const, content: 'Say hi' }] };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

function client(route = 'openai/v1', options: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI {
  return new OpenAI({ baseURL: `${h.url}/${route}`, apiKey: CLIENT_KEY, ...options });
}

describe('chat completions', () => {
  test('a plain completion is forwarded and logged', async () => {
    const { data, response } = await client().chat.completions.create(chat).withResponse();
    expect(data.choices[0]!.message.content).toBe('Hello! "usage": {} is just text.');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999');
    const [row] = await h.rows();
    expect(row).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-2025-04-14',
      status: 'ok',
      stream: false,
      tag: 'OpenAI/JS',
      inputTokens: 19,
      outputTokens: 10,
      requestId: 'req_fake_1',
      endpoint: '/v1/chat/completions',
    });
    expect(row!.costNano).toBeGreaterThan(0);
  });

  test('a stream that did not ask for usage: the proxy asks for it, strips it, and logs it', async () => {
    const chunks = [];
    for await (const chunk of await client().chat.completions.create({ ...chat, stream: true })) chunks.push(chunk);
    // The provider was asked for usage...
    expect(h.openai.requests[0]!.json?.stream_options).toEqual({ include_usage: true });
    // ...and the client got no trace of it: no usage chunk, no usage member.
    expect(chunks).toHaveLength(4);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', stream: true, model: OPENAI_CHAT_STREAM_EXPECTED.model, ...OPENAI_CHAT_STREAM_EXPECTED.tokens });
  });

  test('a stream that asked for usage gets it unchanged', async () => {
    const chunks = [];
    for await (const chunk of await client().chat.completions.create({ ...chat, stream: true, stream_options: { include_usage: true } })) chunks.push(chunk);
    expect(chunks).toHaveLength(5);
    expect(chunks[4]!.usage?.completion_tokens).toBe(250);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', ...OPENAI_CHAT_STREAM_EXPECTED.tokens });
  });

  test('tools: a tool call passes and is logged', async () => {
    const completion = await client().chat.completions.create({
      ...chat,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
    });
    expect(completion.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather', arguments: '{"location":"Paris"}' } });
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', inputTokens: 82, outputTokens: 17 });
  });

  test('429 with retry-after: every attempt arrives, the SDK sees the header', async () => {
    h.openai.script(() => ({ ...openAiError(429, 'requests', 'Rate limit reached for o4-mini', 'rate_limit_exceeded'), headers: { 'content-type': 'application/json', 'retry-after': '0.01', 'x-ratelimit-remaining-requests': '0' } }));
    const err = await client().chat.completions.create(chat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('0.01');
    expect(h.openai.requests).toHaveLength(3);
    const rows = await h.rows();
    expect(rows.map((r) => [r.status, r.httpStatus])).toEqual([
      ['error', 429],
      ['error', 429],
      ['error', 429],
    ]);
    expect(rows[0]!.errorMessage).toContain('Rate limit reached');
  });

  test('a stream cut before the usage chunk is logged incomplete with an estimate, never $0', async () => {
    const full = openAiChatStream({ includeUsage: true });
    h.openai.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: splitOddly(full.slice(0, full.indexOf('"finish_reason":"stop"'))), cut: true }));
    const err = await (async () => {
      for await (const _ of await client('openai/v1', { maxRetries: 0 }).chat.completions.create({ ...chat, stream: true })) {
        // read until the cut
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const [row] = await h.rows();
    expect(row!.status).toBe('incomplete');
    expect(row!.outputTokens).toBeGreaterThan(0);
    expect(row!.costNano).toBeGreaterThan(0);
    expect(row!.errorMessage).toContain('estimated');
  });

  test('a request without a key gets the stored one as a bearer token; the key is never logged', async () => {
    await h.setKey('openai', STORED_KEY);
    await client('openai/v1', { apiKey: 'tokentally' }).chat.completions.create(chat);
    expect(h.openai.requests[0]!.headers.authorization).toBe(`Bearer ${STORED_KEY}`);
    const rows = await h.rows();
    expect(JSON.stringify(rows) + h.logs.join('\n')).not.toContain(STORED_KEY);
  });
});

describe('responses API and embeddings', () => {
  test('Responses streamed and not: never given stream_options, logged from response.completed', async () => {
    const response = await client().responses.create({ model: 'gpt-5', input: 'Hi' });
    expect(response.output_text).toBe('Hi there — "usage": n/a');
    const stream = await client().responses.create({ model: 'gpt-5', input: 'Hi', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    expect(h.openai.requests.every((r) => r.json?.stream_options === undefined)).toBe(true);
    const rows = await h.rows();
    expect(rows.map((r) => [r.endpoint, r.stream, r.status])).toEqual([
      ['/v1/responses', false, 'ok'],
      ['/v1/responses', true, 'ok'],
    ]);
    expect(rows[1]).toMatchObject({ model: RESPONSES_EXPECTED.model, ...RESPONSES_EXPECTED.tokens });
  });

  test('embeddings are logged with their input tokens', async () => {
    const result = await client().embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(result.data).toHaveLength(1);
    const [row] = await h.rows();
    expect(row).toMatchObject({ endpoint: '/v1/embeddings', model: 'text-embedding-3-small', inputTokens: 8, outputTokens: 0, status: 'ok' });
  });
});

describe('OpenAI-compatible providers', () => {
  test('OpenRouter: the cost the provider reports wins', async () => {
    await client('openrouter/v1').chat.completions.create({ model: 'anthropic/claude-sonnet-4.5', messages: chat.messages });
    for await (const _ of await client('openrouter/v1').chat.completions.create({ model: 'anthropic/claude-sonnet-4.5', messages: chat.messages, stream: true })) {
      // drain
    }
    expect(h.openrouter.requests.map((r) => r.url)).toEqual(['/api/v1/chat/completions', '/api/v1/chat/completions']);
    const rows = await h.rows();
    expect(rows.map((r) => [r.provider, r.costSource, r.costNano])).toEqual([
      ['openrouter', 'provider', usdToNano(0.00123)],
      ['openrouter', 'provider', usdToNano(0.0019335)],
    ]);
  });

  test('a custom provider under /p/<name>/; one that refuses stream_options is retried without it, and not asked again', async () => {
    h.deepseek.script((req) =>
      req.json?.stream_options !== undefined ? openAiError(400, 'invalid_request_error', 'Unrecognized request argument supplied: stream_options') : null,
    );
    const deepseek = client('p/deepseek/v1');
    for (let i = 0; i < 2; i++) {
      const chunks = [];
      for await (const chunk of await deepseek.chat.completions.create({ ...chat, stream: true })) chunks.push(chunk);
      expect(chunks).toHaveLength(4);
    }
    // First call: refused with the option, sent again without; second call: without at once.
    expect(h.deepseek.requests.map((r) => r.json?.stream_options !== undefined)).toEqual([true, false, false]);
    const rows = await h.rows();
    expect(rows.map((r) => [r.provider, r.status])).toEqual([
      ['deepseek', 'ok'],
      ['deepseek', 'ok'],
    ]);
    expect(h.logs.join('\n')).toContain('deepseek refuses stream_options');
  });

  test('an unknown custom provider is answered 404 in the OpenAI shape and not forwarded', async () => {
    const err = await client('p/nobody/v1').chat.completions.create(chat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(String(err)).toContain('no provider named "nobody"');
    expect(await h.rows()).toHaveLength(0);
  });
});
