import { create } from 'zustand';
import type { ProviderInfo } from '../../../shared/api/contract-providers.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface ProviderCatalogState {
  /** Every provider the core knows (its registry: built-in, then custom), in order; empty until loaded. */
  providers: ProviderInfo[];
  byId: ReadonlyMap<string, ProviderInfo>;
  load(): Promise<void>;
}

/** The providers, as the core's registry lists them: every provider menu and label reads this. */
export const useProviderCatalog = create<ProviderCatalogState>((set) => ({
  providers: [],
  byId: new Map(),
  async load() {
    try {
      const providers = await track(getClient().listProviders());
      set({ providers, byId: new Map(providers.map((p) => [p.id, p])) });
    } catch (err) {
      reportError(err);
    }
  },
}));

/** "OpenRouter" for "openrouter"; a provider the catalog does not know, as it is named. */
export function providerLabel(id: string): string {
  return useProviderCatalog.getState().byId.get(id)?.label ?? id;
}

