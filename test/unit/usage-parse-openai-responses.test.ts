import { describe, expect, it } from 'vitest';
import { ZERO_TOKENS } from '../../shared/usage.js';
import type { TapResult } from '../../shared/usage-parse/index.js';
import {
  RESPONSES_ERROR_EVENT_STREAM,
  RESPONSES_EXPECTED,
  RESPONSES_FAILED_STREAM,
  RESPONSES_INCOMPLETE_STREAM,
  RESPONSES_STREAM,
} from '../fixtures/wire/openai-responses.js';
import { encodeUtf8, withLineEnding } from '../fixtures/wire/sse.js';
import { chunkings, countJsonParses, tapAll } from './usage-parse-chunking.js';

const tapResponses = (text: string): TapResult => tapAll('openai-responses', { stream: true }, [encodeUtf8(text)]);

describe('OpenAI Responses stream tap', () => {
  it('reads usage from response.completed', () => {
    expect(tapResponses(RESPONSES_STREAM)).toEqual({
      ...RESPONSES_EXPECTED,
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
    });
  });

  it('gives the same result for every chunking and line ending', () => {
    const expected = tapResponses(RESPONSES_STREAM);
    for (const ending of ['\n', '\r\n', '\r'] as const) {
      for (const { name, chunks } of chunkings(encodeUtf8(withLineEnding(RESPONSES_STREAM, ending)))) {
        expect(tapAll('openai-responses', { stream: true }, chunks), `${JSON.stringify(ending)} ${name}`).toEqual(expected);
      }
    }
  });

  it('response.incomplete is a proper end with final usage', () => {
    expect(tapResponses(RESPONSES_INCOMPLETE_STREAM)).toMatchObject({ ...RESPONSES_EXPECTED, complete: true, error: null, sawUsage: true });
  });

  it('response.failed reports the error and keeps the usage it carries', () => {
    expect(tapResponses(RESPONSES_FAILED_STREAM)).toMatchObject({
      ...RESPONSES_EXPECTED,
      complete: true,
      sawUsage: true,
      error: { type: 'server_error', message: 'The model failed to generate a response.' },
    });
  });

  it('a stream error event is reported; the stream is not complete', () => {
    const result = tapResponses(RESPONSES_ERROR_EVENT_STREAM);
    expect(result).toMatchObject({
      error: { type: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5' },
      complete: false,
      sawUsage: false,
      model: 'gpt-5-2025-08-07',
      responseId: RESPONSES_EXPECTED.responseId,
    });
    expect(result.tokens).toEqual(ZERO_TOKENS);
  });

  it('a stream cut before its terminal event is not complete and saw no usage', () => {
    const cut = RESPONSES_STREAM.slice(0, RESPONSES_STREAM.indexOf('event: response.completed'));
    expect(tapResponses(cut)).toMatchObject({ complete: false, sawUsage: false, model: 'gpt-5-2025-08-07' });
  });

  it('parses only the opening and terminal events', () => {
    expect(countJsonParses(() => tapResponses(RESPONSES_STREAM))).toBe(3);
  });
});
