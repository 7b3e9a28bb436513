export { priceUsage, quoteUsage, normaliseTokens, type PriceArgs } from './price-usage.js';
export { priceStoredCall } from './price-stored.js';
export { ratesFor, type PerMTokRates } from './per-mtok.js';
export type { KindRates } from './model-rates.js';
export { PRICE_DATA_VERSION, GENAI_PRICES_VERSION } from './price-data-version.js';
export { formatBreakdown } from './format-breakdown.js';
export { matchModel, installPriceData, useBundledPriceData, priceDataInfo, type PriceDataInfo } from './price-data.js';
export { costNano, allocateNano } from './exact-cost.js';
export { costAtRates } from './cost-at-rates.js';
