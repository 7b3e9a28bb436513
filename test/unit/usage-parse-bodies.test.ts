import { describe, expect, it } from 'vitest';
import { ZERO_TOKENS } from '../../shared/usage.js';
import { createUsageTap, type TapResult, type WireFormat } from '../../shared/usage-parse/index.js';
import {
  ANTHROPIC_COUNT_TOKENS_BODY,
  ANTHROPIC_MESSAGE_BODY,
  ANTHROPIC_RATE_LIMIT_BODY,
} from '../fixtures/wire/anthropic.js';
import {
  OPENAI_CHAT_BODY,
  OPENAI_EMBEDDINGS_BODY,
  OPENAI_ERROR_BODY,
  OPENROUTER_ERROR_BODY,
} from '../fixtures/wire/openai-chat.js';
import { RESPONSES_BODY, RESPONSES_EXPECTED } from '../fixtures/wire/openai-responses.js';
import { encodeUtf8 } from '../fixtures/wire/sse.js';
import { chunkings, randomChunks, tapAll } from './usage-parse-chunking.js';

const tapBody = (format: WireFormat, body: string, requestModel: string | null = null): TapResult =>
  tapAll(format, { stream: false, requestModel }, [encodeUtf8(body)]);

describe('non-streamed bodies', () => {
  it('Anthropic message, for any chunking', () => {
    const expected: TapResult = {
      model: 'claude-sonnet-4-5-20250929',
      responseId: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      tokens: { ...ZERO_TOKENS, inputTokens: 2095, cacheWrite5mTokens: 1800, outputTokens: 503, webSearchRequests: 1 },
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
      serviceTier: 'standard',
    };
    for (const { name, chunks } of chunkings(encodeUtf8(ANTHROPIC_MESSAGE_BODY))) {
      expect(tapAll('anthropic-messages', { stream: false }, chunks), name).toEqual(expected);
    }
  });

  it('Anthropic error body', () => {
    expect(tapBody('anthropic-messages', ANTHROPIC_RATE_LIMIT_BODY, 'claude-x')).toEqual({
      model: 'claude-x',
      responseId: null,
      tokens: ZERO_TOKENS,
      sawUsage: false,
      complete: true,
      providerCostUsd: null,
      error: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization.' },
    });
  });

  it('count_tokens is free: zero tokens, the count kept aside', () => {
    expect(tapBody('anthropic-count-tokens', ANTHROPIC_COUNT_TOKENS_BODY, 'claude-x')).toEqual({
      model: 'claude-x',
      responseId: null,
      tokens: ZERO_TOKENS,
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
      countedInputTokens: 2095,
    });
    expect(tapBody('anthropic-count-tokens', ANTHROPIC_RATE_LIMIT_BODY).error?.type).toBe('rate_limit_error');
  });

  it('OpenAI chat completion', () => {
    expect(tapBody('openai-chat', OPENAI_CHAT_BODY)).toEqual({
      model: 'gpt-4.1-2025-04-14',
      responseId: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      serviceTier: 'default',
      tokens: { ...ZERO_TOKENS, inputTokens: 19, outputTokens: 10 },
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
    });
  });

  it('OpenAI and OpenRouter error bodies (also when answered to a stream request)', () => {
    for (const stream of [false, true]) {
      const openai = tapAll('openai-chat', { stream }, [encodeUtf8(OPENAI_ERROR_BODY)]);
      expect(openai.error).toEqual({ type: 'invalid_request_error', message: expect.stringContaining('Incorrect API key') });
      expect(openai).toMatchObject({ sawUsage: false, complete: true });
      const openrouter = tapAll('openai-chat', { stream }, [encodeUtf8(OPENROUTER_ERROR_BODY)]);
      expect(openrouter.error).toEqual({ type: '402', message: expect.stringContaining('Insufficient credits') });
    }
  });

  it('Responses API response object', () => {
    expect(tapBody('openai-responses', RESPONSES_BODY)).toEqual({
      ...RESPONSES_EXPECTED,
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
    });
    expect(tapBody('openai-responses', OPENAI_ERROR_BODY).error?.type).toBe('invalid_request_error');
  });

  it('embeddings: prompt tokens are input', () => {
    expect(tapBody('openai-embeddings', OPENAI_EMBEDDINGS_BODY)).toMatchObject({
      model: 'text-embedding-3-small',
      tokens: { ...ZERO_TOKENS, inputTokens: 8 },
      sawUsage: true,
      complete: true,
    });
  });

  it('a body cut mid-way is neither complete nor usage', () => {
    const cut = OPENAI_CHAT_BODY.slice(0, OPENAI_CHAT_BODY.length - 40);
    expect(tapBody('openai-chat', cut, 'gpt-x')).toMatchObject({ complete: false, sawUsage: false, model: 'gpt-x', error: null });
  });

  it('an empty or non-JSON body yields nothing and does not throw', () => {
    expect(tapBody('openai-chat', '')).toMatchObject({ complete: false, sawUsage: false });
    expect(tapBody('anthropic-messages', '<html>502 Bad Gateway</html>')).toMatchObject({ complete: false, sawUsage: false, error: null });
  });

  it('end() is idempotent and later pushes are ignored', () => {
    const tap = createUsageTap('openai-chat', { stream: false });
    tap.push(encodeUtf8(OPENAI_CHAT_BODY));
    const first = tap.end();
    tap.push(encodeUtf8('garbage'));
    expect(tap.end()).toBe(first);
  });
});

describe('body size cap', () => {
  const hugeEmbeddings = (vectors: number): string =>
    '{"object":"list","data":[' +
    Array.from({ length: vectors }, (_, i) => `{"object":"embedding","index":${i},"embedding":[0.0023064255,-0.009327292,0.015797347]}`).join(',') +
    '],"model":"text-embedding-3-large","usage":{"prompt_tokens":123456,"total_tokens":123456}}';

  it('past the cap only the tail is kept, and the usage is read from it', () => {
    const body = hugeEmbeddings(5000);
    expect(body.length).toBeGreaterThan(100_000);
    const bytes = encodeUtf8(body);
    const ways = [
      { name: 'one piece', chunks: [bytes] },
      { name: 'random ≤7', chunks: randomChunks(bytes, 1, 7) },
      { name: 'random ≤300', chunks: randomChunks(bytes, 5, 300) },
      { name: 'random ≤20000', chunks: randomChunks(bytes, 6, 20_000) },
    ];
    for (const { name, chunks } of ways) {
      const result = tapAll('openai-embeddings', { stream: false, maxBodyBytes: 10_000 }, chunks);
      expect(result, name).toMatchObject({
        model: 'text-embedding-3-large',
        tokens: { ...ZERO_TOKENS, inputTokens: 123456 },
        sawUsage: true,
        complete: true,
      });
    }
  });

  it('past the cap with no usage in the tail: sawUsage false', () => {
    const body = '{"id":"chatcmpl-1","usage":{"prompt_tokens":1,"completion_tokens":1},"choices":[{"message":{"content":"' + 'x'.repeat(200_000) + '"}}]}';
    const result = tapAll('openai-chat', { stream: false, maxBodyBytes: 10_000 }, [encodeUtf8(body)]);
    expect(result).toMatchObject({ sawUsage: false, complete: false, tokens: ZERO_TOKENS });
  });

  it('below the cap the whole body is parsed', () => {
    const body = hugeEmbeddings(50);
    const result = tapAll('openai-embeddings', { stream: false, maxBodyBytes: body.length }, [encodeUtf8(body)]);
    expect(result).toMatchObject({ sawUsage: true, complete: true, tokens: { inputTokens: 123456 } });
  });
});
