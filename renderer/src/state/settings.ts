import { create } from 'zustand';
import type { AppStatus, Settings } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface SettingsState {
  settings: Settings | null;
  status: AppStatus | null;
  error: string | null;
  load(): Promise<void>;
  loadStatus(): Promise<void>;
  /** Saves a patch; resolves to an error message for the form, or null on success. */
  update(patch: Partial<Settings>): Promise<string | null>;
}

/**
 * Bumped by every load and save: a load answered after a later save (or load) began would put
 * back settings older than the ones on screen (a removed subscription reappearing), so it is dropped.
 */
let generation = 0;

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  status: null,
  error: null,
  async load() {
    const mine = ++generation;
    try {
      const [settings, status] = await track(Promise.all([getClient().getSettings(), getClient().getStatus()]));
      if (mine !== generation) {
        set({ status, error: null });
        return;
      }
      set({ settings, status, error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async loadStatus() {
    try {
      set({ status: await track(getClient().getStatus()) });
    } catch (err) {
      reportError(err);
    }
  },
  async update(patch) {
    generation++;
    try {
      const settings = await track(getClient().updateSettings(patch));
      set({ settings });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not saved: Tokentally is not reachable.';
    }
  },
}));
