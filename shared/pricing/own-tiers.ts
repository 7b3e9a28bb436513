/** Long-context tiers the price data lacks (price-rules.ts, step 2), merged into a model's rates. */
import type { ModelRates, TieredRate } from './model-rates.js';
import { OWN_LONG_CONTEXT_TIERS } from './price-rules.js';

function withTier(rate: TieredRate, start: number, price: number): TieredRate {
  return { base: rate.base, tiers: [{ start, price }] };
}

const merged = new WeakMap<ModelRates, ModelRates>();

/** The rates with the project's own tier for `modelId`, when the data prices that model flat. */
export function withOwnTiers(modelId: string, rates: ModelRates): ModelRates {
  const own = OWN_LONG_CONTEXT_TIERS.find((t) => t.modelId === modelId);
  if (!own) return rates;
  const kinds = [rates.input, rates.output, rates.reasoning, rates.cacheRead, rates.cacheWrite5m, rates.cacheWrite1h];
  // The data gained a tier of its own: it wins (a refreshed price list knows better than this file).
  if (kinds.some((k) => k.tiers.length > 0)) return rates;
  const hit = merged.get(rates);
  if (hit) return hit;
  const out: ModelRates = {
    ...rates,
    input: withTier(rates.input, own.start, own.input),
    output: withTier(rates.output, own.start, own.output),
    reasoning: withTier(rates.reasoning, own.start, own.output),
    cacheRead: withTier(rates.cacheRead, own.start, own.cacheRead),
    cacheWrite5m: withTier(rates.cacheWrite5m, own.start, own.cacheWrite5m),
    cacheWrite1h: withTier(rates.cacheWrite1h, own.start, own.cacheWrite1h),
  };
  merged.set(rates, out);
  return out;
}
