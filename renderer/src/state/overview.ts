import { create } from 'zustand';
import type { DailyPoint, Day } from '../../../shared/api/contract.js';
import type { ProviderId } from '../../../shared/usage.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

export interface Period {
  start: Day;
  end: Day;
}

/**
 * Past this many calls in a period the by-model table is not built in the renderer.
 * TODO(contract): a `costByModel(SeriesQuery)` API method would make this exact at any size.
 */
export const BY_MODEL_ROW_CAP = 20_000;

/** One line of the by-model table: spend (api + batch) apart from subscription usage. */
export interface ModelRow {
  provider: ProviderId;
  model: string;
  requests: number;
  spendNano: number;
  subscriptionNano: number;
  subscriptionRequests: number;
  /** Calls of this model without a price (their cost is a conservative estimate). */
  unpriced: number;
}

interface OverviewState {
  period: Period | null;
  series: DailyPoint[] | null;
  models: ModelRow[] | null;
  modelsTooMany: boolean;
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
  modelsTooMany: false,
  error: null,

  async load(period) {
    const same = get().period?.start === period.start && get().period?.end === period.end;
    if (!same) set({ period, series: null, models: null, modelsTooMany: false });
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

/** Sum cost per (provider, model) over every call of the period, in integer nano-dollars. */
async function loadModels(period: Period): Promise<void> {
  if (modelsRunning) {
    modelsAgain = true; // a burst of events collapses into one more pass
    return;
  }
  modelsRunning = true;
  try {
    const byKey = new Map<string, ModelRow>();
    let offset = 0;
    for (;;) {
      const page = await track(getClient().listUsage({ since: period.start, until: period.end, limit: 1000, offset }));
      if (page.total > BY_MODEL_ROW_CAP) {
        if (samePeriod(period)) useOverview.setState({ models: null, modelsTooMany: true });
        return;
      }
      for (const r of page.records) {
        const key = `${r.provider}\u0000${r.model}`;
        const row = byKey.get(key) ?? { provider: r.provider, model: r.model, requests: 0, spendNano: 0, subscriptionNano: 0, subscriptionRequests: 0, unpriced: 0 };
        if (r.billing === 'subscription') {
          row.subscriptionNano += r.costNano;
          row.subscriptionRequests += 1;
        } else row.spendNano += r.costNano;
        row.requests += 1;
        if (!r.priced) row.unpriced += 1;
        byKey.set(key, row);
      }
      offset += page.records.length;
      if (page.records.length === 0 || offset >= page.total) break;
    }
    const models = [...byKey.values()].sort((a, b) => b.spendNano + b.subscriptionNano - (a.spendNano + a.subscriptionNano) || b.requests - a.requests);
    if (samePeriod(period)) useOverview.setState({ models, modelsTooMany: false });
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
