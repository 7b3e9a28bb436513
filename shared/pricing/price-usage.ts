/**
 * The cost of one usage record. Precedence: provider-reported cost (OpenRouter usage.cost) >
 * user override > the genai-prices data > a conservative fallback for unknown models.
 * How tiers, speed modes, regions, long context, batch and cache combine: shared/pricing/price-rules.ts.
 */
import type { CostBreakdown, PriceOverride } from '../api/contract.js';
import type { CostSource, TokenCounts } from '../usage.js';
import { TOKEN_FIELDS, totalInputTokens } from '../usage.js';
import { usdToNano, type Nano } from '../money.js';
import { allocateNano, costNano } from './exact-cost.js';
import { fallbackRates } from './fallback-rates.js';
import { applyTier, ratesFromModelPrice, type AppliedRates } from './model-rates.js';
import { applyModifiers } from './apply-modifiers.js';
import type { PriceModifiers } from './price-rules.js';
import { withOwnTiers } from './own-tiers.js';
import { findOverride, ratesFromOverride } from './override-rates.js';
import { currentPriceVersion, matchModel } from './price-data.js';

export interface PriceArgs extends PriceModifiers {
  provider: string;
  model: string;
  /** Disjoint kinds (shared/usage.ts); missing kinds count as 0. */
  tokens: Partial<TokenCounts>;
  /** Batch API: 50% of everything. */
  batch?: boolean;
  /** What the provider says the call cost (OpenRouter usage.cost), in USD; wins when given. */
  providerCostUsd?: number | null;
  /**
   * OpenRouter BYOK (`usage.is_byok`): what the upstream provider charged the user's own key
   * (`usage.cost_details.upstream_inference_cost`). `usage.cost` is then only OpenRouter's fee, so
   * the user pays both: they are added. Source: openrouter.ai/docs/use-cases/usage-accounting
   * ("cost: the total amount charged to your account; cost_details.upstream_inference_cost: the
   * actual cost charged by the upstream AI provider"), checked 2026-12-07.
   */
  byokUpstreamCostUsd?: number | null;
  overrides?: readonly PriceOverride[];
  /** When the usage happened: selects date-constrained prices. Omitted: genai-prices uses the current time. */
  at?: Date;
}

/** A breakdown together with the rates it was computed with (for display). */
export interface PriceQuote {
  breakdown: CostBreakdown;
  /** Rates in force for this request (long context, service tier, speed and region applied), before the batch discount. */
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

/** `halveTokens`: Batch API or OpenAI flex. Tool and request fees are never halved (price-rules.ts, step 8). */
function componentCosts(t: TokenCounts, r: AppliedRates, halveTokens: boolean) {
  const perToken = (units: number, rate: number): Nano => costNano(units, rate, TOKENS_PER_RATE, halveTokens);
  const requestFee = hasUsage(t) ? costNano(1, r.requestFeePerThousand, REQUESTS_PER_RATE, false) : 0;
  return {
    inputNano: perToken(t.inputTokens, r.input),
    cacheWrite5mNano: perToken(t.cacheWrite5mTokens, r.cacheWrite5m),
    cacheWrite1hNano: perToken(t.cacheWrite1hTokens, r.cacheWrite1h),
    cacheReadNano: perToken(t.cacheReadTokens, r.cacheRead),
    outputNano: perToken(t.outputTokens, r.output),
    reasoningNano: perToken(t.reasoningTokens, r.reasoning),
    // A per-request fee (Perplexity) is a search fee: it is shown with web search.
    webSearchNano: costNano(t.webSearchRequests, r.webSearchPerThousand, REQUESTS_PER_RATE, false) + requestFee,
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
  const reported = checkProviderCost(args.providerCostUsd);
  const byok = checkProviderCost(args.byokUpstreamCostUsd);
  const providerCost = reported === null && byok === null ? null : (reported ?? 0) + (byok ?? 0);
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
    rates = applyTier(withOwnTiers(match.modelId, ratesFromModelPrice(match.price)), totalInput);
    matchedModel = match.modelId;
    priced = true;
    costSource = 'computed';
  } else {
    rates = fallbackRates(args.provider, totalInput);
    matchedModel = null;
    priced = false;
    costSource = 'fallback';
  }

  const modified = applyModifiers(rates, args, {
    openAiFamily: (match?.providerId ?? args.provider.trim().toLowerCase()) === 'openai',
    modelId: match?.modelId ?? null,
    override: override !== undefined,
  });
  rates = modified.rates;
  if (!modified.exact) priced = false;
  const halveTokens = batch || modified.flex;

  let components = componentCosts(tokens, rates, halveTokens);
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
    halvedTokens: halveTokens,
    longContext: rates.longContext,
    serviceTier: args.serviceTier ?? null,
    speed: args.speed ?? null,
    inferenceGeo: args.inferenceGeo ?? null,
    adjustments: modified.notes,
    ...components,
    totalNano: sum(components),
    priceVersion: currentPriceVersion(),
  };
  return { breakdown, rates };
}

export function priceUsage(args: PriceArgs): CostBreakdown {
  return quoteUsage(args).breakdown;
}
