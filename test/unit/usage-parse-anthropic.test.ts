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
import { deltaPayloadChars, OUTPUT_CHARS_PER_TOKEN } from '../../shared/usage-parse/delivered-text.js';

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
        // "Hello" was delivered before the error: 5 characters, above message_start's placeholder of 1.
        tokens: { ...ZERO_TOKENS, inputTokens: 25, cacheWrite5mTokens: 500, outputTokens: Math.ceil(5 / OUTPUT_CHARS_PER_TOKEN) },
        sawUsage: true,
        complete: false,
        providerCostUsd: null,
        error: { type: 'overloaded_error', message: 'Overloaded' },
        outputEstimate: { deliveredChars: 5 },
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

describe('a cut Anthropic stream counts what it delivered', () => {
  const start = JSON.stringify({
    type: 'message_start',
    message: { id: 'msg_cut', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], usage: { input_tokens: 900, output_tokens: 1 } },
  });
  const text = (t: string) => JSON.stringify({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: t } });
  const thinking = (t: string) => JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: t } });
  const tool = (t: string) => JSON.stringify({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: t } });
  const signature = JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM'.repeat(20) } });
  const pieces = ['Let me think about ', 'the "weather" —\nin Paris… 🌦️'];
  const deltas = ['Hello there, ', 'this is ', 'the answer: ', '42. ', 'And more words follow here.'];
  const delivered = [...pieces, ...deltas, '{"city": "Par'].reduce((n, t) => n + JSON.stringify(t).length - 2, 0);

  const cutStream = sse([
    ['message_start', start],
    ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}'],
    ...pieces.map((p) => ['content_block_delta', thinking(p)] as const),
    ['content_block_delta', signature],
    ['ping', '{"type": "ping"}'],
    ...deltas.map((d) => ['content_block_delta', text(d)] as const),
    ['content_block_delta', tool('{"city": "Par')],
  ]);

  it('output tokens are estimated from the text, thinking and tool-input characters, not the placeholder', () => {
    for (const { name, chunks } of chunkings(encodeUtf8(cutStream))) {
      const result = tapAll('anthropic-messages', { stream: true }, chunks);
      expect(result.complete, name).toBe(false);
      expect(result.tokens.inputTokens).toBe(900);
      expect(result.tokens.outputTokens, name).toBe(Math.ceil(delivered / OUTPUT_CHARS_PER_TOKEN));
      expect(result.outputEstimate).toEqual({ deliveredChars: delivered });
    }
  });

  it('events without an event: line are counted too', () => {
    const unnamed = cutStream.replace(/^event: .*\n/gm, '');
    expect(tapStream(unnamed).outputEstimate).toEqual({ deliveredChars: delivered });
  });

  it('no estimate once the provider reported its output (message_delta), nor for a whole stream', () => {
    const withDelta = cutStream + sse([['message_delta', '{"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":7}}']]);
    const cut = tapStream(withDelta);
    expect(cut.tokens.outputTokens).toBe(7);
    expect(cut.outputEstimate).toBeUndefined();
    expect(tapStream(ANTHROPIC_STREAM).outputEstimate).toBeUndefined();
    expect(tapStream(ANTHROPIC_STREAM_CUT).outputEstimate).toBeUndefined();
  });

  it('a placeholder larger than the estimate is kept', () => {
    const big = sse([['message_start', start.replace('"output_tokens":1', '"output_tokens":500')], ['content_block_delta', text('Hi')]]);
    expect(tapStream(big).tokens.outputTokens).toBe(500);
    expect(tapStream(big).outputEstimate).toBeUndefined();
  });

  it('deltaPayloadChars reads the payload without parsing: escapes, key order, a cut event', () => {
    expect(deltaPayloadChars(text('abc'))).toBe(3);
    expect(deltaPayloadChars(text('a\\"b"c'))).toBe(JSON.stringify('a\\"b"c').length - 2);
    expect(deltaPayloadChars('{"delta":{"text":"Hi there","type":"text_delta"},"type":"content_block_delta","index":0}')).toBe(8);
    expect(deltaPayloadChars('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cut mid')).toBe(7);
    expect(deltaPayloadChars(signature)).toBe(0);
    expect(deltaPayloadChars('{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}}')).toBe(0);
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
