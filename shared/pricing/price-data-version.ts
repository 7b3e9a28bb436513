/**
 * Version of the price data, stored with every priced row so a cost can be traced to its rates.
 * The package's exports map does not expose its package.json and shared/ may not read the disk,
 * so the installed version is written here; test/unit/pricing-data-version.test.ts fails the
 * moment it differs from node_modules/@pydantic/genai-prices/package.json.
 */
export const GENAI_PRICES_VERSION = '0.1.8';

export const PRICE_DATA_VERSION = `genai-prices@${GENAI_PRICES_VERSION}`;
