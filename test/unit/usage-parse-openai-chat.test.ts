import { describe, expect, it } from 'vitest';
import { ZERO_TOKENS } from '../../shared/usage.js';
import { openAiUsageToTokens, type TapResult } from '../../shared/usage-parse/index.js';
import {
  AZURE_CHAT_STREAM,
  DEEPSEEK_STREAM,
  GROQ_STREAM,
  OPENAI_CHAT_STREAM_EXPECTED,
  OPENAI_COMPLETIONS_STREAM,
  OPENAI_ERROR_CHUNK_STREAM,
  OPENROUTER_STREAM,
  openAiChatStream,
} from '../fixtures/wire/openai-chat.js';
import { encodeUtf8, withLineEnding } from '../fixtures/wire/sse.js';
import { chunkings, countJsonParses, tapAll } from './usage-parse-chunking.js';

const tapChat = (text: string): TapResult => tapAll('openai-chat', { stream: true, requestModel: 'gpt-requested' }, [encodeUtf8(text)]);

describe('OpenAI Chat Completions stream tap', () => {
  it('reads the include_usage chunk: cached tokens out of input, reasoning out of output', () => {
    expect(tapChat(openAiChatStream({ includeUsage: true }))).toEqual({
      ...OPENAI_CHAT_STREAM_EXPECTED,
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
      serviceTier: 'default',
    });
  });

  it('gives the same result for every chunking and line ending', () => {
    const text = openAiChatStream({ includeUsage: true });
    const expected = tapChat(text);
    for (const ending of ['\n', '\r\n', '\r'] as const) {
      for (const { name, chunks } of chunkings(encodeUtf8(withLineEnding(text, ending)))) {
        expect(tapAll('openai-chat', { stream: true, requestModel: 'gpt-requested' }, chunks), `${JSON.stringify(ending)} ${name}`).toEqual(expected);
      }
    }
  });

  it('a stream without usage is complete at [DONE] but saw no usage', () => {
    const result = tapChat(openAiChatStream({ includeUsage: false }));
    expect(result).toMatchObject({ sawUsage: false, complete: true, model: 'o4-mini-2025-04-16', error: null });
    expect(result.tokens).toEqual(ZERO_TOKENS);
  });

  it('a stream cut before [DONE] is not complete, with the usage seen so far', () => {
    const text = openAiChatStream({ includeUsage: true });
    const cut = text.slice(0, text.indexOf('data: [DONE]') + 8);
    for (const { name, chunks } of chunkings(encodeUtf8(cut))) {
      const result = tapAll('openai-chat', { stream: true }, chunks);
      expect(result.complete, name).toBe(false);
      expect(result.tokens).toEqual(OPENAI_CHAT_STREAM_EXPECTED.tokens);
    }
  });

  it('parses only the first chunk (id, model) and the usage chunk', () => {
    expect(countJsonParses(() => tapChat(openAiChatStream({ includeUsage: true })))).toBe(2);
  });

  it('skips Azure’s empty content-filter chunk for the id and model', () => {
    expect(tapChat(AZURE_CHAT_STREAM)).toMatchObject({
      model: 'gpt-4o-2024-11-20',
      responseId: 'chatcmpl-AzureX1',
      tokens: { ...ZERO_TOKENS, inputTokens: 20, outputTokens: 9 },
      complete: true,
    });
  });

  it('DeepSeek: usage on the last content chunk, cache hit tokens, reasoning', () => {
    for (const { name, chunks } of chunkings(encodeUtf8(DEEPSEEK_STREAM))) {
      expect(tapAll('openai-chat', { stream: true }, chunks), name).toEqual({
        model: 'deepseek-reasoner',
        responseId: '2f1c7a8e-7c1d-4c55-9f7a-3b1d3c0f9e11',
        tokens: { ...ZERO_TOKENS, inputTokens: 70, cacheReadTokens: 1280, outputTokens: 120, reasoningTokens: 400 },
        sawUsage: true,
        complete: true,
        providerCostUsd: null,
        error: null,
      });
    }
  });

  it('OpenRouter: provider cost, cache reads and writes inside prompt_tokens', () => {
    for (const { name, chunks } of chunkings(encodeUtf8(OPENROUTER_STREAM))) {
      expect(tapAll('openai-chat', { stream: true }, chunks), name).toEqual({
        model: 'anthropic/claude-sonnet-4.5',
        responseId: 'gen-1745000000-AbCdEfGhIjKlMnOpQrSt',
        tokens: { ...ZERO_TOKENS, inputTokens: 110, cacheReadTokens: 2000, cacheWrite5mTokens: 100, outputTokens: 310 },
        sawUsage: true,
        complete: true,
        providerCostUsd: 0.0019335,
        error: null,
      });
    }
  });

  it('Groq: usage inside x_groq', () => {
    expect(tapChat(GROQ_STREAM).tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 40, outputTokens: 12 });
  });

  it('an error chunk after HTTP 200 is reported, the stream not complete', () => {
    expect(tapChat(OPENAI_ERROR_CHUNK_STREAM)).toMatchObject({
      error: { type: '502', message: 'Upstream provider disconnected' },
      complete: false,
      sawUsage: false,
      model: 'openai/gpt-4o',
    });
  });

  it('legacy completions stream like chat', () => {
    const result = tapAll('openai-completions', { stream: true }, [encodeUtf8(OPENAI_COMPLETIONS_STREAM)]);
    expect(result).toMatchObject({ model: 'gpt-3.5-turbo-instruct', responseId: 'cmpl-9xYz', complete: true });
    expect(result.tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 5, outputTokens: 2 });
  });

  it('a later cumulative usage replaces an earlier one (vLLM continuous usage stats)', () => {
    const text =
      'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"a"}}],"usage":{"prompt_tokens":10,"completion_tokens":1,"total_tokens":11}}\n\n' +
      'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"b"}}],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}\n\n' +
      'data: [DONE]\n\n';
    expect(tapChat(text).tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 10, outputTokens: 2 });
  });
});

describe('openAiUsageToTokens', () => {
  it('subtracts included details so every token is counted once', () => {
    const { tokens, sawUsage } = openAiUsageToTokens({
      prompt_tokens: 1000, completion_tokens: 300,
      prompt_tokens_details: { cached_tokens: 600 }, completion_tokens_details: { reasoning_tokens: 200 },
    });
    expect(sawUsage).toBe(true);
    expect(tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 400, cacheReadTokens: 600, outputTokens: 100, reasoningTokens: 200 });
  });

  it('reads DeepSeek hit/miss without prompt_tokens', () => {
    expect(openAiUsageToTokens({ prompt_cache_hit_tokens: 30, prompt_cache_miss_tokens: 12, completion_tokens: 5 }).tokens)
      .toEqual({ ...ZERO_TOKENS, inputTokens: 12, cacheReadTokens: 30, outputTokens: 5 });
  });

  it('never goes negative when a provider reports a detail outside its total', () => {
    expect(openAiUsageToTokens({
      prompt_tokens: 50, completion_tokens: 10,
      prompt_tokens_details: { cached_tokens: 80 }, completion_tokens_details: { reasoning_tokens: 40 },
    }).tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 50, cacheReadTokens: 80, outputTokens: 10, reasoningTokens: 40 });
  });

  it('an empty usage object is not usage', () => {
    expect(openAiUsageToTokens({}).sawUsage).toBe(false);
  });
});
