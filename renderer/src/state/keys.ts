import { create } from 'zustand';
import type { KeyInfo, KeyKind } from '../../../shared/api/contract.js';
import type { ProviderId } from '../../../shared/usage.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface KeysState {
  keys: KeyInfo[] | null;
  error: string | null;
  load(): Promise<void>;
  /** The key goes straight to the core; it is never kept in renderer state. */
  setKey(provider: ProviderId, kind: KeyKind, key: string, label?: string | null): Promise<string | null>;
  removeKey(provider: ProviderId, kind: KeyKind): Promise<string | null>;
}

export const useKeys = create<KeysState>((set) => ({
  keys: null,
  error: null,
  async load() {
    try {
      set({ keys: await track(getClient().listKeys()), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async setKey(provider, kind, key, label = null) {
    try {
      set({ keys: await track(getClient().setKey({ provider, kind, key, label })) });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not saved: Tokentally is not reachable.';
    }
  },
  async removeKey(provider, kind) {
    try {
      set({ keys: await track(getClient().removeKey({ provider, kind })) });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not removed: Tokentally is not reachable.';
    }
  },
}));
