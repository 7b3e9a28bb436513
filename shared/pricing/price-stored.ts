/**
 * A stored call priced again by the price data in force: its own provider, model, tokens, billing,
 * service tier, speed and region, at the time it was made. Re-pricing the ledger, the request
 * detail's breakdown and the reconcile gaps each price a stored row this way; a live call is priced
 * from its facts on the way through (electron/core/proxy/call-record.ts).
 */
import type { CostBreakdown, PriceOverride } from '../api/contract.js';
import type { NewUsageRecord } from '../usage.js';
import { priceUsage } from './price-usage.js';

type StoredCall = Pick<NewUsageRecord, 'provider' | 'model' | 'billing' | 'time' | 'serviceTier' | 'speed' | 'inferenceGeo'> & Parameters<typeof priceUsage>[0]['tokens'];

export function priceStoredCall(r: StoredCall, overrides?: readonly PriceOverride[]): CostBreakdown {
  return priceUsage({
    provider: r.provider,
    model: r.model,
    tokens: r,
    batch: r.billing === 'batch',
    serviceTier: r.serviceTier ?? null,
    speed: r.speed ?? null,
    inferenceGeo: r.inferenceGeo ?? null,
    overrides,
    at: new Date(r.time),
  });
}
