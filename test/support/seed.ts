import { priceUsage } from '../../shared/pricing/index.js';
import { ZERO_TOKENS, type NewUsageRecord, type TokenCounts } from '../../shared/usage.js';

/** A usage record priced by the real price data, for seeding ledgers in tests. */
export function pricedRecord(partial: Partial<NewUsageRecord> & { time: number; model: string; tokens?: Partial<TokenCounts> }): NewUsageRecord {
  const provider = partial.provider ?? 'anthropic';
  const tokens: TokenCounts = { ...ZERO_TOKENS, ...partial.tokens };
  const billing = partial.billing ?? 'api';
  const price = priceUsage({ provider, model: partial.model, tokens, batch: billing === 'batch' });
  const { tokens: _omit, ...rest } = partial;
  return {
    provider,
    billing,
    source: 'proxy',
    tag: null,
    status: 'ok',
    stream: false,
    costNano: price.totalNano,
    priced: price.priced,
    costSource: price.costSource,
    priceVersion: price.priceVersion,
    latencyMs: 1200,
    ttftMs: null,
    requestId: null,
    externalId: null,
    endpoint: '/v1/messages',
    httpStatus: 200,
    errorMessage: null,
    ...tokens,
    ...rest,
  };
}
