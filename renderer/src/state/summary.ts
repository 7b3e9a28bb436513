import { create } from 'zustand';
import type { Summary } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface SummaryState {
  summary: Summary | null;
  /** null while unknown; true when the ledger holds no usage at all (a new user). */
  ledgerEmpty: boolean | null;
  error: string | null;
  load(): Promise<void>;
}

/** The period has nothing in it: only then is it worth asking whether the ledger is empty. */
function periodLooksEmpty(s: Summary): boolean {
  return s.spentNano === 0 && s.subscriptionCostNano === 0 && s.requestsToday === 0 && s.unpricedThisPeriod === 0 && (s.windows?.length ?? 0) === 0;
}

export const useSummary = create<SummaryState>((set) => ({
  summary: null,
  ledgerEmpty: null,
  error: null,
  async load() {
    const api = getClient();
    try {
      const summary = await track(api.getSummary());
      let ledgerEmpty = false;
      if (periodLooksEmpty(summary)) {
        const probe = await api.listUsage({ limit: 1 });
        ledgerEmpty = probe.total === 0;
      }
      set({ summary, ledgerEmpty, error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
}));
