import { create } from 'zustand';
import type { KeyKind } from '../../../shared/api/contract.js';
import type { KeyTestResult, ProviderSyncStatus } from '../../../shared/api/contract-providers.js';
import type { ProviderId } from '../../../shared/usage.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface ProvidersState {
  sync: ProviderSyncStatus[] | null;
  /** Providers being polled right now (their "Poll now" shows progress). */
  polling: ProviderId[];
  error: string | null;
  active: boolean;
  load(): Promise<void>;
  refresh(): Promise<void>;
  /** Poll one provider now; resolves to an error message, or null. */
  poll(provider: ProviderId): Promise<string | null>;
  /** Test the stored key, or `key` without storing it. The key is never kept here. */
  test(provider: ProviderId, kind: KeyKind, key?: string): Promise<KeyTestResult | { error: string }>;
}

export const useProviders = create<ProvidersState>((set, get) => ({
  sync: null,
  polling: [],
  error: null,
  active: false,

  async load() {
    set({ active: true });
    try {
      set({ sync: await track(getClient().listProviderSync()), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async refresh() {
    if (get().active) await get().load();
  },
  async poll(provider) {
    set({ polling: [...get().polling, provider] });
    try {
      set({ sync: await track(getClient().pollProviders({ provider })), error: null });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Tokentally is not reachable.';
    } finally {
      set({ polling: get().polling.filter((p) => p !== provider) });
    }
  },
  async test(provider, kind, key) {
    try {
      return await track(getClient().testProviderKey(key === undefined ? { provider, kind } : { provider, kind, key }));
    } catch (err) {
      return { error: reportError(err) ?? 'Tokentally is not reachable.' };
    }
  },
}));
