/**
 * The hard-cap budget gate: through the proxy with both SDKs (a blocked call is not retried: one
 * request arrives), and the gate's own bookkeeping (reservations, settling, scopes, periods).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { createHardCapGate, type GateDecision } from '../../electron/core/proxy/index.js';
import { pricedRecord } from '../support/seed.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

const DOLLAR = 1_000_000_000;

function cap(partial: Partial<Budget> = {}): Budget {
  return { scope: 'overall', scopeValue: null, monthlyNano: 10 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [], ...partial };
}

describe('blocked calls through the proxy', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // $12 already spent this month against a $10 hard cap.
    h.writer.enqueue({ ...pricedRecord({ time: Date.now() - 1000, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 12 * DOLLAR });
    h.writer.flush();
    h.budgets.push(cap());
  });
  afterEach(async () => {
    await h.close();
  });

  test('Anthropic SDK: one request, a 400 in Anthropic shape saying the cap, the spend and the reset; never forwarded', async () => {
    const err = await new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-x' })
      .messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const apiErr = err as InstanceType<typeof Anthropic.BadRequestError>;
    expect(apiErr.headers?.get('x-should-retry')).toBe('false');
    expect(apiErr.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const message = (apiErr.error as { error: { message: string } }).error.message;
    expect(message).toContain('hard monthly budget of $10.00');
    expect(message).toContain('$12.00 spent');
    expect(message).toMatch(/resets on \d{4}-\d{2}-01 \(UTC\)/);
    expect(h.proxyRequests.filter((r) => r.url.includes('/v1/messages'))).toHaveLength(1);
    expect(h.anthropic.requests).toHaveLength(0);
    const rows = (await h.rows()).filter((r) => r.status === 'blocked');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', costNano: 0, httpStatus: null });
  });

  test('OpenAI SDK: one request, a 429 insufficient_quota with x-should-retry: false', async () => {
    const err = await new OpenAI({ baseURL: `${h.url}/openai/v1`, apiKey: 'sk-x' })
      .chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect(String(err)).toContain('hard monthly budget');
    expect(h.proxyRequests.filter((r) => r.url.includes('/chat/completions'))).toHaveLength(1);
    expect(h.openai.requests).toHaveLength(0);
  });

  test('an OAuth bearer beside a real x-api-key is API spend: refused at the cap, logged as api, never forwarded', async () => {
    const both = (apiKey: string) =>
      fetch(`${h.url}/anthropic/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': apiKey, authorization: 'Bearer sk-ant-oat01-subscription-token' },
        body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
      });
    const refused = await both('sk-ant-api03-real-key');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-should-retry')).toBe('false');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('hard monthly budget of $10.00');
    expect(h.anthropic.requests).toHaveLength(0);
    // A placeholder beside the token is no key: the token is what Anthropic bills, a subscription call passes.
    const subscription = await both('tokentally');
    expect(subscription.status).toBe(200);
    expect(h.anthropic.requests).toHaveLength(1);
    const rows = (await h.rows()).filter((r) => r.costNano !== 12 * DOLLAR); // all but the seeded spend
    expect(rows.map((r) => [r.status, r.billing])).toEqual([
      ['blocked', 'api'],
      ['ok', 'subscription'],
    ]);
  });

  test('subscription calls, count_tokens and other providers outside the scope still pass', async () => {
    h.budgets.splice(0, 1, cap({ scope: 'provider', scopeValue: 'anthropic' }));
    await new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: null, authToken: 'sk-ant-oat01-sub' }).messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-x' }).messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] });
    await new OpenAI({ baseURL: `${h.url}/openai/v1`, apiKey: 'sk-x' }).chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(h.anthropic.requests).toHaveLength(2);
    expect(h.openai.requests).toHaveLength(1);
  });
});

describe('the gate itself', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);

  function gate(budgets: Budget[], spent: Record<string, number> = {}, now = () => NOW) {
    return createHardCapGate({
      budgets: () => budgets,
      spentNano: (b) => spent[`${b.scope}:${b.scopeValue ?? ''}`] ?? 0,
      now,
      spentCacheMs: 0,
    });
  }
  const call = (estimate: number, partial: Partial<{ provider: string; tag: string | null; billing: 'api' | 'subscription' }> = {}) => ({
    provider: 'anthropic',
    tag: null,
    billing: 'api' as const,
    ...partial,
    estimateNano: () => estimate,
  });

  test('calls in flight reserve their estimate, so a burst cannot slip under the cap together', () => {
    const g = gate([cap()], { 'overall:': 4 * DOLLAR });
    const admitted: GateDecision[] = [];
    for (let i = 0; i < 5; i++) admitted.push(g.admit(call(2 * DOLLAR)));
    expect(admitted.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    // One settles for less than it reserved: room opens again.
    (admitted[0] as Extract<GateDecision, { allowed: true }>).settle(DOLLAR / 2);
    expect(g.admit(call(DOLLAR)).allowed).toBe(true);
  });

  test('a refusal names the budget, the spend, the cap and when it resets', () => {
    const d = gate([cap({ scope: 'tag', scopeValue: 'ci', resetDay: 15, tz: 'Europe/Berlin' })], { 'tag:ci': 10 * DOLLAR }).admit(call(0, { tag: 'ci' }));
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.budget).toEqual({ scope: 'tag', scopeValue: 'ci' });
    expect(d.spentNano).toBe(10 * DOLLAR);
    expect(d.capNano).toBe(10 * DOLLAR);
    // Next reset: 15 December, midnight in Berlin (UTC+1).
    expect(d.resetsAt).toBe(Date.UTC(2026, 11, 14, 23));
    expect(d.message).toContain('tag "ci"');
  });

  test('subscription billing, soft budgets and budgets of other scopes never block', () => {
    const g = gate([cap({ scope: 'provider', scopeValue: 'openai' }), cap({ hard: false })], { 'provider:openai': 99 * DOLLAR, 'overall:': 99 * DOLLAR });
    expect(g.admit(call(DOLLAR)).allowed).toBe(true);
    expect(g.admit(call(DOLLAR, { provider: 'openai', billing: 'subscription' })).allowed).toBe(true);
    expect(g.admit(call(DOLLAR, { provider: 'openai' })).allowed).toBe(false);
  });

  test('the estimate is only computed when a cap applies', () => {
    let asked = 0;
    gate([]).admit({ provider: 'anthropic', tag: null, billing: 'api', estimateNano: () => ++asked });
    expect(asked).toBe(0);
  });

  test('a settled cost counts until the ledger can show it, then the ledger figure alone counts', () => {
    let now = NOW;
    const g = createHardCapGate({ budgets: () => [cap()], spentNano: () => 0, now: () => now, settledHoldMs: 1_000, spentCacheMs: 0 });
    const first = g.admit(call(0));
    if (!first.allowed) throw new Error('expected admission');
    first.settle(10 * DOLLAR);
    expect(g.admit(call(0)).allowed).toBe(false);
    now += 1_001;
    expect(g.admit(call(0)).allowed).toBe(true);
  });
});
