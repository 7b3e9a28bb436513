/**
 * Rates for a model the data does not know: an upper bound for each kind of token, never $0.
 *
 * Each kind is billed at the highest rate the app charges that kind for any of the provider's
 * current (not deprecated) models, or every provider's when the provider is unknown too. "The rate
 * the app charges" is the model's completed rate (model-rates.ts completeRates): its own price for
 * the kind, else the rate of the kind it is part of (reasoning at output, a cache read at input,
 * cache writes at 1.25× / 2× input). Taking the maximum of the data's own prices alone was not an
 * upper bound: reasoning came out at $3/MTok (the one model that prices it apart) beside $600 of
 * output, and a model without a cache-read price, whose reads the app bills at input, was ignored.
 *
 * On top of that, the order every provider bills in holds: reasoning at least output (it is billed
 * as output), a 1-hour cache write at least a 5-minute one, which is at least input. A kind the
 * provider's data leaves at $0 (output of an embeddings-only provider) takes every provider's rate.
 *
 * "Highest" looks at every price set of those models (past and scheduled ones too), so the estimate
 * is independent of the clock and only ever errs on the high side. The result is cached per provider
 * and tier bucket: the hot path (imports full of an unknown model) stays O(1).
 */
import type { Provider } from '@pydantic/genai-prices';
import { DATA_PROVIDERS, findDataProvider, onPriceDataChange } from './price-data.js';
import { TOKEN_RATE_KINDS, ratesFromModelPrice, resolveTier, type AppliedRates, type KindRates, type ModelRates } from './model-rates.js';
import { withOwnTiers } from './own-tiers.js';

interface Candidates {
  /** The completed rates of every price set of every current model. */
  rates: ModelRates[];
  /** Distinct tier thresholds: the answer only changes when total input crosses one. */
  starts: number[];
}

/** The cache key of every provider's candidates (an unknown provider). */
const EVERY_PROVIDER = '*';
const candidatesCache = new Map<string, Candidates>();
const appliedCache = new Map<string, AppliedRates>();
onPriceDataChange(() => {
  candidatesCache.clear();
  appliedCache.clear();
});

function candidatesFor(providers: readonly Provider[], key: string): Candidates {
  const cached = candidatesCache.get(key);
  if (cached) return cached;
  const rates: ModelRates[] = [];
  for (const provider of providers) {
    for (const model of provider.models) {
      if (model.deprecated) continue;
      const sets = Array.isArray(model.prices) ? model.prices.map((c) => c.prices) : [model.prices];
      // As a known model is priced (price-usage.ts): its completed rates, with the tiers the data lacks.
      for (const set of sets) rates.push(withOwnTiers(model.id, ratesFromModelPrice(set)));
    }
  }
  const starts = new Set<number>();
  for (const r of rates) for (const kind of TOKEN_RATE_KINDS) for (const t of r[kind].tiers) starts.add(t.start);
  const result = { rates, starts: [...starts].sort((a, b) => a - b) };
  candidatesCache.set(key, result);
  return result;
}

type Kind = (typeof TOKEN_RATE_KINDS)[number];

interface Highest {
  rates: KindRates & { webSearchPerThousand: number };
  /** The kinds whose highest rate is a long-context tier's. */
  tiered: Set<Kind>;
}

/** The highest rate of each kind among `candidates` at `totalInput`, and the highest web-search fee. */
function highest(candidates: Candidates, totalInput: number): Highest {
  const rates = { input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, webSearchPerThousand: 0 };
  const tiered = new Set<Kind>();
  for (const r of candidates.rates) {
    for (const kind of TOKEN_RATE_KINDS) {
      const resolved = resolveTier(r[kind], totalInput);
      if (resolved.price > rates[kind]) {
        rates[kind] = resolved.price;
        if (resolved.tiered) tiered.add(kind);
        else tiered.delete(kind);
      }
    }
    rates.webSearchPerThousand = Math.max(rates.webSearchPerThousand, r.webSearchPerThousand);
  }
  return { rates, tiered };
}

/** Which tier bucket `totalInput` falls in: the answer only changes when it crosses a threshold. */
function bucketOf(candidates: Candidates, totalInput: number): number {
  return candidates.starts.filter((s) => totalInput > s).length;
}

/** Reasoning ≥ output; 1-hour write ≥ 5-minute write ≥ input. Cache reads stay as found (never above input in the data). */
function inBillingOrder(r: AppliedRates): AppliedRates {
  const cacheWrite5m = Math.max(r.cacheWrite5m, r.input);
  return { ...r, reasoning: Math.max(r.reasoning, r.output), cacheWrite5m, cacheWrite1h: Math.max(r.cacheWrite1h, cacheWrite5m) };
}

/** Conservative rates for an unknown model of `provider`, for a request of `totalInput` input tokens. */
export function fallbackRates(provider: string, totalInput: number): AppliedRates {
  const every = candidatesFor(DATA_PROVIDERS, EVERY_PROVIDER);
  const dataProvider = findDataProvider(provider);
  const own = dataProvider ? candidatesFor([dataProvider], dataProvider.id) : null;
  // A provider without a current model in the data is priced as an unknown one.
  const mine = own && own.rates.length > 0 ? own : null;
  // Both buckets: a kind the provider leaves at $0 is every provider's, whose tiers are others.
  const cacheKey = `${mine ? dataProvider!.id : EVERY_PROVIDER}|${mine ? bucketOf(mine, totalInput) : ''}|${bucketOf(every, totalInput)}`;
  const cached = appliedCache.get(cacheKey);
  if (cached) return cached;

  const { rates, tiered } = highest(mine ?? every, totalInput);
  const kinds = [...TOKEN_RATE_KINDS, 'webSearchPerThousand'] as const;
  if (kinds.some((kind) => rates[kind] === 0)) {
    const everywhere = highest(every, totalInput);
    for (const kind of kinds) {
      if (rates[kind] !== 0) continue;
      rates[kind] = everywhere.rates[kind];
      if (kind !== 'webSearchPerThousand' && everywhere.tiered.has(kind)) tiered.add(kind);
    }
  }
  // Per-request fees (Perplexity's) are left out: they belong to one vendor's search product, not to tokens.
  const applied = inBillingOrder({ ...rates, requestFeePerThousand: 0, longContext: tiered.size > 0 });
  appliedCache.set(cacheKey, applied);
  return applied;
}
