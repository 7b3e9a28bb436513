import { create } from 'zustand';
import type { DailyPoint, Day, ModelUsage } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

export interface Period {
  start: Day;
  end: Day;
}

/** One line of the by-model table: spend (api + batch) apart from subscription usage. */
export type ModelRow = ModelUsage;

interface OverviewState {
  period: Period | null;
  series: DailyPoint[] | null;
  models: ModelRow[] | null;
  error: string | null;
  load(period: Period): Promise<void>;
  /** Live refresh of whatever period is on screen. */
  refresh(): Promise<void>;
}

let modelsRunning = false;
let modelsAgain = false;

export const useOverview = create<OverviewState>((set, get) => ({
  period: null,
  series: null,
  models: null,
  error: null,

  async load(period) {
    const same = get().period?.start === period.start && get().period?.end === period.end;
    if (!same) set({ period, series: null, models: null });
    await Promise.all([loadSeries(period), loadModels(period)]);
  },
  async refresh() {
    const period = get().period;
    if (period) await get().load(period);
  },
}));

async function loadSeries(period: Period): Promise<void> {
  try {
    const series = await track(getClient().dailySeries({ since: period.start, until: period.end }));
    if (samePeriod(period)) useOverview.setState({ series, error: null });
  } catch (err) {
    useOverview.setState({ error: reportError(err) });
  }
}

/** Cost per (provider, model), summed by the core. A burst of events collapses into one more pass. */
async function loadModels(period: Period): Promise<void> {
  if (modelsRunning) {
    modelsAgain = true;
    return;
  }
  modelsRunning = true;
  try {
    const models = await track(getClient().usageByModel({ since: period.start, until: period.end }));
    if (samePeriod(period)) useOverview.setState({ models });
  } catch (err) {
    useOverview.setState({ error: reportError(err) });
  } finally {
    modelsRunning = false;
    if (modelsAgain) {
      modelsAgain = false;
      const current = useOverview.getState().period;
      if (current) void loadModels(current);
    }
  }
}

function samePeriod(period: Period): boolean {
  const current = useOverview.getState().period;
  return current?.start === period.start && current.end === period.end;
}
