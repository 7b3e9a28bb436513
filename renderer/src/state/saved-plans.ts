import { create } from 'zustand';
import type { PlanVsActual, SavedPlan, WorkloadRow } from '../../../shared/api/contract-budgets.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface SavedPlansState {
  plans: SavedPlan[] | null;
  /** Each plan against this period's actual spend, by plan id. */
  vsActual: Record<number, PlanVsActual>;
  error: string | null;
  active: boolean;
  load(): Promise<void>;
  /** Live refresh (actual spend moves with every call); a no-op until the planner was opened. */
  refresh(): Promise<void>;
  /** Resolves to the saved plan's id, or an error message. */
  save(args: { id?: number; name: string; rows: WorkloadRow[] }): Promise<{ id: number } | { error: string }>;
  remove(id: number): Promise<string | null>;
}

export const useSavedPlans = create<SavedPlansState>((set, get) => ({
  plans: null,
  vsActual: {},
  error: null,
  active: false,

  async load() {
    set({ active: true });
    try {
      const plans = await track(getClient().listSavedPlans());
      set({ plans, error: null });
      await loadVsActual(plans);
    } catch (err) {
      set({ error: reportError(err) });
    }
  },
  async refresh() {
    if (get().active) await get().load();
  },
  async save(args) {
    try {
      const before = new Set((get().plans ?? []).map((p) => p.id));
      const plans = await track(getClient().saveSavedPlan(args));
      set({ plans });
      void loadVsActual(plans);
      // A new plan is the one id we did not have; a replaced one keeps its id.
      const id = args.id ?? plans.find((p) => !before.has(p.id))?.id ?? plans[0]?.id ?? 0;
      return { id };
    } catch (err) {
      return { error: reportError(err) ?? 'Not saved: Tokentally is not reachable.' };
    }
  },
  async remove(id) {
    try {
      const plans = await track(getClient().removeSavedPlan({ id }));
      const vsActual = { ...get().vsActual };
      delete vsActual[id];
      set({ plans, vsActual });
      return null;
    } catch (err) {
      return reportError(err) ?? 'Not removed: Tokentally is not reachable.';
    }
  },
}));

async function loadVsActual(plans: readonly SavedPlan[]): Promise<void> {
  try {
    const api = getClient();
    const results = await track(Promise.all(plans.map((p) => api.savedPlanVsActual({ id: p.id }))));
    useSavedPlans.setState({ vsActual: Object.fromEntries(results.map((r) => [r.plan.id, r])) });
  } catch (err) {
    useSavedPlans.setState({ error: reportError(err) });
  }
}
