import { create } from 'zustand';
import type { AdvisorReport } from '../../../shared/api/contract-advisor.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface AdvisorState {
  report: AdvisorReport | null;
  showDismissed: boolean;
  error: string | null;
  load(): Promise<void>;
  setShowDismissed(show: boolean): Promise<void>;
  dismiss(id: string): Promise<void>;
  restore(id: string): Promise<void>;
}

/** The savings advisor's findings (the advisor page). */
export const useAdvisor = create<AdvisorState>((set, get) => ({
  report: null,
  showDismissed: false,
  error: null,
  async load() {
    try {
      const report = await track(getClient().listFindings({ includeDismissed: get().showDismissed }));
      set({ report, error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async setShowDismissed(show) {
    set({ showDismissed: show });
    await get().load();
  },
  async dismiss(id) {
    try {
      await track(getClient().dismissFinding({ id }));
      await get().load();
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async restore(id) {
    try {
      await track(getClient().restoreFinding({ id }));
      await get().load();
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
}));
