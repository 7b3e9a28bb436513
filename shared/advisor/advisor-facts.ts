/** The prices and provider facts the advisor uses, from the price data (overrides applied) and the provider registry. */
import type { PriceOverride } from '../api/contract.js';
import { priceUsage, ratesFor, type PerMTokRates } from '../pricing/index.js';
import type { ProviderRegistry } from '../providers/index.js';
import type { AdvisorFacts } from './advisor-input.js';

export function advisorFacts(registry: ProviderRegistry, overrides: readonly PriceOverride[]): AdvisorFacts {
  const rates = new Map<string, PerMTokRates | null>();
  return {
    rates(provider, model) {
      const key = `${provider}\u0000${model}`;
      if (!rates.has(key)) rates.set(key, ratesFor(provider, model, undefined, overrides));
      return rates.get(key)!;
    },
    priceNano: (args) => priceUsage({ ...args, overrides }).totalNano,
    provider(id) {
      const p = registry.get(id);
      if (!p) return null;
      return { halfPriceAsync: p.halfPriceAsync, promptCaching: p.promptCaching, models: p.suggestedModels };
    },
  };
}
