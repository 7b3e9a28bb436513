import { describe, expect, it } from 'vitest';
import { ZERO_TOKENS } from '../../shared/usage.js';
import { anthropicUsageToTokens, type TapResult } from '../../shared/usage-parse/index.js';
import {
  ANTHROPIC_ERROR_AFTER_200_STREAM,
  ANTHROPIC_GATEWAY_ZERO_START_STREAM,
  ANTHROPIC_STREAM,
  ANTHROPIC_STREAM_CUT,
  ANTHROPIC_STREAM_EXPECTED,
  ANTHROPIC_WEB_SEARCH_STREAM,
} from '../fixtures/wire/anthropic.js';
import { encodeUtf8, sse, withLineEnding } from '../fixtures/wire/sse.js';
import { chunkings, countJsonParses, tapAll } from './usage-parse-chunking.js';

const tapStream = (text: string, requestModel: string | null = 'claude-requested'): TapResult =>
  tapAll('anthropic-messages', { stream: true, requestModel }, [encodeUtf8(text)]);

describe('Anthropic Messages stream tap', () => {
  it('merges message_start with the cumulative message_deltas, latest value wins', () => {
    expect(tapStream(ANTHROPIC_STREAM)).toEqual({
      ...ANTHROPIC_STREAM_EXPECTED,
      sawUsage: true,
      complete: true,
      providerCostUsd: null,
      error: null,
      serviceTier: 'standard',
    });
  });

  it('gives the same result for every chunking and line ending', () => {
    const expected = tapStream(ANTHROPIC_STREAM);
    for (const ending of ['\n', '\r\n', '\r'] as const) {
      const bytes = encodeUtf8(withLineEnding(ANTHROPIC_STREAM, ending));
      for (const { name, chunks } of chunkings(bytes)) {
        expect(tapAll('anthropic-messages', { stream: true, requestModel: 'claude-requested' }, chunks), `${JSON.stringify(ending)} ${name}`).toEqual(expected);
      }
    }
  });

  it('a stream cut mid-way keeps the usage known so far and is not complete', () => {
    for (const { name, chunks } of chunkings(encodeUtf8(ANTHROPIC_STREAM_CUT))) {
      const result = tapAll('anthropic-messages', { stream: true }, chunks);
      expect(result.complete, name).toBe(false);
      expect(result.sawUsage).toBe(true);
      expect(result.error).toBeNull();
      expect(result.tokens).toEqual({ ...ANTHROPIC_STREAM_EXPECTED.tokens, outputTokens: 89 });
    }
  });

  it('a stream cut before any usage reports none, with the request model', () => {
    const result = tapStream('event: message_start\ndata: {"type":"message_st');
    expect(result).toMatchObject({ sawUsage: false, complete: false, model: 'claude-requested', responseId: null });
    expect(result.tokens).toEqual(ZERO_TOKENS);
  });

  it('reports an error event after HTTP 200 with the usage that flowed before it', () => {
    for (const { name, chunks } of chunkings(encodeUtf8(ANTHROPIC_ERROR_AFTER_200_STREAM))) {
      expect(tapAll('anthropic-messages', { stream: true }, chunks), name).toEqual({
        model: 'claude-opus-4-1-20250805',
        responseId: 'msg_01Err',
        tokens: { ...ZERO_TOKENS, inputTokens: 25, cacheWrite5mTokens: 500, outputTokens: 1 },
        sawUsage: true,
        complete: false,
        providerCostUsd: null,
        error: { type: 'overloaded_error', message: 'Overloaded' },
      });
    }
  });

  it('takes the real input figures from message_delta when message_start had zeros (gateways)', () => {
    expect(tapStream(ANTHROPIC_GATEWAY_ZERO_START_STREAM).tokens).toEqual({
      ...ZERO_TOKENS, inputTokens: 1200, cacheWrite5mTokens: 700, cacheReadTokens: 300, outputTokens: 50,
    });
  });

  it('a later zero does not erase a real input figure, but output always takes the latest', () => {
    const stream = sse([
      ['message_start', '{"type":"message_start","message":{"id":"m","model":"claude-x","usage":{"input_tokens":900,"cache_read_input_tokens":40,"output_tokens":1}}}'],
      ['message_delta', '{"type":"message_delta","delta":{},"usage":{"input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}'],
      ['message_stop', '{"type":"message_stop"}'],
    ]);
    expect(tapStream(stream).tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 900, cacheReadTokens: 40, outputTokens: 0 });
  });

  it('counts web search requests from server_tool_use', () => {
    const result = tapStream(ANTHROPIC_WEB_SEARCH_STREAM);
    expect(result.tokens).toEqual({ ...ZERO_TOKENS, inputTokens: 10682, outputTokens: 510, webSearchRequests: 2 });
    expect(result.complete).toBe(true);
  });

  it('reads events without event: lines (some gateways omit them) and ignores unknown events', () => {
    const unnamed = ANTHROPIC_STREAM.replace(/^event: .*\n/gm, '');
    const withUnknown = ANTHROPIC_STREAM.replace('event: ping\n', 'event: future_event\ndata: {"type":"future_event","usage":"surprise"}\n\nevent: ping\n');
    const expected = tapStream(ANTHROPIC_STREAM);
    expect(tapStream(unnamed)).toEqual(expected);
    expect(tapStream(withUnknown)).toEqual(expected);
  });

  it('parses only the events that carry usage (message_start, message_delta), not the bulk', () => {
    expect(countJsonParses(() => tapStream(ANTHROPIC_STREAM))).toBe(3);
  });

  it('a JSON error answered to a stream request is read as the error body', () => {
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}';
    expect(tapStream(body)).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' }, sawUsage: false, complete: true });
  });
});

describe('anthropicUsageToTokens', () => {
  it('puts all cache writes at 5m when only cache_creation_input_tokens is given', () => {
    expect(anthropicUsageToTokens({ input_tokens: 10, cache_creation_input_tokens: 500, output_tokens: 7 })).toEqual({
      ...ZERO_TOKENS, inputTokens: 10, cacheWrite5mTokens: 500, outputTokens: 7,
    });
  });

  it('uses the 5m/1h split, and bills any unexplained remainder of the total at 5m', () => {
    expect(anthropicUsageToTokens({
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2500 },
    })).toMatchObject({ cacheWrite5mTokens: 500, cacheWrite1hTokens: 2500 });
    expect(anthropicUsageToTokens({
      cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 20 },
    })).toMatchObject({ cacheWrite5mTokens: 10, cacheWrite1hTokens: 20 });
  });

  it('reads wrong types as absent', () => {
    expect(anthropicUsageToTokens({ input_tokens: '12', output_tokens: -3, cache_read_input_tokens: null })).toEqual(ZERO_TOKENS);
  });
});
