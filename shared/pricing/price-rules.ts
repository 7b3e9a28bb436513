/**
 * Price rules the price data (@pydantic/genai-prices) does not carry: service tiers, speed modes,
 * regions, long-context tiers it lacks, tool fees. Each rule names its source and the date it was
 * checked; a fact that could not be found is said to be missing, never guessed.
 *
 * ## The order a call's price is built in (the one place this is written down)
 *
 *  1. **Base rates**: the user's price override for the model, else the price data's price set in
 *     force at the call's time (shared/pricing/price-data.ts), else a conservative fallback
 *     (unpriced). One rate per disjoint token kind (shared/usage.ts).
 *  2. **Long context**: the model's tier is chosen by the request's TOTAL input (uncached + cache
 *     writes + cache reads) and then applies to the whole request, every kind. Tiers the data lacks
 *     are added here (OWN_LONG_CONTEXT_TIERS).
 *  3. **Service tier** (OpenAI `service_tier` in the response): `priority` (renamed `fast` on
 *     2026-07-30) REPLACES the rates by its own price list (short / long context); `flex` is billed
 *     at Batch rates, i.e. step 6's halving; `default`, `auto` and `scale` are standard.
 *  4. **Speed mode** (Anthropic `usage.speed: "fast"`): every token rate, cache rates included,
 *     is multiplied by the model's fast-mode factor.
 *  5. **Region** (Anthropic `usage.inference_geo: "us"`): every token rate × 1.1.
 *  6. **Batch** (the Batch APIs, or OpenAI flex): every token rate × 0.5.
 *  7. **Cache** rates are per kind from step 1 (or 1.25× / 2× / 0.1× of the input rate where the
 *     data lacks them) and go through steps 2-6 like every other token rate.
 *  8. **Tool fees** (web search per 1,000 requests) are added after all of the above and are NOT
 *     multiplied by tier, speed, region or batch (why: section 8 below). Web fetch is free.
 *  9. **Provider-reported cost** (OpenRouter `usage.cost`, plus the upstream cost for BYOK) replaces
 *     the total; the kinds are split in proportion to steps 1-8.
 * Steps 3-6 are products, so their order does not change the figure; each token kind's rate is
 * multiplied out once and each kind rounded once to a nano-dollar (shared/pricing/exact-cost.ts).
 */

/** What the response said about how the call was served (null: not reported). */
export interface PriceModifiers {
  /** OpenAI: default | auto | flex | priority | fast | scale. Anthropic: standard | priority | batch. */
  serviceTier?: string | null;
  /** Anthropic fast mode: "fast" | "standard". */
  speed?: string | null;
  /** Anthropic data residency: "us" | "global". */
  inferenceGeo?: string | null;
}

const CHECKED = '2026-12-07';

// ---- 2. Long-context tiers the price data lacks ------------------------------------------------

export interface OwnTier {
  /** Model id as the price data names it. */
  modelId: string;
  /** The tier applies when total input exceeds this many tokens. */
  start: number;
  /** USD per million tokens above the threshold. */
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  source: string;
}

/**
 * Claude Sonnet 4 (claude-sonnet-4-0): ≤ 200K input $3 / $15, > 200K input $6 / $22.50 for the whole
 * request; "prompt caching multipliers stack with long-context pricing" (5m write 1.25×, 1h write 2×,
 * read 0.1× of the $6 input rate). The price data (genai-prices 0.1.8) prices it flat.
 */
export const OWN_LONG_CONTEXT_TIERS: readonly OwnTier[] = [
  {
    modelId: 'claude-sonnet-4-0',
    start: 200_000,
    input: 6,
    output: 22.5,
    cacheWrite5m: 7.5,
    cacheWrite1h: 12,
    cacheRead: 0.6,
    source: `Anthropic pricing, "Long context pricing" table for Claude Sonnet 4 (docs.anthropic.com/en/docs/about-claude/pricing), checked ${CHECKED}`,
  },
];

// ---- 3. OpenAI service tiers -------------------------------------------------------------------

interface TierPrices {
  input: number;
  cacheRead: number;
  output: number;
}

export interface PriorityPrices extends TierPrices {
  /** Priority rates of a long-context request; absent when the list excludes long context. */
  long?: TierPrices;
}

/**
 * OpenAI Priority processing (renamed "Fast mode" on 2026-07-30; `service_tier: "priority"` and
 * `"fast"` both name it), USD per 1M tokens: input, cached input, output. Source:
 * https://openai.com/api-priority-processing/ and https://openai.com/api-fast-mode/, checked
 * 2026-12-07. Keyed by the price data's model id. GPT-5.5, GPT-5.4 and GPT-5.4 mini "exclude long
 * context": no long-context priority price is published for them.
 */
export const OPENAI_PRIORITY_PRICES: Readonly<Record<string, PriorityPrices>> = {
  'gpt-5.6-sol': { input: 8, cacheRead: 0.8, output: 40, long: { input: 16, cacheRead: 1.6, output: 60 } },
  'gpt-5.6-terra': { input: 4, cacheRead: 0.4, output: 24, long: { input: 8, cacheRead: 0.8, output: 36 } },
  'gpt-5.6-luna': { input: 0.4, cacheRead: 0.04, output: 2.4, long: { input: 0.8, cacheRead: 0.08, output: 3.6 } },
  'gpt-5.5': { input: 12.5, cacheRead: 1.25, output: 75 },
  'gpt-5.4-mini': { input: 1.5, cacheRead: 0.15, output: 9 },
  'gpt-5.4': { input: 5, cacheRead: 0.5, output: 30 },
  'gpt-5.2': { input: 3.5, cacheRead: 0.35, output: 28 },
  'gpt-5.1': { input: 2.5, cacheRead: 0.25, output: 20 },
  'gpt-5': { input: 2.5, cacheRead: 0.25, output: 20 },
  'gpt-5-mini': { input: 0.45, cacheRead: 0.045, output: 3.6 },
  'gpt-4.1': { input: 3.5, cacheRead: 0.875, output: 14 },
  'gpt-4.1-mini': { input: 0.7, cacheRead: 0.175, output: 2.8 },
  'gpt-4.1-nano': { input: 0.2, cacheRead: 0.05, output: 0.8 },
  'gpt-4o': { input: 4.25, cacheRead: 2.125, output: 17 },
};

/**
 * A priority call on a model without a published priority price is an estimate (unpriced): its
 * standard rates × the largest priority / standard ratio in the list above (GPT-5.5: 12.50 / 5).
 */
export const PRIORITY_UNKNOWN_FACTOR = 2.5;

export type OpenAiTier = 'standard' | 'flex' | 'priority';

/**
 * OpenAI's `service_tier` as billed. Source: https://developers.openai.com/api/docs/guides/flex-processing
 * ("Tokens are priced at Batch API rates, with additional discounts from prompt caching") and the
 * priority page above, checked 2026-12-07. `scale` (Scale Tier) is prepaid capacity with no
 * per-token list price: it is counted at standard rates.
 */
export function openAiTier(serviceTier: string | null | undefined): OpenAiTier {
  const t = (serviceTier ?? '').trim().toLowerCase();
  if (t === 'flex') return 'flex';
  if (t === 'priority' || t === 'fast') return 'priority';
  return 'standard';
}

// ---- 4. Anthropic fast mode --------------------------------------------------------------------

export interface FastModeRule {
  /** The price data's model id. */
  modelId: string;
  factor: number;
  source: string;
}

/**
 * Fast mode (`speed: "fast"`, reported back as `usage.speed`) multiplies every token rate, cache
 * rates included ("fast mode pricing stacks with other pricing modifiers"); web search calls stay at
 * the standard rate. Checked 2026-12-07.
 */
export const ANTHROPIC_FAST_MODE: readonly FastModeRule[] = [
  { modelId: 'claude-opus-4-6', factor: 6, source: 'platform.claude.com/docs/en/build-with-claude/fast-mode ("6x standard Opus rates"); code.claude.com/docs/en/fast-mode ($30/$150 on Opus 4.6)' },
  { modelId: 'claude-opus-4-7', factor: 6, source: 'code.claude.com/docs/en/fast-mode ("$30/$150 MTok on Opus 4.7 and Opus 4.6")' },
  { modelId: 'claude-opus-4-8', factor: 2, source: 'code.claude.com/docs/en/fast-mode ("$10/$50 MTok on Opus 4.8"; standard $5/$25)' },
  { modelId: 'claude-opus-5', factor: 2, source: 'Opus 5 fast at $10/$50 (standard $5/$25), as listed for anthropic/claude-opus-5-fast' },
  { modelId: 'claude-opus-5-5', factor: 2, source: 'Opus 5.5 fast at $8/$40 (standard $4/$20)' },
  { modelId: 'claude-fable-5-2', factor: 2, source: 'Claude Fable 5.2 fast mode: "2x the standard-speed token rates across all token types" (Google Cloud model card)' },
];

/** Fast mode on a model not in the list above: estimated (unpriced) at the largest factor known. */
export const FAST_MODE_UNKNOWN_FACTOR = 6;

export function isFastSpeed(speed: string | null | undefined): boolean {
  return (speed ?? '').trim().toLowerCase() === 'fast';
}

// ---- 5. Anthropic data residency ---------------------------------------------------------------

/**
 * US-only inference (`inference_geo: "us"`, reported back in `usage.inference_geo`) costs 1.1× on
 * every token rate; "global" (the default) is standard. Only Opus 4.6 and later accept the parameter
 * (older models answer 400), so a response that reports "us" is always billed so. Source:
 * platform.claude.com/docs/en/manage-claude/data-residency and docs.aws.amazon.com/claude-platform
 * /latest/userguide/data-residency ("US: ... A 1.1x pricing multiplier applies"), checked 2026-12-07.
 */
export const US_INFERENCE_MULTIPLIER = 1.1;

export function isUsOnlyInference(geo: string | null | undefined): boolean {
  return (geo ?? '').trim().toLowerCase() === 'us';
}

// ---- 8. Tool fees ------------------------------------------------------------------------------

/**
 * Web search is a fee per 1,000 searches "plus standard token costs"; the Batch API's discount is
 * published for tokens ("Batch API: 50% discount on input and output", each model's page on
 * platform.claude.com), and fast mode leaves web search "billed at the standard rate" (Google Cloud's
 * Fable 5.2 card). No provider page says the batch discount applies to tool fees, so they are never
 * discounted or multiplied here. Web fetch has no fee beyond the tokens of the fetched content
 * (platform.claude.com/docs/en/agents-and-tools/tool-use/web-fetch-tool). Code execution is billed by
 * container time with a daily free allowance, which one call cannot know: it is reconciled from the
 * provider's cost report, never priced per call. So tool fees are neither discounted by batch/flex
 * nor multiplied by tier, speed or region. Checked 2026-12-07.
 */
