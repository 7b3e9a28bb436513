// One test per pricing rule: cache writes and reads, long context, batch, web search, reasoning,
// provider-reported cost, overrides, unknown models, wire ids, bad input, exact sums.
import { describe, expect, it } from 'vitest';
import type { CostBreakdown, PriceOverride } from '../../shared/api/contract.js';
import { usdToNano } from '../../shared/money.js';
import { PRICE_DATA_VERSION, priceUsage, quoteUsage } from '../../shared/pricing/index.js';

const AT = new Date('2026-06-01T12:00:00Z');
const BEFORE_MARCH_2026 = new Date('2026-01-15T12:00:00Z');
const usd = usdToNano;

function parts(b: CostBreakdown): number[] {
  return [b.inputNano, b.cacheWrite5mNano, b.cacheWrite1hNano, b.cacheReadNano, b.outputNano, b.reasoningNano, b.webSearchNano];
}
const sumOf = (b: CostBreakdown) => parts(b).reduce((a, c) => a + c, 0);

describe('cache tokens (Anthropic)', () => {
  it('5m writes at 1.25× input, 1h writes at 2× input, reads at 0.1× input', () => {
    const b = priceUsage({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      tokens: { cacheWrite5mTokens: 60_000, cacheWrite1hTokens: 60_000, cacheReadTokens: 60_000 },
      at: AT,
    });
    expect(b.longContext).toBe(false);
    expect(b.cacheWrite5mNano).toBe(usd(0.225)); // $3.75/MTok = 1.25 × $3
    expect(b.cacheWrite1hNano).toBe(usd(0.36)); // $6 = 2 × $3
    expect(b.cacheReadNano).toBe(usd(0.018)); // $0.30 = 0.1 × $3
    expect(b.totalNano).toBe(usd(0.603));
  });

  it('uses the data own cache prices (Haiku 3.5: $1 write, $0.08 read, $1.60 1h)', () => {
    const b = priceUsage({
      provider: 'anthropic',
      model: 'claude-3-5-haiku-latest',
      tokens: { cacheWrite5mTokens: 1_000_000, cacheWrite1hTokens: 1_000_000, cacheReadTokens: 1_000_000 },
      at: AT,
    });
    expect([b.cacheWrite5mNano, b.cacheWrite1hNano, b.cacheReadNano]).toEqual([usd(1), usd(1.6), usd(0.08)]);
  });

  it('derives 1.25× / 2× input for cache writes when the data has no cache-write price (OpenAI)', () => {
    const b = priceUsage({
      provider: 'openai',
      model: 'gpt-4o',
      tokens: { cacheWrite5mTokens: 1_000_000, cacheWrite1hTokens: 1_000_000 },
      at: AT,
    });
    // gpt-4o input is $2.50/MTok.
    expect(b.cacheWrite5mNano).toBe(usd(3.125));
    expect(b.cacheWrite1hNano).toBe(usd(5));
  });

  it('OpenAI cached input at the data cache_read price (gpt-4o: $1.25/MTok)', () => {
    const b = priceUsage({ provider: 'openai', model: 'gpt-4o-2024-08-06', tokens: { inputTokens: 1000, cacheReadTokens: 4000 }, at: AT });
    expect(b.inputNano).toBe(usd(0.0025));
    expect(b.cacheReadNano).toBe(usd(0.005));
  });
});

describe('long-context tier', () => {
  const model = 'claude-sonnet-4-5';
  it('applies when TOTAL input (uncached + writes + reads) exceeds 200K, to the whole request', () => {
    const b = priceUsage({
      provider: 'anthropic',
      model,
      tokens: { inputTokens: 100_000, cacheWrite5mTokens: 50_000, cacheWrite1hTokens: 10_000, cacheReadTokens: 40_001, outputTokens: 1_000 },
      at: AT,
    });
    expect(b.longContext).toBe(true);
    expect(b.inputNano).toBe(usd(0.6)); // $6/MTok
    expect(b.cacheWrite5mNano).toBe(usd(0.375)); // $7.50
    expect(b.cacheWrite1hNano).toBe(usd(0.12)); // $12
    expect(b.cacheReadNano).toBe(costAt(40_001, 0.6));
    expect(b.outputNano).toBe(usd(0.0225)); // output tiered too: $22.50
  });

  it('does not apply at exactly 200K', () => {
    const b = priceUsage({ provider: 'anthropic', model, tokens: { inputTokens: 150_000, cacheReadTokens: 50_000, outputTokens: 1_000 }, at: AT });
    expect(b.longContext).toBe(false);
    expect(b.inputNano).toBe(usd(0.45));
    expect(b.outputNano).toBe(usd(0.015));
  });

  it('follows the data dates: Sonnet 4.6 was tiered before 2026-03-13 and is flat since', () => {
    const tokens = { inputTokens: 300_000, outputTokens: 10_000 };
    const before = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-6', tokens, at: BEFORE_MARCH_2026 });
    const after = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-6', tokens, at: AT });
    expect(before.longContext).toBe(true);
    expect(before.totalNano).toBe(usd(300_000 * 6e-6 + 10_000 * 22.5e-6));
    expect(after.longContext).toBe(false);
    expect(after.totalNano).toBe(usd(300_000 * 3e-6 + 10_000 * 15e-6));
  });
});

function costAt(tokens: number, usdPerMTok: number): number {
  return Math.round((tokens * usdPerMTok * 1e9) / 1e6);
}

describe('batch', () => {
  it('halves every token component, each rounded once; the web search fee is not halved (price-rules.ts, step 8)', () => {
    const tokens = { inputTokens: 3, cacheWrite5mTokens: 7, cacheWrite1hTokens: 11, cacheReadTokens: 13, outputTokens: 17, reasoningTokens: 19, webSearchRequests: 2 };
    const full = priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens, at: AT });
    const half = priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens, batch: true, at: AT });
    expect(half.batch).toBe(true);
    const tokenParts = (b: typeof half) => parts(b).slice(0, -1);
    tokenParts(half).forEach((p, i) => expect(Math.abs(p * 2 - tokenParts(full)[i]!)).toBeLessThanOrEqual(1));
    expect(half.webSearchNano).toBe(usd(0.02));
    expect(half.totalNano).toBe(sumOf(half));
  });
});

describe('web search', () => {
  it('is $10 per 1,000 requests for Claude (from the data)', () => {
    const b = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', tokens: { webSearchRequests: 3 }, at: AT });
    expect(b.webSearchNano).toBe(usd(0.03));
  });

  it('falls back to $10 per 1,000 when the data has no search price (Claude 3 Haiku)', () => {
    const b = priceUsage({ provider: 'anthropic', model: 'claude-3-haiku-20240307', tokens: { webSearchRequests: 1000 }, at: AT });
    expect(b.webSearchNano).toBe(usd(10));
  });
});

describe('reasoning', () => {
  it('reasoning tokens are billed at the output rate, apart from output tokens', () => {
    const b = priceUsage({ provider: 'openai', model: 'o3', tokens: { inputTokens: 1000, outputTokens: 1000, reasoningTokens: 4000 }, at: AT });
    expect(b.outputNano).toBe(usd(0.008)); // o3 output $8/MTok
    expect(b.reasoningNano).toBe(usd(0.032));
  });
});

describe('provider-reported cost (OpenRouter usage.cost)', () => {
  it('wins over the data, and is split over the kinds so the parts still add up', () => {
    const b = priceUsage({
      provider: 'openrouter',
      model: 'anthropic/claude-sonnet-4',
      tokens: { inputTokens: 5000, outputTokens: 2000 },
      providerCostUsd: 0.0451234567,
      at: AT,
    });
    expect(b.costSource).toBe('provider');
    expect(b.priced).toBe(true);
    expect(b.totalNano).toBe(45_123_457);
    expect(sumOf(b)).toBe(b.totalNano);
    // In proportion to list prices: input 0.015 : output 0.03.
    expect(b.inputNano).toBe(15_041_152);
    expect(b.outputNano).toBe(30_082_305);
  });

  it('is not halved by batch: it is what was charged', () => {
    const b = priceUsage({ provider: 'openrouter', model: 'openai/gpt-4o', tokens: { inputTokens: 10 }, batch: true, providerCostUsd: 1.5, at: AT });
    expect(b.totalNano).toBe(usd(1.5));
  });

  it('prices an unknown model exactly', () => {
    const b = priceUsage({ provider: 'openrouter', model: 'someone/new-model', tokens: { inputTokens: 10, outputTokens: 5 }, providerCostUsd: 0.002, at: AT });
    expect(b).toMatchObject({ costSource: 'provider', priced: true, matchedModel: null, totalNano: usd(0.002) });
    expect(sumOf(b)).toBe(b.totalNano);
  });

  it('null means "not reported"; a negative or non-finite figure is refused', () => {
    const b = priceUsage({ provider: 'openrouter', model: 'openai/gpt-4o', tokens: { inputTokens: 1000 }, providerCostUsd: null, at: AT });
    expect(b.costSource).toBe('computed');
    expect(() => priceUsage({ provider: 'openrouter', model: 'x', tokens: {}, providerCostUsd: -1 })).toThrow(/provider-reported cost/);
    expect(() => priceUsage({ provider: 'openrouter', model: 'x', tokens: {}, providerCostUsd: Number.NaN })).toThrow(/provider-reported cost/);
  });
});

describe('user overrides', () => {
  const overrides: PriceOverride[] = [
    { provider: null, model: 'my-llama', inputPerMTok: 0.5, outputPerMTok: 1 },
    { provider: 'local', model: 'My-Llama', inputPerMTok: 0, outputPerMTok: 0 },
    { provider: 'anthropic', model: 'claude-sonnet-4-20250514', inputPerMTok: 1, outputPerMTok: 2, cacheReadPerMTok: 0.05, cacheWritePerMTok: 1.5 },
  ];

  it('price a model the data lacks (costSource override)', () => {
    const b = priceUsage({ provider: 'together', model: 'my-llama', tokens: { inputTokens: 2_000_000, outputTokens: 1_000_000 }, overrides, at: AT });
    expect(b).toMatchObject({ priced: true, costSource: 'override', matchedModel: 'my-llama', totalNano: usd(2) });
  });

  it('a provider-specific override beats one for any provider; model ids compare case-insensitively', () => {
    const b = priceUsage({ provider: 'LOCAL', model: 'MY-LLAMA', tokens: { inputTokens: 2_000_000 }, overrides, at: AT });
    expect(b.totalNano).toBe(0);
    expect(b.costSource).toBe('override');
  });

  it('win over the data, with their own cache prices and 1h writes at 2× input', () => {
    const b = priceUsage({
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      tokens: { inputTokens: 1e6, cacheReadTokens: 1e6, cacheWrite5mTokens: 1e6, cacheWrite1hTokens: 1e6, outputTokens: 1e6 },
      overrides,
      at: AT,
    });
    expect(b.costSource).toBe('override');
    expect(parts(b).slice(0, 5)).toEqual([usd(1), usd(1.5), usd(2), usd(0.05), usd(2)]);
  });

  it('match exact ids only (not prefixes, not another provider)', () => {
    const other = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { inputTokens: 1e6 }, overrides, at: AT });
    expect(other.costSource).toBe('computed');
    const elsewhere = priceUsage({ provider: 'openrouter', model: 'claude-sonnet-4-20250514', tokens: { inputTokens: 1e6 }, overrides, at: AT });
    expect(elsewhere.costSource).not.toBe('override');
  });

  it('a broken override is a clear error', () => {
    const bad = [{ provider: null, model: 'x', inputPerMTok: -1, outputPerMTok: 1 }];
    expect(() => priceUsage({ provider: 'p', model: 'x', tokens: { inputTokens: 1 }, overrides: bad })).toThrow(/price override for "x"/);
  });
});

describe('unknown models', () => {
  it('are unpriced, never $0: the highest rates among the provider models', () => {
    const { breakdown: b, rates } = quoteUsage({ provider: 'anthropic', model: 'claude-opus-9', tokens: { inputTokens: 1e6, outputTokens: 1e6, cacheReadTokens: 1e6 }, at: AT });
    expect(b).toMatchObject({ priced: false, costSource: 'fallback', matchedModel: null });
    // Claude 3 Opus is the dearest Claude in the data: $15 / $75. Cache reads at $8: Claude 2 and
    // Claude v1 have no cache-read price, so their reads are billed at their $8 input (model-rates.ts).
    expect([rates.input, rates.output, rates.cacheRead]).toEqual([15, 75, 8]);
    expect(b.totalNano).toBe(usd(98));
  });

  it('is at least as dear as every known model of the provider', () => {
    const tokens = { inputTokens: 1234, cacheWrite5mTokens: 99, cacheWrite1hTokens: 77, cacheReadTokens: 5555, outputTokens: 321 };
    const unknown = priceUsage({ provider: 'anthropic', model: 'claude-unknown', tokens, at: AT }).totalNano;
    for (const model of ['claude-3-opus-20240229', 'claude-opus-4-1', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-7']) {
      expect(unknown).toBeGreaterThanOrEqual(priceUsage({ provider: 'anthropic', model, tokens, at: AT }).totalNano);
    }
  });

  it('with an unknown provider too, use every provider rates', () => {
    const b = priceUsage({ provider: 'ollama', model: 'qwen2.5-coder:7b', tokens: { inputTokens: 1000 }, at: AT });
    expect(b.priced).toBe(false);
    expect(b.totalNano).toBeGreaterThanOrEqual(priceUsage({ provider: 'anthropic', model: 'claude-unknown', tokens: { inputTokens: 1000 }, at: AT }).totalNano);
    expect(b.totalNano).toBeGreaterThan(0);
  });

  it('cost $0 only when there are no tokens', () => {
    const b = priceUsage({ provider: 'anthropic', model: 'claude-unknown', tokens: {}, at: AT });
    expect(b).toMatchObject({ totalNano: 0, priced: false, costSource: 'fallback' });
    const one = priceUsage({ provider: 'anthropic', model: 'claude-unknown', tokens: { cacheReadTokens: 1 }, at: AT });
    expect(one.totalNano).toBeGreaterThan(0);
  });
});

describe('model ids as they arrive on the wire', () => {
  const cases: [string, string, string][] = [
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['anthropic', 'claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    ['anthropic', 'claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['anthropic', 'Claude-Sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic', 'anthropic/claude-sonnet-4', 'claude-sonnet-4-0'],
    ['Anthropic', ' claude-haiku-4-5 ', 'claude-haiku-4-5'],
    ['openrouter', 'anthropic/claude-sonnet-4', 'anthropic/claude-sonnet-4'],
    ['openrouter', 'anthropic/claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'openai/gpt-4.1-mini', 'gpt-4.1-mini'],
    ['my-gateway', 'claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['my-gateway', 'gpt-4o', 'gpt-4o'],
    ['', 'claude-opus-4-7', 'claude-opus-4-7'],
  ];
  it.each(cases)('%s %s → %s', (provider, model, matched) => {
    const b = priceUsage({ provider, model, tokens: { inputTokens: 1 }, at: AT });
    expect(b.matchedModel).toBe(matched);
    expect(b.costSource).toBe('computed');
    expect(b.model).toBe(model);
    expect(b.provider).toBe(provider);
  });
});

describe('input and the breakdown itself', () => {
  it('refuses negative, fractional or non-numeric token counts with a message naming the field', () => {
    expect(() => priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens: { outputTokens: -1 } })).toThrow(/outputTokens/);
    expect(() => priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens: { inputTokens: 1.5 } })).toThrow(/inputTokens/);
    expect(() =>
      priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens: { inputTokens: '7' as unknown as number } }),
    ).toThrow(/inputTokens/);
  });

  it('carries the price data version', () => {
    expect(priceUsage({ provider: 'anthropic', model: 'claude-haiku-4-5', tokens: {}, at: AT }).priceVersion).toBe(PRICE_DATA_VERSION);
  });

  it('total is the exact sum of components, each rounded once, half up (2 tokens at $0.01875 are 37.5 → 38 nano)', () => {
    const b = priceUsage({ provider: 'google', model: 'gemini-1.5-flash', tokens: { cacheReadTokens: 2 }, at: AT });
    expect(b.cacheReadNano).toBe(38);
    for (let i = 1; i < 200; i += 7) {
      const t = { inputTokens: i * 13, cacheWrite5mTokens: i * 3, cacheWrite1hTokens: i, cacheReadTokens: i * 101, outputTokens: i * 7, reasoningTokens: i * 5, webSearchRequests: i % 3 };
      for (const batch of [false, true]) {
        const x = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: t, batch, at: AT });
        expect(x.totalNano).toBe(sumOf(x));
        parts(x).forEach((p) => expect(Number.isInteger(p)).toBe(true));
      }
    }
  });

  it('a million small rows sum exactly (no float drift)', () => {
    const one = priceUsage({ provider: 'anthropic', model: 'claude-3-haiku-20240307', tokens: { inputTokens: 1, outputTokens: 1 }, at: AT });
    expect(one.totalNano).toBe(1500); // $0.25 + $1.25 per MTok
    expect(one.totalNano * 1_000_000).toBe(usd(1.5));
  });
});
