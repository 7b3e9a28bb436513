/**
 * The hard-cap budget gate: through the proxy with both SDKs (a blocked call is not retried: one
 * request arrives), and the gate's own bookkeeping (reservations, settling, scopes, periods).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { createHardCapGate, type GateDecision } from '../../electron/core/proxy/index.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { budgetPeriod } from '../../shared/budget/period.js';
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
    insertUsage(h.db, [{ ...pricedRecord({ time: Date.now() - 1000, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 12 * DOLLAR }]);
    await h.setBudget(cap());
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
    expect((await h.rows()).filter((r) => r.status === 'blocked' && r.endpoint === '/v1/messages')).toHaveLength(1);
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
    expect((await h.rows()).filter((r) => r.status === 'blocked' && r.endpoint === '/v1/chat/completions')).toHaveLength(1);
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
    await h.removeBudget(cap());
    await h.setBudget(cap({ scope: 'provider', scopeValue: 'anthropic' }));
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
  const RUN = 'run-1';

  /** A snapshot as the engine reads it: each hard budget with the ledger's spend, and the writer's progress. */
  function snapshot(budgets: Budget[], spent: Record<string, number> = {}, progress: { run: string; seq: number } | null = null, at = NOW) {
    return {
      budgets: budgets.filter((b) => b.hard).map((budget) => ({ budget, periodStartMs: budgetPeriod(at, budget.resetDay, budget.tz).startMs, spentNano: spent[`${budget.scope}:${budget.scopeValue ?? ''}`] ?? 0 })),
      progress,
      liftedUntil: null,
      keyLabels: {},
      at,
    };
  }
  function gate(budgets: Budget[], spent: Record<string, number> = {}, now = () => NOW) {
    const g = createHardCapGate({ now, run: RUN });
    g.update(snapshot(budgets, spent));
    return g;
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
    (admitted[0] as Extract<GateDecision, { allowed: true }>).settle(DOLLAR / 2, 1);
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

  test('each call counts once: settled here until a snapshot shows the writer committed it, then in the ledger\'s figure alone', () => {
    const g = createHardCapGate({ now: () => NOW, run: RUN });
    g.update(snapshot([cap()], {}, { run: RUN, seq: 0 }));
    const first = g.admit(call(0));
    if (!first.allowed) throw new Error('expected admission');
    first.settle(6 * DOLLAR, 1);
    // Not in the ledger yet: counted here ($6 of $10 spent, a $5 call does not fit).
    expect(g.admit(call(5 * DOLLAR)).allowed).toBe(false);
    // A snapshot read before the writer committed call 1 still lacks it: still counted here.
    g.update(snapshot([cap()], {}, { run: RUN, seq: 0 }));
    expect(g.admit(call(5 * DOLLAR)).allowed).toBe(false);
    // The writer committed it and the ledger says $6: counted there only. $6 + $4 fits exactly…
    g.update(snapshot([cap()], { 'overall:': 6 * DOLLAR }, { run: RUN, seq: 1 }));
    const fits = g.admit(call(4 * DOLLAR));
    expect(fits.allowed).toBe(true);
    // …and the refusal's figure is the real spend, not $6 twice ($12) nor the reservation.
    const refused = g.admit(call(DOLLAR));
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.spentNano).toBe(6 * DOLLAR);
    expect(refused.message).toContain('$6.00 spent this period');
    // Progress of another run (an earlier start) says nothing of this run's calls.
    const g2 = createHardCapGate({ now: () => NOW, run: RUN });
    g2.update(snapshot([cap()], {}, null));
    const c = g2.admit(call(0));
    if (!c.allowed) throw new Error('expected admission');
    c.settle(6 * DOLLAR, 1);
    g2.update(snapshot([cap()], {}, { run: 'other-run', seq: 99 }));
    expect(g2.admit(call(5 * DOLLAR)).allowed).toBe(false);
  });

  test('calls the writer kept aside in the recovery file count here until a snapshot read after their import', () => {
    const g = createHardCapGate({ now: () => NOW, run: RUN });
    g.update(snapshot([cap()], {}, { run: RUN, seq: 0 }));
    const d = g.admit(call(0));
    if (!d.allowed) throw new Error('expected admission');
    d.settle(6 * DOLLAR, 1);
    g.spilled([1]);
    // Later calls were committed, but call 1 is not in the ledger: still counted here.
    g.update(snapshot([cap()], {}, { run: RUN, seq: 5 }, NOW + 10));
    expect(g.admit(call(5 * DOLLAR)).allowed).toBe(false);
    g.recovered(NOW + 20);
    g.update(snapshot([cap()], { 'overall:': 6 * DOLLAR }, { run: RUN, seq: 5 }, NOW + 30));
    expect(g.admit(call(4 * DOLLAR)).allowed).toBe(true);
  });
});
