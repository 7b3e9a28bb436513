import { useProviderCatalog } from '../state/provider-catalog';

/**
 * Models offered in the planner's pickers, per provider (from the provider profiles); any other id
 * can be typed: the price data matches it or it is shown as unpriced.
 */
export function modelSuggestions(provider: string): readonly string[] {
  return useProviderCatalog.getState().byId.get(provider)?.suggestedModels ?? [];
}

/** Providers the pickers offer: those with suggested models (the built-in ones). */
export function scenarioProviders(): string[] {
  return useProviderCatalog
    .getState()
    .providers.filter((p) => p.suggestedModels.length > 0)
    .map((p) => p.id);
}
