/**
 * Rates for a model the data does not know: never $0, but the highest rate of each kind among
 * the provider's current (not deprecated) models, or among every provider's when the provider is
 * unknown too. "Highest" looks at every price set of those models (past and scheduled ones too),
 * so the estimate is independent of the clock and only ever errs on the high side. The result is
 * cached per provider and tier bucket: the hot path (imports full of an unknown model) stays O(1).
 */
import type { Provider } from '@pydantic/genai-prices';
import { DATA_PROVIDERS, findDataProvider, onPriceDataChange } from './price-data.js';
import {
  TOKEN_RATE_KINDS,
  completeRates,
  dataRates,
  flatRate,
  resolveTier,
  type AppliedRates,
  type DataRates,
  applyTier,
} from './model-rates.js';

interface Candidates {
  rates: DataRates[];
  /** Distinct tier thresholds: the answer only changes when total input crosses one. */
  starts: number[];
}

const candidatesCache = new Map<string, Candidates>();
const appliedCache = new Map<string, AppliedRates>();
onPriceDataChange(() => {
  candidatesCache.clear();
  appliedCache.clear();
});

function candidatesFor(providers: readonly Provider[], key: string): Candidates {
  const cached = candidatesCache.get(key);
  if (cached) return cached;
  const rates: DataRates[] = [];
  for (const provider of providers) {
    for (const model of provider.models) {
      if (model.deprecated) continue;
      const sets = Array.isArray(model.prices) ? model.prices.map((c) => c.prices) : [model.prices];
      for (const set of sets) rates.push(dataRates(set));
    }
  }
  const starts = new Set<number>();
  for (const r of rates) for (const kind of TOKEN_RATE_KINDS) for (const t of r[kind]?.tiers ?? []) starts.add(t.start);
  const result = { rates, starts: [...starts].sort((a, b) => a - b) };
  candidatesCache.set(key, result);
  return result;
}

function maxOf(values: (number | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v;
  return best;
}

/** Conservative rates for an unknown model of `provider`, for a request of `totalInput` input tokens. */
export function fallbackRates(provider: string, totalInput: number): AppliedRates {
  const dataProvider = findDataProvider(provider);
  const key = dataProvider ? dataProvider.id : '*';
  const { rates, starts } = candidatesFor(dataProvider ? [dataProvider] : DATA_PROVIDERS, key);
  const bucket = starts.filter((s) => totalInput > s).length;
  const cacheKey = `${key}|${bucket}`;
  const cached = appliedCache.get(cacheKey);
  if (cached) return cached;

  let longContext = false;
  const best: DataRates = {};
  for (const kind of TOKEN_RATE_KINDS) {
    let top: { price: number; tiered: boolean } | undefined;
    for (const r of rates) {
      const rate = r[kind];
      if (!rate) continue;
      const resolved = resolveTier(rate, totalInput);
      if (!top || resolved.price > top.price) top = resolved;
    }
    if (top) {
      best[kind] = flatRate(top.price);
      longContext ||= top.tiered;
    }
  }
  const webSearch = maxOf(rates.map((r) => r.webSearchPerThousand));
  if (webSearch !== undefined) best.webSearchPerThousand = webSearch;
  // Per-request fees (Perplexity's) are left out: they belong to one vendor's search product, not to tokens.

  const applied = { ...applyTier(completeRates(best), totalInput), longContext };
  appliedCache.set(cacheKey, applied);
  return applied;
}
