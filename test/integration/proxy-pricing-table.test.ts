/**
 * Every call priced as the invoice prices it (issue 14): each case goes through the proxy with the
 * real SDK against a fake provider that answers with the usage fields as documented, and the row's
 * cost must equal a dollar figure computed BY HAND below from the cited price page (never by the
 * project's pricing code). Prices checked 2026-12-07:
 *  - Anthropic: platform.claude.com/docs/en/about-claude/pricing (Haiku 4.5 $1/$5, writes $1.25 5m /
 *    $2 1h, reads $0.10; Opus 4.6 and 4.8 $5/$25, $6.25/$10/$0.50; Opus 5.5 $4/$20, reads $0.20;
 *    Sonnet 4.5 and Sonnet 4 $3/$15, > 200K input $6/$22.50 and caching multipliers on top),
 *    web search $10 / 1,000, web fetch free; fast mode (6× Opus 4.6, 2× Opus 4.8 / 5.5), US-only
 *    inference 1.1× (data residency page).
 *  - OpenAI: developers.openai.com/api/docs/pricing (gpt-5 $1.25/$0.125 cached/$10; gpt-4.1 $2/$0.50/$8;
 *    gpt-5.5 $5/$0.50/$30, long context (> 272K) $10/$1/$45; gpt-5.6-sol since 2026-08-21 $4/$0.40/$20,
 *    long $8/$0.80/$30; o3 $2/$0.50/$8), flex = Batch rates (half), priority list at
 *    openai.com/api-priority-processing (gpt-5 $2.50/$0.25/$20, gpt-4.1 $3.50/$0.875/$14, gpt-5.5
 *    $12.50/$1.25/$75 short context only, gpt-5.6-sol $8/$0.80/$40 and long $16/$1.60/$60,
 *    gpt-5-mini $0.45/$0.045/$3.60).
 *  - OpenRouter: usage.cost is what the account was charged; for BYOK (usage.is_byok) the upstream
 *    provider also charged cost_details.upstream_inference_cost to the user's own key
 *    (openrouter.ai/docs/use-cases/usage-accounting).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usdToNano } from '../../shared/money.js';
import { sse } from '../fixtures/wire/sse.js';
import { splitOddly, type Reply } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

type Json = Record<string, unknown>;

interface Case {
  name: string;
  api: 'anthropic' | 'chat' | 'responses' | 'openrouter';
  stream?: boolean;
  model: string;
  /** The usage object exactly as the provider documents it. */
  usage: Json;
  /** OpenAI's top-level service_tier. */
  serviceTier?: string;
  /** Dollars, computed by hand in the comment beside it. */
  usd: number;
  /** The figure is an estimate (no published price for this tier or mode): the row is unpriced. */
  unpriced?: boolean;
  /** Extra fields expected on the row. */
  row?: Json;
}

const A = (input: number, output: number, more: Json = {}): Json => ({
  input_tokens: input,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: output,
  service_tier: 'standard',
  ...more,
});
const C = (prompt: number, cached: number, completion: number, reasoning = 0, more: Json = {}): Json => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  ...more,
});
const R = (input: number, cached: number, output: number, reasoning = 0): Json => ({
  input_tokens: input,
  input_tokens_details: { cached_tokens: cached },
  output_tokens: output,
  output_tokens_details: { reasoning_tokens: reasoning },
  total_tokens: input + output,
});

const CASES: Case[] = [
  // ---- Anthropic: base rates, cache, tools ----
  { name: 'Haiku 4.5 plain', api: 'anthropic', model: 'claude-haiku-4-5', usage: A(1000, 500), usd: 0.0035 }, // 1000×$1 + 500×$5 per M
  {
    name: 'Haiku 4.5 cache read and 5m write',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(200, 300, { cache_creation_input_tokens: 1000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 0 }, cache_read_input_tokens: 5000 }),
    usd: 0.00345, // 200×1 + 1000×1.25 + 5000×0.10 + 300×5 = 200 + 1250 + 500 + 1500 µ$
  },
  {
    name: 'Haiku 4.5 1-hour cache write',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(100, 100, { cache_creation_input_tokens: 2000, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2000 } }),
    usd: 0.0046, // 100×1 + 2000×2 + 100×5 = 100 + 4000 + 500 µ$
  },
  {
    name: 'Haiku 4.5 three web searches',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(1000, 200, { server_tool_use: { web_search_requests: 3, web_fetch_requests: 0 } }),
    usd: 0.032, // 1000×1 + 200×5 = 2000 µ$, + 3 × $10/1000 = $0.03
    row: { webSearchRequests: 3 },
  },
  {
    name: 'Haiku 4.5 two web fetches (no fee)',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(1000, 200, { server_tool_use: { web_search_requests: 0, web_fetch_requests: 2 } }),
    usd: 0.002, // tokens only: 1000×1 + 200×5 µ$
    row: { webFetchRequests: 2 },
  },
  {
    name: 'Haiku 4.5 on Anthropic Priority Tier (recorded, standard rates)',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(1000, 500, { service_tier: 'priority' }),
    usd: 0.0035,
    row: { serviceTier: 'priority' },
  },
  // ---- Anthropic: long context ----
  { name: 'Sonnet 4.0, 300K input: long context on the whole request', api: 'anthropic', model: 'claude-sonnet-4-20250514', usage: A(300_000, 2000), usd: 1.845 }, // 300000×6 + 2000×22.5 = 1.8 + 0.045
  { name: 'Sonnet 4.0 at exactly 200K: standard', api: 'anthropic', model: 'claude-sonnet-4-20250514', usage: A(200_000, 1000), usd: 0.615 }, // 200000×3 + 1000×15
  {
    name: 'Sonnet 4.0 long context reached through cache reads',
    api: 'anthropic',
    model: 'claude-sonnet-4-20250514',
    usage: A(50_000, 1000, { cache_read_input_tokens: 150_001, cache_creation_input_tokens: 10_000, cache_creation: { ephemeral_5m_input_tokens: 10_000, ephemeral_1h_input_tokens: 0 } }),
    usd: 0.4875006, // total 210,001 > 200K: 50000×6 + 150001×0.60 + 10000×7.50 + 1000×22.50 = 0.3 + 0.0900006 + 0.075 + 0.0225
  },
  { name: 'Sonnet 4.5, 250K input', api: 'anthropic', model: 'claude-sonnet-4-5', usage: A(250_000, 1000), usd: 1.5225 }, // 250000×6 + 1000×22.5
  // ---- Anthropic: fast mode and region ----
  { name: 'Opus 4.6 fast mode (6×)', api: 'anthropic', model: 'claude-opus-4-6', usage: A(10_000, 2000, { speed: 'fast' }), usd: 0.6, row: { speed: 'fast' } }, // (10000×5 + 2000×25) × 6 = 0.1 × 6
  { name: 'Opus 4.8 fast mode (2×)', api: 'anthropic', model: 'claude-opus-4-8', usage: A(10_000, 2000, { speed: 'fast' }), usd: 0.2 }, // 0.1 × 2
  {
    name: 'Opus 5.5 fast mode with cache reads (2×)',
    api: 'anthropic',
    model: 'claude-opus-5-5',
    usage: A(10_000, 2000, { speed: 'fast', cache_read_input_tokens: 20_000 }),
    usd: 0.168, // (10000×4 + 2000×20 + 20000×0.20) × 2 = (0.04 + 0.04 + 0.004) × 2
  },
  { name: 'Opus 4.6 standard speed reported', api: 'anthropic', model: 'claude-opus-4-6', usage: A(10_000, 2000, { speed: 'standard' }), usd: 0.1 },
  { name: 'Opus 4.6 US-only inference (1.1×)', api: 'anthropic', model: 'claude-opus-4-6', usage: A(10_000, 2000, { inference_geo: 'us' }), usd: 0.11, row: { inferenceGeo: 'us' } }, // 0.1 × 1.1
  { name: 'Opus 4.6 global inference', api: 'anthropic', model: 'claude-opus-4-6', usage: A(10_000, 2000, { inference_geo: 'global' }), usd: 0.1 },
  { name: 'Opus 4.6 fast and US-only', api: 'anthropic', model: 'claude-opus-4-6', usage: A(10_000, 2000, { speed: 'fast', inference_geo: 'us' }), usd: 0.66 }, // 0.1 × 6 × 1.1
  {
    name: 'Opus 4.8 fast, US-only, 1-hour cache write',
    api: 'anthropic',
    model: 'claude-opus-4-8',
    usage: A(10_000, 2000, { speed: 'fast', inference_geo: 'us', cache_creation_input_tokens: 5000, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 5000 } }),
    usd: 0.33, // (10000×5 + 5000×10 + 2000×25) × 2 × 1.1 = 0.15 × 2.2
  },
  {
    name: 'Opus 4.8 fast with two web searches (fee not multiplied)',
    api: 'anthropic',
    model: 'claude-opus-4-8',
    usage: A(10_000, 2000, { speed: 'fast', server_tool_use: { web_search_requests: 2, web_fetch_requests: 0 } }),
    usd: 0.22, // 0.1 × 2 + 2 × $0.01
  },
  {
    name: 'Opus 4.6 US-only with a web search',
    api: 'anthropic',
    model: 'claude-opus-4-6',
    usage: A(10_000, 2000, { inference_geo: 'us', server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 } }),
    usd: 0.12, // 0.1 × 1.1 + $0.01
  },
  { name: 'Haiku 4.5 stream', api: 'anthropic', stream: true, model: 'claude-haiku-4-5', usage: A(1000, 500), usd: 0.0035 },
  { name: 'Opus 4.6 stream, fast and US-only', api: 'anthropic', stream: true, model: 'claude-opus-4-6', usage: A(10_000, 2000, { speed: 'fast', inference_geo: 'us' }), usd: 0.66 },
  { name: 'Sonnet 4.0 stream, 300K input', api: 'anthropic', stream: true, model: 'claude-sonnet-4-20250514', usage: A(300_000, 2000), usd: 1.845 },
  {
    name: 'fast mode reported for a model with no published fast price: estimated at 6×, unpriced',
    api: 'anthropic',
    model: 'claude-haiku-4-5',
    usage: A(1000, 500, { speed: 'fast' }),
    usd: 0.021, // 0.0035 × 6 (the largest fast factor published)
    unpriced: true,
  },

  // ---- OpenAI Chat Completions: service tiers ----
  { name: 'gpt-5 default', api: 'chat', model: 'gpt-5', serviceTier: 'default', usage: C(10_000, 4000, 2000, 500), usd: 0.028 }, // 6000×1.25 + 4000×0.125 + 2000×10
  { name: 'gpt-5 flex (Batch rates)', api: 'chat', model: 'gpt-5', serviceTier: 'flex', usage: C(10_000, 4000, 2000, 500), usd: 0.014, row: { serviceTier: 'flex' } }, // 0.028 / 2
  { name: 'gpt-5 priority', api: 'chat', model: 'gpt-5', serviceTier: 'priority', usage: C(10_000, 4000, 2000, 500), usd: 0.056, row: { serviceTier: 'priority' } }, // 6000×2.5 + 4000×0.25 + 2000×20
  { name: 'gpt-5 "fast" (priority renamed)', api: 'chat', model: 'gpt-5', serviceTier: 'fast', usage: C(10_000, 4000, 2000, 500), usd: 0.056 },
  { name: 'gpt-5 scale tier: standard rates', api: 'chat', model: 'gpt-5', serviceTier: 'scale', usage: C(10_000, 4000, 2000, 500), usd: 0.028 },
  { name: 'gpt-4.1 priority', api: 'chat', model: 'gpt-4.1', serviceTier: 'priority', usage: C(20_000, 10_000, 1000), usd: 0.05775 }, // 10000×3.5 + 10000×0.875 + 1000×14
  { name: 'gpt-4.1 flex', api: 'chat', model: 'gpt-4.1', serviceTier: 'flex', usage: C(20_000, 10_000, 1000), usd: 0.0165 }, // (10000×2 + 10000×0.5 + 1000×8) / 2
  { name: 'gpt-5.5 long context, default', api: 'chat', model: 'gpt-5.5', serviceTier: 'default', usage: C(300_000, 0, 1000), usd: 3.045 }, // 300000×10 + 1000×45
  { name: 'gpt-5.5 long context, flex', api: 'chat', model: 'gpt-5.5', serviceTier: 'flex', usage: C(300_000, 0, 1000), usd: 1.5225 }, // 3.045 / 2
  { name: 'gpt-5.5 priority', api: 'chat', model: 'gpt-5.5', serviceTier: 'priority', usage: C(100_000, 0, 1000), usd: 1.325 }, // 100000×12.5 + 1000×75
  {
    name: 'gpt-5.5 priority at long context (no published price): estimated, unpriced',
    api: 'chat',
    model: 'gpt-5.5',
    serviceTier: 'priority',
    usage: C(300_000, 0, 1000),
    usd: 7.6125, // 3.045 × 2.5 (the largest priority / standard ratio published)
    unpriced: true,
  },
  { name: 'gpt-5.6-sol priority, long context', api: 'chat', model: 'gpt-5.6-sol', serviceTier: 'priority', usage: C(300_000, 100_000, 2000), usd: 3.48 }, // 200000×16 + 100000×1.6 + 2000×60
  { name: 'gpt-5.6-sol default', api: 'chat', model: 'gpt-5.6-sol', serviceTier: 'default', usage: C(10_000, 0, 1000), usd: 0.06 }, // 10000×4 + 1000×20
  { name: 'gpt-5.6-sol priority', api: 'chat', model: 'gpt-5.6-sol', serviceTier: 'priority', usage: C(10_000, 0, 1000), usd: 0.12 }, // 10000×8 + 1000×40
  { name: 'gpt-5-mini priority', api: 'chat', model: 'gpt-5-mini', serviceTier: 'priority', usage: C(100_000, 0, 10_000), usd: 0.081 }, // 100000×0.45 + 10000×3.6
  {
    name: 'o3 priority (not in the published list): estimated, unpriced',
    api: 'chat',
    model: 'o3',
    serviceTier: 'priority',
    usage: C(10_000, 0, 1000),
    usd: 0.07, // (10000×2 + 1000×8) × 2.5
    unpriced: true,
  },
  { name: 'gpt-5 priority, streamed', api: 'chat', stream: true, model: 'gpt-5', serviceTier: 'priority', usage: C(10_000, 4000, 2000, 500), usd: 0.056 },
  { name: 'gpt-5 flex, streamed', api: 'chat', stream: true, model: 'gpt-5', serviceTier: 'flex', usage: C(10_000, 4000, 2000, 500), usd: 0.014 },

  // ---- OpenAI Responses ----
  { name: 'Responses gpt-5 priority', api: 'responses', model: 'gpt-5', serviceTier: 'priority', usage: R(10_000, 4000, 2000, 500), usd: 0.056 },
  { name: 'Responses gpt-5 flex', api: 'responses', model: 'gpt-5', serviceTier: 'flex', usage: R(10_000, 4000, 2000, 500), usd: 0.014 },
  { name: 'Responses gpt-5 default, streamed', api: 'responses', stream: true, model: 'gpt-5', serviceTier: 'default', usage: R(10_000, 4000, 2000, 500), usd: 0.028 },
  { name: 'Responses gpt-4.1 priority, streamed', api: 'responses', stream: true, model: 'gpt-4.1', serviceTier: 'priority', usage: R(20_000, 10_000, 1000), usd: 0.05775 },

  // ---- OpenRouter ----
  { name: 'OpenRouter: usage.cost is the charge', api: 'openrouter', model: 'anthropic/claude-haiku-4.5', usage: C(1000, 0, 500, 0, { cost: 0.0123 }), usd: 0.0123 },
  {
    name: 'OpenRouter BYOK: the fee plus the upstream charge to the own key',
    api: 'openrouter',
    model: 'anthropic/claude-haiku-4.5',
    usage: C(1000, 0, 500, 0, { cost: 0.00095, is_byok: true, cost_details: { upstream_inference_cost: 0.019 } }),
    usd: 0.01995, // 0.00095 + 0.019
    row: { byok: true },
  },
  {
    name: 'OpenRouter non-BYOK with upstream_inference_cost filled in: only usage.cost',
    api: 'openrouter',
    model: 'anthropic/claude-haiku-4.5',
    usage: C(1000, 0, 500, 0, { cost: 0.019, is_byok: false, cost_details: { upstream_inference_cost: 0.019 } }),
    usd: 0.019,
    row: { byok: false },
  },
  {
    name: 'OpenRouter BYOK, streamed',
    api: 'openrouter',
    stream: true,
    model: 'anthropic/claude-haiku-4.5',
    usage: C(1000, 0, 500, 0, { cost: 0.00095, is_byok: true, cost_details: { upstream_inference_cost: 0.019 } }),
    usd: 0.01995,
  },
];

// ---- What the fake providers answer -----------------------------------------------------------

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream' };

function anthropicReply(c: Case): Reply {
  const message = { id: 'msg_table', type: 'message', role: 'assistant', model: c.model, content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null };
  if (!c.stream) return { headers: JSON_HEADERS, body: JSON.stringify({ ...message, usage: c.usage }) };
  // message_start carries the input side and a placeholder output; message_delta the cumulative final usage.
  const start = { ...message, content: [], stop_reason: null, usage: { ...c.usage, output_tokens: 1 } };
  return {
    headers: SSE_HEADERS,
    chunks: splitOddly(
      sse([
        ['message_start', JSON.stringify({ type: 'message_start', message: start })],
        ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
        ['ping', '{"type": "ping"}'],
        ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}'],
        ['content_block_stop', '{"type":"content_block_stop","index":0}'],
        ['message_delta', JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: c.usage })],
        ['message_stop', '{"type":"message_stop"}'],
      ]),
    ),
  };
}

function chatReply(c: Case): Reply {
  const head = { id: 'chatcmpl-table', created: 1765000000, model: c.model, ...(c.serviceTier ? { service_tier: c.serviceTier } : {}), system_fingerprint: null };
  if (!c.stream) {
    return {
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...head, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok', refusal: null }, finish_reason: 'stop', logprobs: null }], usage: c.usage }),
    };
  }
  const chunk = (choices: unknown[], usage: unknown) => `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices, usage })}\n\n`;
  return {
    headers: SSE_HEADERS,
    chunks: splitOddly(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], null) +
        chunk([{ index: 0, delta: { content: 'ok' }, finish_reason: null }], null) +
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], null) +
        chunk([], c.usage) +
        'data: [DONE]\n\n',
    ),
  };
}

function responsesReply(c: Case): Reply {
  const base = { id: 'resp_table', object: 'response', created_at: 1765000000, model: c.model, ...(c.serviceTier ? { service_tier: c.serviceTier } : {}), error: null, incomplete_details: null, output: [] as unknown[], parallel_tool_calls: true, tool_choice: 'auto', tools: [] };
  const final = { ...base, status: 'completed', output: [{ id: 'msg_t', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] }], usage: c.usage };
  if (!c.stream) return { headers: JSON_HEADERS, body: JSON.stringify(final) };
  return {
    headers: SSE_HEADERS,
    chunks: splitOddly(
      sse([
        ['response.created', JSON.stringify({ type: 'response.created', sequence_number: 0, response: { ...base, status: 'in_progress', usage: null } })],
        ['response.output_text.delta', JSON.stringify({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_t', output_index: 0, content_index: 0, delta: 'ok', logprobs: [] })],
        ['response.completed', JSON.stringify({ type: 'response.completed', sequence_number: 2, response: final })],
      ]),
    ),
  };
}

// ---- The table --------------------------------------------------------------------------------

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function call(c: Case): Promise<void> {
  if (c.api === 'anthropic') {
    h.anthropic.script(() => anthropicReply(c));
    const client = new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-table', maxRetries: 0 });
    const ask = { model: c.model, max_tokens: 64, messages: [{ role: 'user' as const, content: 'price me' }] };
    if (c.stream) {
      for await (const _ of await client.messages.create({ ...ask, stream: true })) {
        // drain
      }
    } else {
      await client.messages.create(ask);
    }
    return;
  }
  const fake = c.api === 'openrouter' ? h.openrouter : h.openai;
  fake.script(() => (c.api === 'responses' ? responsesReply(c) : chatReply(c)));
  const client = new OpenAI({ baseURL: `${h.url}/${c.api === 'openrouter' ? 'openrouter/v1' : 'openai/v1'}`, apiKey: 'sk-table', maxRetries: 0 });
  if (c.api === 'responses') {
    if (c.stream) {
      for await (const _ of await client.responses.create({ model: c.model, input: 'price me', stream: true })) {
        // drain
      }
    } else {
      await client.responses.create({ model: c.model, input: 'price me' });
    }
    return;
  }
  const ask = { model: c.model, messages: [{ role: 'user' as const, content: 'price me' }] };
  if (c.stream) {
    for await (const _ of await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } })) {
      // drain
    }
  } else {
    await client.chat.completions.create(ask);
  }
}

describe('every call priced as the invoice prices it', () => {
  test('the table has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = (await h.rows()).length;
    await call(c);
    const rows = await h.rows();
    expect(rows.length - before).toBe(1);
    const row = rows[rows.length - 1]!;
    expect(row.status).toBe('ok');
    expect(row.costNano, `${c.name}: $${row.costNano / 1e9} logged, $${c.usd} billed`).toBe(usdToNano(c.usd));
    expect(row.priced).toBe(!c.unpriced);
    if (c.row) expect(row).toMatchObject(c.row);
  });
});
