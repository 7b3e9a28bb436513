/**
 * Rates of one model in our own terms: one rate per disjoint token kind of shared/usage.ts.
 * genai-prices prices nested units (cache reads and writes are parts of input_tokens, reasoning
 * a part of output_tokens); a kind with no price of its own is billed at its parent's rate,
 * which is what the library does too. The only departures are the cache-write rules below.
 */
import type { ModelPrice } from '@pydantic/genai-prices';

/** Applies when the request's TOTAL input tokens (uncached + cache writes + cache reads) exceed `start`. */
interface RateTier {
  start: number;
  price: number;
}

/** USD per million tokens, optionally stepping up for long-context requests. */
export interface TieredRate {
  base: number;
  /** Ascending by start. */
  tiers: readonly RateTier[];
}

export interface ModelRates {
  input: TieredRate;
  output: TieredRate;
  reasoning: TieredRate;
  cacheRead: TieredRate;
  cacheWrite5m: TieredRate;
  cacheWrite1h: TieredRate;
  /** USD per 1,000 web search requests. */
  webSearchPerThousand: number;
  /** USD per 1,000 requests, charged once per request that used tokens (e.g. Perplexity's search fee). */
  requestFeePerThousand: number;
}

/** USD per million tokens of each disjoint kind (shared/usage.ts). */
export interface KindRates {
  input: number;
  output: number;
  /** Reasoning tokens are output tokens; equal to `output` unless the data prices them apart. */
  reasoning: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** The rates in force for one request (tier chosen), before any batch discount. USD per million tokens. */
export interface AppliedRates extends KindRates {
  webSearchPerThousand: number;
  requestFeePerThousand: number;
  /** A long-context tier was applied to at least one kind. */
  longContext: boolean;
}

/** Anthropic prompt caching: a 5-minute write costs 1.25× base input, a 1-hour write 2×. */
const CACHE_WRITE_5M_MULTIPLIER = 1.25;
const CACHE_WRITE_1H_MULTIPLIER = 2;

/**
 * Used only when the data has no web_searches_kcount for the model (it has $10 for every current
 * Claude model). Source: Anthropic web search tool pricing, "$10 per 1,000 searches",
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/web-search-tool
 */
const WEB_SEARCH_USD_PER_THOUSAND = 10;

export function flatRate(price: number): TieredRate {
  return { base: price, tiers: [] };
}

function scaleRate(rate: TieredRate, factor: number): TieredRate {
  return { base: rate.base * factor, tiers: rate.tiers.map((t) => ({ start: t.start, price: t.price * factor })) };
}

function tieredFromData(value: ModelPrice[string]): TieredRate | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return flatRate(value);
  const tiers = [...value.tiers].map((t) => ({ start: t.start, price: t.price })).sort((a, b) => a.start - b.start);
  return { base: value.base, tiers };
}

/** The kinds a price set of the data prices itself; absent kinds are derived by completeRates. */
export type DataRates = Partial<ModelRates>;

function dataRates(price: ModelPrice): DataRates {
  const rates: DataRates = {};
  const set = <K extends keyof ModelRates>(kind: K, value: ModelRates[K] | undefined): void => {
    if (value !== undefined) rates[kind] = value;
  };
  set('input', tieredFromData(price['input_mtok']));
  set('output', tieredFromData(price['output_mtok']));
  set('reasoning', tieredFromData(price['output_reasoning_mtok']));
  set('cacheRead', tieredFromData(price['cache_read_mtok']));
  // The data's cache_write_mtok is Anthropic's 5-minute write price.
  set('cacheWrite5m', tieredFromData(price['cache_write_5m_mtok']) ?? tieredFromData(price['cache_write_mtok']));
  set('cacheWrite1h', tieredFromData(price['cache_write_1h_mtok']));
  set('webSearchPerThousand', flatOnly(price['web_searches_kcount']));
  set('requestFeePerThousand', flatOnly(price['requests_kcount']));
  return rates;
}

/**
 * Fill the kinds the data does not price: reasoning and cache reads at their parent's rate (as
 * genai-prices bills an unpriced sub-unit), cache writes at 1.25× / 2× input, web search at $10 per 1,000.
 */
export function completeRates(rates: DataRates): ModelRates {
  const input = rates.input ?? flatRate(0);
  const output = rates.output ?? flatRate(0);
  return {
    input,
    output,
    reasoning: rates.reasoning ?? output,
    cacheRead: rates.cacheRead ?? input,
    cacheWrite5m: rates.cacheWrite5m ?? scaleRate(input, CACHE_WRITE_5M_MULTIPLIER),
    cacheWrite1h: rates.cacheWrite1h ?? scaleRate(input, CACHE_WRITE_1H_MULTIPLIER),
    webSearchPerThousand: rates.webSearchPerThousand ?? WEB_SEARCH_USD_PER_THOUSAND,
    requestFeePerThousand: rates.requestFeePerThousand ?? 0,
  };
}

const fromData = new WeakMap<ModelPrice, ModelRates>();

/** Our rates from one price set of the data (the one in force, as calcPrice chose it). */
export function ratesFromModelPrice(price: ModelPrice): ModelRates {
  let rates = fromData.get(price);
  if (!rates) {
    rates = completeRates(dataRates(price));
    fromData.set(price, rates);
  }
  return rates;
}

function flatOnly(value: ModelPrice[string]): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.base;
}

/** Same rule as genai-prices: the last tier whose start the total input exceeds (strictly). */
export function resolveTier(rate: TieredRate, totalInput: number): { price: number; tiered: boolean } {
  let price = rate.base;
  let tiered = false;
  for (const tier of rate.tiers) {
    if (totalInput > tier.start) {
      price = tier.price;
      tiered = true;
    }
  }
  return { price, tiered };
}

/** The long-context tier, when reached, applies to the whole request: every kind that has one. */
export const TOKEN_RATE_KINDS = ['input', 'output', 'reasoning', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;

export function applyTier(rates: ModelRates, totalInput: number): AppliedRates {
  // Spelled out, not looped over TOKEN_RATE_KINDS into a keyed object: this runs once per priced
  // record (an import prices tens of thousands) and the keyed version was most of its cost.
  const input = resolveTier(rates.input, totalInput);
  const output = resolveTier(rates.output, totalInput);
  const reasoning = resolveTier(rates.reasoning, totalInput);
  const cacheRead = resolveTier(rates.cacheRead, totalInput);
  const cacheWrite5m = resolveTier(rates.cacheWrite5m, totalInput);
  const cacheWrite1h = resolveTier(rates.cacheWrite1h, totalInput);
  return {
    input: input.price,
    output: output.price,
    reasoning: reasoning.price,
    cacheRead: cacheRead.price,
    cacheWrite5m: cacheWrite5m.price,
    cacheWrite1h: cacheWrite1h.price,
    webSearchPerThousand: rates.webSearchPerThousand,
    requestFeePerThousand: rates.requestFeePerThousand,
    longContext: input.tiered || output.tiered || reasoning.tiered || cacheRead.tiered || cacheWrite5m.tiered || cacheWrite1h.tiered,
  };
}

/** Lowest total-input threshold above which some kind's rate changes, or null for flat pricing. */
export function firstTierStart(rates: ModelRates): number | null {
  const starts = TOKEN_RATE_KINDS.flatMap((kind) => rates[kind].tiers.map((t) => t.start));
  return starts.length === 0 ? null : Math.min(...starts);
}
