import { create } from 'zustand';
import type { BudgetKey } from '../../../shared/api/contract.js';
import type { BudgetAlert, BudgetStatus, PacingSeries } from '../../../shared/api/contract-budgets.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

/** "overall", "provider:anthropic", "tag:ci": one string per budget, for maps and React keys. */
export function budgetKeyId(key: BudgetKey): string {
  return key.scope === 'overall' ? 'overall' : `${key.scope}:${key.scopeValue ?? ''}`;
}

interface PacingState {
  /** Every budget with its period and pacing, overall first; null until loaded. */
  statuses: BudgetStatus[] | null;
  /** The budget whose charts are shown (a budgetKeyId). */
  selected: string | null;
  series: PacingSeries | null;
  alerts: BudgetAlert[] | null;
  /** Hard caps are lifted until this instant; null when they hold. */
  liftedUntil: number | null;
  error: string | null;
  /** The planner is (or was) on screen: live events refresh it from then on. */
  active: boolean;
  load(): Promise<void>;
  /** Live refresh; a no-op until the planner has been opened. */
  refresh(): Promise<void>;
  select(id: string): Promise<void>;
  liftCap(): Promise<string | null>;
  restoreCap(): Promise<string | null>;
}

let generation = 0;

export const usePacing = create<PacingState>((set, get) => ({
  statuses: null,
  selected: null,
  series: null,
  alerts: null,
  liftedUntil: null,
  error: null,
  active: false,

  async load() {
    set({ active: true });
    const mine = ++generation;
    const api = getClient();
    try {
      const [statuses, alerts, lift] = await track(Promise.all([api.budgetStatuses(), api.listAlerts({ limit: 50 }), api.getCapLift()]));
      if (mine !== generation) return;
      const ids = statuses.map((s) => budgetKeyId(s.budget));
      const current = get().selected;
      const selected = current !== null && ids.includes(current) ? current : (ids[0] ?? null);
      set({ statuses, alerts, liftedUntil: lift.liftedUntil, selected, error: null });
      await loadSeries(selected, statuses);
    } catch (err) {
      if (mine === generation) set({ error: reportError(err) });
    }
  },
  async refresh() {
    if (get().active) await get().load();
  },
  async select(id) {
    set({ selected: id, series: null });
    await loadSeries(id, get().statuses ?? []);
  },
  async liftCap() {
    return capAction(() => getClient().liftCap());
  },
  async restoreCap() {
    return capAction(() => getClient().restoreCap());
  },
}));

async function loadSeries(id: string | null, statuses: readonly BudgetStatus[]): Promise<void> {
  const status = statuses.find((s) => budgetKeyId(s.budget) === id);
  if (!status) {
    usePacing.setState({ series: null });
    return;
  }
  const { scope, scopeValue } = status.budget;
  try {
    const series = await track(getClient().pacingSeries({ scope, scopeValue }));
    if (usePacing.getState().selected === id) usePacing.setState({ series });
  } catch (err) {
    usePacing.setState({ error: reportError(err) });
  }
}

async function capAction(call: () => Promise<{ liftedUntil: number | null }>): Promise<string | null> {
  try {
    const { liftedUntil } = await track(call());
    usePacing.setState({ liftedUntil });
    return null;
  } catch (err) {
    return reportError(err) ?? 'Tokentally is not reachable.';
  }
}
