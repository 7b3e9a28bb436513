/**
 * The cost of one usage record. Precedence: provider-reported cost (OpenRouter usage.cost) >
 * user override > the genai-prices data > a conservative fallback for unknown models.
 */
import type { CostBreakdown, PriceOverride } from '../api/contract.js';
import type { CostSource, TokenCounts } from '../usage.js';
import { TOKEN_FIELDS, totalInputTokens } from '../usage.js';
import { usdToNano, type Nano } from '../money.js';
import { allocateNano, costNano } from './exact-cost.js';
import { fallbackRates } from './fallback-rates.js';
import { applyTier, ratesFromModelPrice, type AppliedRates } from './model-rates.js';
import { findOverride, ratesFromOverride } from './override-rates.js';
import { matchModel } from './price-data.js';
import { PRICE_DATA_VERSION } from './price-data-version.js';

export interface PriceArgs {
  provider: string;
  model: string;
  /** Disjoint kinds (shared/usage.ts); missing kinds count as 0. */
  tokens: Partial<TokenCounts>;
  /** Batch API: 50% of everything. */
  batch?: boolean;
  /** What the provider says the call cost (OpenRouter usage.cost), in USD; wins when given. */
  providerCostUsd?: number | null;
  overrides?: readonly PriceOverride[];
  /** When the usage happened: selects date-constrained prices. Omitted: genai-prices uses the current time. */
  at?: Date;
}

/** A breakdown together with the rates it was computed with (for display). */
export interface PriceQuote {
  breakdown: CostBreakdown;
  /** Rates in force for this request (long-context tier chosen), before the batch discount. */
  rates: AppliedRates;
}

const TOKENS_PER_RATE = 1_000_000;
const REQUESTS_PER_RATE = 1_000;

/** Missing kinds become 0; anything but a non-negative safe integer is refused with a clear message. */
export function normaliseTokens(tokens: Partial<TokenCounts>): TokenCounts {
  const out = {} as TokenCounts;
  for (const field of TOKEN_FIELDS) {
    const value = tokens[field] ?? 0;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${field} must be a non-negative whole number, got ${String(value)}`);
    }
    out[field] = value;
  }
  return out;
}

function hasUsage(t: TokenCounts): boolean {
  return TOKEN_FIELDS.some((field) => t[field] > 0);
}

function componentCosts(t: TokenCounts, r: AppliedRates, batch: boolean) {
  const perToken = (units: number, rate: number): Nano => costNano(units, rate, TOKENS_PER_RATE, batch);
  const requestFee = hasUsage(t) ? costNano(1, r.requestFeePerThousand, REQUESTS_PER_RATE, batch) : 0;
  return {
    inputNano: perToken(t.inputTokens, r.input),
    cacheWrite5mNano: perToken(t.cacheWrite5mTokens, r.cacheWrite5m),
    cacheWrite1hNano: perToken(t.cacheWrite1hTokens, r.cacheWrite1h),
    cacheReadNano: perToken(t.cacheReadTokens, r.cacheRead),
    outputNano: perToken(t.outputTokens, r.output),
    reasoningNano: perToken(t.reasoningTokens, r.reasoning),
    // A per-request fee (Perplexity) is a search fee: it is shown with web search.
    webSearchNano: costNano(t.webSearchRequests, r.webSearchPerThousand, REQUESTS_PER_RATE, batch) + requestFee,
  };
}

type Components = ReturnType<typeof componentCosts>;
const COMPONENT_KEYS = [
  'inputNano',
  'cacheWrite5mNano',
  'cacheWrite1hNano',
  'cacheReadNano',
  'outputNano',
  'reasoningNano',
  'webSearchNano',
] as const satisfies readonly (keyof Components)[];

function sum(c: Components): Nano {
  return COMPONENT_KEYS.reduce((total, key) => total + c[key], 0);
}

/** The provider's figure is the truth; it is split over the kinds in proportion to our own. */
function withProviderTotal(c: Components, totalNano: Nano): Components {
  const parts = allocateNano(
    totalNano,
    COMPONENT_KEYS.map((key) => c[key]),
  );
  const out = { ...c };
  COMPONENT_KEYS.forEach((key, i) => {
    out[key] = parts[i] ?? 0;
  });
  return out;
}

function checkProviderCost(usd: number | null | undefined): number | null {
  if (usd === undefined || usd === null) return null;
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
    throw new RangeError(`provider-reported cost must be a non-negative number of dollars, got ${String(usd)}`);
  }
  return usd;
}

export function quoteUsage(args: PriceArgs): PriceQuote {
  const tokens = normaliseTokens(args.tokens);
  const batch = args.batch === true;
  const providerCost = checkProviderCost(args.providerCostUsd);
  const totalInput = totalInputTokens(tokens);

  let rates: AppliedRates;
  let matchedModel: string | null;
  let priced: boolean;
  let costSource: CostSource;
  const override = findOverride(args.overrides, args.provider, args.model);
  const match = override ? null : matchModel(args.provider, args.model, args.at);
  if (override) {
    rates = applyTier(ratesFromOverride(override), totalInput);
    matchedModel = override.model;
    priced = true;
    costSource = 'override';
  } else if (match) {
    rates = applyTier(ratesFromModelPrice(match.price), totalInput);
    matchedModel = match.modelId;
    priced = true;
    costSource = 'computed';
  } else {
    rates = fallbackRates(args.provider, totalInput);
    matchedModel = null;
    priced = false;
    costSource = 'fallback';
  }

  let components = componentCosts(tokens, rates, batch);
  if (providerCost !== null) {
    components = withProviderTotal(components, usdToNano(providerCost));
    priced = true;
    costSource = 'provider';
  }

  const breakdown: CostBreakdown = {
    provider: args.provider,
    model: args.model,
    matchedModel,
    priced,
    costSource,
    batch,
    longContext: rates.longContext,
    ...components,
    totalNano: sum(components),
    priceVersion: PRICE_DATA_VERSION,
  };
  return { breakdown, rates };
}

export function priceUsage(args: PriceArgs): CostBreakdown {
  return quoteUsage(args).breakdown;
}
