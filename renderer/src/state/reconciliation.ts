import { create } from 'zustand';
import type { Day } from '../../../shared/api/contract.js';
import type { ReconciliationRow } from '../../../shared/api/contract-providers.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface Range {
  since: Day;
  until: Day;
}

interface ReconciliationState {
  range: Range | null;
  rows: ReconciliationRow[] | null;
  error: string | null;
  load(range: Range): Promise<void>;
  refresh(): Promise<void>;
}

export const useReconciliation = create<ReconciliationState>((set, get) => ({
  range: null,
  rows: null,
  error: null,
  async load(range) {
    const current = get().range;
    if (current?.since !== range.since || current.until !== range.until) set({ range, rows: null });
    try {
      const rows = await track(getClient().listReconciliation(range));
      const now = get().range;
      if (now?.since === range.since && now.until === range.until) set({ rows, error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async refresh() {
    const range = get().range;
    if (range) await get().load(range);
  },
}));
