import { create } from 'zustand';
import type { UsageDetail, UsagePage, UsageQuery } from '../../../shared/api/contract.js';
import type { UsageRecord } from '../../../shared/usage.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

export type UsageFilters = Pick<UsageQuery, 'provider' | 'model' | 'tag' | 'billing' | 'status' | 'since' | 'until' | 'device' | 'project'>;

const PAGE_SIZE = 100;
const MAX_PAGE = 1000;

interface UsageState {
  filters: UsageFilters;
  /** Rows loaded so far, newest first (first page plus any "load more"). */
  records: UsageRecord[];
  /** Where "load more" continues; null when every match is loaded. */
  nextCursor: string | null;
  /** Matches of the filters, as of the last first-page read. */
  total: number;
  totals: UsagePage['totals'] | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: number | null;
  detail: UsageDetail | null;
  detailError: string | null;
  setFilters(patch: Partial<UsageFilters>): void;
  clearFilters(): void;
  /** Re-read the rows on screen (same count as now) for the current filters. */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: number | null): Promise<void>;
}

/** Drop empty strings so an emptied filter input means "any". */
function cleanFilters(filters: UsageFilters): UsageFilters {
  const out: UsageFilters = {};
  for (const [key, value] of Object.entries(filters) as [keyof UsageFilters, string | undefined][]) {
    if (value !== undefined && value !== '') (out as Record<string, string>)[key] = value;
  }
  return out;
}

// Bumped on every filter change, so an answer for old filters that arrives late is dropped.
let generation = 0;

export const useUsage = create<UsageState>((set, get) => ({
  filters: {},
  records: [],
  nextCursor: null,
  total: 0,
  totals: null,
  loaded: false,
  loading: false,
  error: null,
  selectedId: null,
  detail: null,
  detailError: null,

  setFilters(patch) {
    generation++;
    set({ filters: cleanFilters({ ...get().filters, ...patch }), records: [], nextCursor: null, loaded: false });
    void get().reload();
  },
  clearFilters() {
    generation++;
    set({ filters: {}, records: [], nextCursor: null, loaded: false });
    void get().reload();
  },

  async reload() {
    const mine = generation;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().records.length));
    set({ loading: true });
    try {
      const page = await track(getClient().listUsage({ ...get().filters, limit }));
      if (mine !== generation) return;
      set({ records: page.records, nextCursor: page.nextCursor, total: page.total ?? 0, totals: page.totals, loaded: true, loading: false, error: null });
    } catch (err) {
      if (mine === generation) set({ loading: false, error: reportError(err) });
    }
  },

  async loadMore() {
    const mine = generation;
    const { filters, nextCursor } = get();
    if (nextCursor === null) return;
    set({ loading: true });
    try {
      // Keyset: the page after the last row held, however many calls arrived at the top meanwhile.
      const page = await track(getClient().listUsage({ ...filters, limit: PAGE_SIZE, cursor: nextCursor }));
      if (mine !== generation) return;
      // A reload may have replaced the rows meanwhile; never show one twice.
      const seen = new Set(get().records.map((r) => r.id));
      const more = page.records.filter((r) => !seen.has(r.id));
      set({ records: [...get().records, ...more], nextCursor: page.nextCursor, loading: false, error: null });
    } catch (err) {
      if (mine === generation) set({ loading: false, error: reportError(err) });
    }
  },

  async select(id) {
    set({ selectedId: id, detail: null, detailError: null });
    if (id === null) return;
    try {
      const detail = await track(getClient().getUsage({ id }));
      if (get().selectedId !== id) return;
      set({ detail, detailError: detail ? null : 'This call is no longer in the ledger.' });
    } catch (err) {
      if (get().selectedId === id) set({ detailError: reportError(err) });
    }
  },
}));
