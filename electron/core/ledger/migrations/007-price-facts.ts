import type { Migration } from './migration.js';

/**
 * How each call was served, as its response reported it: these facts set its price
 * (shared/pricing/price-rules.ts) and are shown in the request detail. service_tier: OpenAI
 * default | flex | priority | fast, Anthropic standard | priority | batch; speed: Anthropic fast
 * mode; inference_geo: Anthropic data residency (us | global); web_fetch_requests: Anthropic web
 * fetches (no fee of their own); byok: OpenRouter "bring your own key". NULL / 0 where not reported
 * (every row written before this migration).
 */
export const migration007: Migration = {
  version: 7,
  name: 'price-facts',
  sql: `
ALTER TABLE usage ADD COLUMN service_tier TEXT;
ALTER TABLE usage ADD COLUMN speed TEXT;
ALTER TABLE usage ADD COLUMN inference_geo TEXT;
ALTER TABLE usage ADD COLUMN web_fetch_requests INTEGER NOT NULL DEFAULT 0 CHECK (web_fetch_requests >= 0);
ALTER TABLE usage ADD COLUMN byok INTEGER NOT NULL DEFAULT 0 CHECK (byok IN (0, 1));
`,
};
