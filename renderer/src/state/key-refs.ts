import { create } from 'zustand';
import type { KeyRefInfo } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface KeyRefsState {
  /** API keys by fingerprint (stored, or seen in calls), with their labels; null until loaded. */
  refs: KeyRefInfo[] | null;
  load(): Promise<void>;
  /** Name a key; resolves to an error message, or null. */
  label(keyRef: string, label: string | null): Promise<string | null>;
}

/** Keys by fingerprint: what a budget per API key chooses from. */
export const useKeyRefs = create<KeyRefsState>((set) => ({
  refs: null,
  async load() {
    try {
      set({ refs: await track(getClient().listKeyRefs()) });
    } catch (err) {
      reportError(err);
    }
  },
  async label(keyRef, label) {
    try {
      set({ refs: await track(getClient().labelKey({ keyRef, label })) });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not saved: Tokentally is not reachable.';
    }
  },
}));

/** How a key is named in menus: its label, else its masked hint, else its fingerprint. */
export function keyRefName(k: KeyRefInfo): string {
  return k.label ?? (k.stored ? `${k.stored.hint} (stored ${k.stored.provider} key)` : `${k.keyRef} (${k.provider ?? 'unknown provider'})`);
}
