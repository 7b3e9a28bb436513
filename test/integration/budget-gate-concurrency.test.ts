/**
 * The hard cap under a burst: 50 streamed calls through the real proxy (Anthropic SDK → proxy →
 * fake provider), near the cap. Each admitted call reserves its worst case (input estimate +
 * max_tokens at the output rate) while it runs and settles with its real cost, so spend can pass
 * the cap only by what the estimates of the calls in flight missed.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { BufferRequestBody } from '../../electron/core/proxy/request-body.js';
import { anthropicProfile } from '../../shared/providers/anthropic.js';
import { sse } from '../fixtures/wire/sse.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { pricedRecord } from '../support/seed.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

const DOLLAR = 1_000_000_000;
const CAP = 1 * DOLLAR;
const SPENT_BEFORE = 0.9 * DOLLAR;
const MODEL = 'claude-sonnet-4-6';
const CALLS = 50;

function stream(inputTokens: number, outputTokens: number): string[] {
  const text = sse([
    ['message_start', JSON.stringify({ type: 'message_start', message: { id: 'msg_burst', type: 'message', role: 'assistant', model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } })],
    ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
    ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}'],
    ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}'],
    ['content_block_stop', '{"type":"content_block_stop","index":0}'],
    ['message_delta', JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } })],
    ['message_stop', '{"type":"message_stop"}'],
  ]);
  // Split in a few pieces so each call stays open for a while (the burst overlaps: with a long
  // enough delay every call arrives while the first ones still stream).
  const size = Math.ceil(text.length / 6);
  return Array.from({ length: 6 }, (_, i) => text.slice(i * size, (i + 1) * size));
}

interface Outcome {
  ok: boolean;
  status?: number;
  message?: string;
}

async function streamedCall(h: Harness): Promise<Outcome> {
  const client = new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-burst', maxRetries: 0 });
  try {
    const s = await client.messages.create({ model: MODEL, max_tokens: 1000, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });
    for await (const event of s) void event;
    return { ok: true };
  } catch (err) {
    const e = err as { status?: number; message?: string };
    return { ok: false, status: e.status, message: e.message };
  }
}

/** What the gate reserves for one of these calls: the same estimate the proxy makes. */
function reservation(h: Harness): number {
  const body = h.anthropic.requests[0]?.body ?? Buffer.from(JSON.stringify({ model: MODEL, max_tokens: 1000, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] }));
  const tokens = anthropicProfile.requestFacts('/v1/messages', new BufferRequestBody(body)).estimate();
  return priceUsage({ provider: 'anthropic', model: MODEL, tokens }).totalNano;
}

describe('hard cap: 50 concurrent streamed calls near the cap', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    insertUsage(h.db, [{ ...pricedRecord({ time: Date.now() - 60_000, model: MODEL, tokens: { inputTokens: 1 } }), costNano: SPENT_BEFORE }]);
    const cap: Budget = { scope: 'overall', scopeValue: null, monthlyNano: CAP, hard: true, resetDay: 1, tz: 'UTC', alerts: [] };
    await h.setBudget(cap);
    // Warm the SDK and the proxy path with a free call, so the burst's calls arrive together.
    await new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-burst' }).messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    h.anthropic.requests.length = 0;
    await h.mark();
  });
  afterEach(async () => {
    await h.close();
  });

  async function burst(): Promise<{ outcomes: Outcome[]; spend: number; admitted: number }> {
    const outcomes = await Promise.all(Array.from({ length: CALLS }, () => streamedCall(h)));
    const rows = await h.rows();
    const spend = rows.filter((r) => r.billing !== 'subscription').reduce((sum, r) => sum + r.costNano, 0);
    return { outcomes, spend, admitted: outcomes.filter((o) => o.ok).length };
  }

  test('all at once: real costs within the estimates never pass the cap; the rest are refused, not retried', async () => {
    h.anthropic.script(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: stream(20, 600), chunkDelayMs: 500 }));
    const { outcomes, spend, admitted } = await burst();
    const reserved = reservation(h);
    const room = CAP - SPENT_BEFORE;

    // As many as the room holds at their worst case were let in, together.
    expect(admitted).toBe(Math.floor(room / reserved));
    expect(spend).toBeLessThanOrEqual(CAP);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused).toHaveLength(CALLS - admitted);
    for (const o of refused) {
      expect(o.status).toBe(400);
      expect(o.message).toContain('hard monthly budget of $1.00');
      expect(o.message).toMatch(/resets on \d{4}-\d{2}-01 \(UTC\)/);
    }
    // Refused calls never reached the provider, and none was retried.
    expect(h.anthropic.requests).toHaveLength(admitted);
    expect(await h.attempts('/v1/messages')).toBe(CALLS);
  });

  test('in waves: settled calls free their reservation for the next ones, still never past the cap', async () => {
    // Two bursts, the second after the first has settled: what the first wave's calls really cost
    // (below their reservations) leaves room the second wave is let into. Each wave's calls overlap
    // (300 ms between pieces), so neither depends on how fast this machine is.
    h.anthropic.script(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: stream(20, 600), chunkDelayMs: 300 }));
    const first = await burst();
    const second = await burst();
    const reserved = reservation(h);
    const perCall = priceUsage({ provider: 'anthropic', model: MODEL, tokens: { inputTokens: 20, outputTokens: 600 } }).totalNano;
    expect(perCall).toBeLessThan(reserved);

    expect(first.admitted).toBe(Math.floor((CAP - SPENT_BEFORE) / reserved));
    // The second wave sees the first wave's real costs, not its reservations.
    expect(second.admitted).toBe(Math.floor((CAP - SPENT_BEFORE - first.admitted * perCall) / reserved));
    expect(second.admitted).toBeGreaterThan(0);
    expect(second.spend).toBe(SPENT_BEFORE + (first.admitted + second.admitted) * perCall);
    expect(second.spend).toBeLessThanOrEqual(CAP);
  });

  test('when the real cost exceeds the estimate, the overshoot is bounded by what the calls in flight missed', async () => {
    // The provider bills 5,000 input tokens for a prompt the estimate reads as a few dozen.
    h.anthropic.script(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: stream(5_000, 600), chunkDelayMs: 150 }));
    const { spend, admitted } = await burst();
    const reserved = reservation(h);
    const actual = priceUsage({ provider: 'anthropic', model: MODEL, tokens: { inputTokens: 5_000, outputTokens: 600 } }).totalNano;
    expect(actual).toBeGreaterThan(reserved);
    expect(admitted).toBe(Math.floor((CAP - SPENT_BEFORE) / reserved));
    expect(spend).toBeGreaterThan(CAP);
    expect(spend - CAP).toBeLessThanOrEqual(admitted * (actual - reserved));
    // Without reservations all 50 would have gone through: 50 × actual.
    expect(spend).toBeLessThan(SPENT_BEFORE + CALLS * actual);
  });
});
