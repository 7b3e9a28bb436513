// Our per-kind arithmetic must agree with genai-prices' own totals wherever the data prices a kind,
// for every model of the providers Tokentally proxies (and a few more), at flat and long-context sizes.
import { calcPrice, waitForUpdate, type ModelPrice, type Provider } from '@pydantic/genai-prices';
import { beforeAll, describe, expect, it } from 'vitest';
import { usdToNano } from '../../shared/money.js';
import { matchModel } from '../../shared/pricing/price-data.js';
import { OWN_LONG_CONTEXT_TIERS } from '../../shared/pricing/price-rules.js';
import { priceUsage } from '../../shared/pricing/index.js';
import type { TokenCounts } from '../../shared/usage.js';

const DATES = [new Date('2025-06-01T12:00:00Z'), new Date('2026-03-12T23:59:59Z'), new Date('2026-03-13T00:00:00Z'), new Date('2026-11-01T12:00:00Z')];
const PROVIDERS = ['anthropic', 'openai', 'openrouter', 'google', 'deepseek', 'x-ai', 'mistral', 'azure'];

let data: Provider[] = [];
beforeAll(async () => {
  data = (await waitForUpdate()) ?? [];
});

function has(price: ModelPrice, key: string): boolean {
  return price[key] !== undefined;
}

/** Our disjoint counts, keeping only kinds where the data has its own price (elsewhere our cache-write rules differ on purpose). */
function scenario(price: ModelPrice, base: number): TokenCounts {
  return {
    inputTokens: base * 7 + 3,
    cacheWrite5mTokens: has(price, 'cache_write_mtok') ? base + 11 : 0,
    cacheWrite1hTokens: has(price, 'cache_write_mtok') && has(price, 'cache_write_1h_mtok') ? base * 2 + 5 : 0,
    cacheReadTokens: base * 3 + 17,
    outputTokens: Math.floor(base / 3) + 1,
    reasoningTokens: Math.floor(base / 5) + 2,
    webSearchRequests: has(price, 'web_searches_kcount') ? 3 : 0,
  };
}

/** The same usage in genai-prices' nested units: input_tokens is the TOTAL input. */
function libraryUsage(t: TokenCounts) {
  return {
    input_tokens: t.inputTokens + t.cacheWrite5mTokens + t.cacheWrite1hTokens + t.cacheReadTokens,
    cache_write_tokens: t.cacheWrite5mTokens + t.cacheWrite1hTokens,
    cache_write_1h_tokens: t.cacheWrite1hTokens,
    cache_read_tokens: t.cacheReadTokens,
    output_tokens: t.outputTokens + t.reasoningTokens,
    output_reasoning_tokens: t.reasoningTokens,
    web_searches: t.webSearchRequests,
  };
}

describe('agreement with genai-prices calcPrice', () => {
  it('matches the library total for every model, date and size (within rounding of each component)', () => {
    let compared = 0;
    for (const providerId of PROVIDERS) {
      const provider = data.find((p) => p.id === providerId);
      expect(provider, providerId).toBeDefined();
      for (const model of provider!.models) {
        for (const at of DATES) {
          for (const base of [1_000, 40_000]) {
            const probe = calcPrice({ input_tokens: 0, output_tokens: 0 }, model.id, { providerId, timestamp: at });
            if (!probe || probe.model.id !== model.id || probe.provider.id !== providerId) continue; // id outside its own pattern
            const tokens = scenario(probe.model_price, base);
            let expected: number;
            try {
              expected = usdToNano(calcPrice(libraryUsage(tokens), model.id, { providerId, timestamp: at })!.total_price);
            } catch {
              continue; // the library refuses this unit combination for the model (e.g. no input price)
            }
            const ours = priceUsage({ provider: providerId, model: model.id, tokens, at });
            expect(ours.costSource).toBe('computed');
            // Our own long-context tiers (price-rules.ts) depart from the library on purpose: tested in pricing-own-tiers.
            if (ours.longContext && OWN_LONG_CONTEXT_TIERS.some((t) => t.modelId === model.id)) continue;
            expect(Math.abs(ours.totalNano - expected), `${providerId}/${model.id} at ${at.toISOString()} × ${base}`).toBeLessThanOrEqual(4);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('sends the library input_tokens as the total: long context is decided on it', () => {
    // 150K uncached + 60K cache reads: only the total (210K) crosses Sonnet 4.5's 200K tier.
    const tokens = { inputTokens: 150_000, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 60_000, outputTokens: 1000, reasoningTokens: 0, webSearchRequests: 0 };
    const lib = calcPrice(libraryUsage(tokens), 'claude-sonnet-4-5', { providerId: 'anthropic' })!;
    const ours = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5', tokens });
    expect(ours.longContext).toBe(true);
    expect(ours.totalNano).toBe(usdToNano(lib.total_price));
    expect(ours.totalNano).toBe(usdToNano(150_000 * 6e-6 + 60_000 * 0.6e-6 + 1000 * 22.5e-6));
  });

  it('chooses the same date-constrained price set as the library', () => {
    let checked = 0;
    for (const provider of data) {
      for (const model of provider.models) {
        if (!Array.isArray(model.prices)) continue;
        const starts = model.prices.flatMap((c) => (c.constraint?.type === 'start_date' ? [c.constraint.start_date] : []));
        const times = [...DATES, ...starts.flatMap((d) => [new Date(new Date(d).getTime() - 1), new Date(d), new Date(new Date(d).getTime() + 1)])];
        for (const hour of [0, 3, 8, 12, 17, 23]) times.push(new Date(Date.UTC(2026, 5, 1, hour, 15)));
        for (const at of times) {
          const lib = calcPrice({ input_tokens: 0, output_tokens: 0 }, model.id, { providerId: provider.id, timestamp: at });
          if (!lib || lib.model.id !== model.id) continue;
          expect(matchModel(provider.id, model.id, at)?.price, `${provider.id}/${model.id} at ${at.toISOString()}`).toEqual(lib.model_price);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
