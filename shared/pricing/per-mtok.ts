/** Published rates of one model in USD per million tokens, for planning ("what would N requests cost"). */
import type { PriceOverride } from '../api/contract.js';
import { applyTier, firstTierStart, ratesFromModelPrice, type KindRates, type ModelRates } from './model-rates.js';
import { findOverride, ratesFromOverride } from './override-rates.js';
import { matchModel } from './price-data.js';

export interface PerMTokRates extends KindRates {
  source: 'data' | 'override';
  /** Model id in the data (or the override's model id). */
  matchedModel: string;
  webSearchPerThousand: number;
  /** USD per 1,000 requests on top of tokens (Perplexity); 0 for most models. */
  requestFeePerThousand: number;
  /**
   * Rates of the whole request once its TOTAL input (uncached + cache writes + cache reads)
   * exceeds `threshold` tokens; absent when the model is priced flat.
   */
  longContext?: KindRates & { threshold: number };
}

function kindRates(rates: ModelRates, totalInput: number): KindRates {
  const a = applyTier(rates, totalInput);
  return {
    input: a.input,
    output: a.output,
    reasoning: a.reasoning,
    cacheRead: a.cacheRead,
    cacheWrite5m: a.cacheWrite5m,
    cacheWrite1h: a.cacheWrite1h,
  };
}

/**
 * Rates for a provider's model, with the same matching, overrides and cache rules as priceUsage;
 * null when the model is unknown (priceUsage would fall back to a conservative estimate).
 * `at` selects date-constrained prices; omitted, genai-prices uses the current time.
 */
export function ratesFor(
  provider: string,
  model: string,
  at?: Date,
  overrides?: readonly PriceOverride[],
): PerMTokRates | null {
  const override = findOverride(overrides, provider, model);
  let rates: ModelRates;
  let matchedModel: string;
  if (override) {
    rates = ratesFromOverride(override);
    matchedModel = override.model;
  } else {
    const match = matchModel(provider, model, at);
    if (!match) return null;
    rates = ratesFromModelPrice(match.price);
    matchedModel = match.modelId;
  }
  const result: PerMTokRates = {
    source: override ? 'override' : 'data',
    matchedModel,
    ...kindRates(rates, 0),
    webSearchPerThousand: rates.webSearchPerThousand,
    requestFeePerThousand: rates.requestFeePerThousand,
  };
  const threshold = firstTierStart(rates);
  if (threshold !== null) result.longContext = { threshold, ...kindRates(rates, threshold + 1) };
  return result;
}
