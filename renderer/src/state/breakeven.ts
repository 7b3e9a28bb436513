import { create } from 'zustand';
import type { BreakEvenReport, ImportRunResult, ImportStatus, PlanInfo } from '../../../shared/api/contract-subscriptions.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

/** Months of history on the break-even page (the current one included). */
const HISTORY_MONTHS = 12;

interface BreakEvenState {
  /** The current periods (the glance's card and the page's head). */
  current: BreakEvenReport | null;
  /** Oldest first, ending with the current month; loaded by the page only. */
  history: BreakEvenReport[] | null;
  catalog: PlanInfo[] | null;
  importStatus: ImportStatus | null;
  importing: boolean;
  error: string | null;
  /** What is on screen: the glance needs only `current`, the page everything. */
  wants: { current: boolean; page: boolean };
  loadCurrent(): Promise<void>;
  loadPage(): Promise<void>;
  loadCatalog(): Promise<void>;
  /** The catalog again (after the user corrected a plan in Settings). */
  reloadCatalog(): Promise<void>;
  /** Live refresh of whatever has been asked for. */
  refresh(): Promise<void>;
  refreshImport(): Promise<void>;
  runImport(): Promise<ImportRunResult | { error: string }>;
}

export const useBreakEven = create<BreakEvenState>((set, get) => ({
  current: null,
  history: null,
  catalog: null,
  importStatus: null,
  importing: false,
  error: null,
  wants: { current: false, page: false },

  async loadCurrent() {
    set({ wants: { ...get().wants, current: true } });
    try {
      set({ current: await track(getClient().getBreakEven({})), error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async loadPage() {
    set({ wants: { current: true, page: true } });
    const api = getClient();
    try {
      const [history, catalog, importStatus] = await track(
        Promise.all([api.breakEvenHistory({ months: HISTORY_MONTHS }), get().catalog ? Promise.resolve(get().catalog!) : api.listPlans(), api.getImportStatus()]),
      );
      set({ history, current: history[history.length - 1] ?? null, catalog, importStatus, error: null });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async reloadCatalog() {
    try {
      set({ catalog: await track(getClient().listPlans()) });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async loadCatalog() {
    if (get().catalog) return;
    try {
      set({ catalog: await track(getClient().listPlans()) });
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async refresh() {
    const { wants } = get();
    if (wants.page) await get().loadPage();
    else if (wants.current) await get().loadCurrent();
  },
  async refreshImport() {
    if (!get().wants.page) return;
    try {
      set({ importStatus: await track(getClient().getImportStatus()) });
    } catch (err) {
      reportError(err);
    }
  },
  async runImport() {
    set({ importing: true });
    try {
      const result = await track(getClient().runImport());
      await get().refresh();
      return result;
    } catch (err) {
      return { error: reportError(err) ?? 'Tokentally is not reachable.' };
    } finally {
      set({ importing: false });
    }
  },
}));
