import { create } from 'zustand';
import type { GuardSettings, GuardStatus } from '../../../shared/api/contract-guard.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface GuardState {
  status: GuardStatus | null;
  error: string | null;
  load(): Promise<void>;
  /** Reload only once loaded (a page showed it). */
  refresh(): Promise<void>;
  resume(tag: string | null): Promise<void>;
  save(settings: GuardSettings): Promise<void>;
}

/** The runaway-loop guard: paused tags, alarms, settings (the Savings page). */
export const useGuard = create<GuardState>((set, get) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await track(getClient().guardStatus()), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async refresh() {
    if (get().status) await get().load();
  },
  async resume(tag) {
    try {
      set({ status: await track(getClient().resumeGuard({ tag })), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async save(settings) {
    try {
      await track(getClient().updateSettings({ guard: settings }));
      await get().load();
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
}));
