export { priceUsage, quoteUsage, normaliseTokens, type PriceArgs, type PriceQuote } from './price-usage.js';
export { ratesFor, type PerMTokRates, type KindRates } from './per-mtok.js';
export { PRICE_DATA_VERSION, GENAI_PRICES_VERSION } from './price-data-version.js';
export { formatBreakdown } from './format-breakdown.js';
export { matchModel, installPriceData, useBundledPriceData, priceDataInfo, currentPriceVersion, type DataMatch, type PriceDataInfo } from './price-data.js';
export { validatePriceData, type PriceDataSummary } from './validate-price-data.js';
export { findOverride } from './override-rates.js';
export {
  CACHE_WRITE_5M_MULTIPLIER,
  CACHE_WRITE_1H_MULTIPLIER,
  WEB_SEARCH_USD_PER_THOUSAND,
  type AppliedRates,
} from './model-rates.js';
export { costNano, allocateNano } from './exact-cost.js';
export { costAtRates, type RepriceRates } from './cost-at-rates.js';
