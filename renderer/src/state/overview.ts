import { create } from 'zustand';
import type { DailyPoint, Day, ModelUsage } from '../../../shared/api/contract.js';
import type { UsageGroupBy, UsageGroupsReport } from '../../../shared/api/contract-groups.js';
import type { DayRange, RangePreset } from '../../../shared/report/date-range.js';
import { daysBetween } from '../../../shared/time/zoned.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

interface Period {
  start: Day;
  end: Day;
}

/** What to load: whole days, both ends included; no start means from the ledger's first call (all time). */
export interface RangeRequest {
  start?: Day;
  end: Day;
}

/** One line of the by-model table: spend (api + batch) apart from subscription usage. */
export type ModelRow = ModelUsage;

/** The daily chart draws at most this many days (the API's limit); a longer range is drawn by month in the group chart. */
const DAILY_CHART_MAX_DAYS = 400;

interface OverviewState {
  preset: RangePreset;
  custom: Partial<DayRange>;
  groupBy: UsageGroupBy;
  /** The days shown (all time resolved to the first call's day). */
  period: Period | null;
  /** Null while loading, or when the period is too long for a bar a day. */
  series: DailyPoint[] | null;
  models: ModelRow[] | null;
  groups: UsageGroupsReport | null;
  error: string | null;
  choose(patch: Partial<Pick<OverviewState, 'preset' | 'custom' | 'groupBy'>>): void;
  load(range: RangeRequest): Promise<void>;
  /** Live refresh of whatever is on screen. */
  refresh(): Promise<void>;
}

let lastRequest: RangeRequest | null = null;
/** Each load counts; an answer to an older one is dropped (the user chose another period meanwhile). */
let generation = 0;
let refreshing = false;
let refreshAgain = false;

export const useOverview = create<OverviewState>((set, get) => ({
  preset: 'this-month',
  custom: {},
  groupBy: 'model',
  period: null,
  series: null,
  models: null,
  groups: null,
  error: null,

  choose(patch) {
    set(patch);
  },

  async load(range) {
    const changed = lastRequest?.start !== range.start || lastRequest?.end !== range.end || get().groups?.groupBy !== get().groupBy;
    lastRequest = range;
    const mine = ++generation;
    if (changed) set({ series: null, models: null, groups: null });
    try {
      const client = getClient();
      const groups = await track(client.usageGroups({ since: range.start, until: range.end, groupBy: get().groupBy }));
      if (mine !== generation) return;
      const period = { start: groups.since, end: groups.until };
      set({ groups, period, error: null });
      const daily = daysBetween(period.start, period.end) < DAILY_CHART_MAX_DAYS;
      const [series, models] = await Promise.all([
        daily ? track(client.dailySeries({ since: period.start, until: period.end })) : Promise.resolve(null),
        track(client.usageByModel({ since: period.start, until: period.end })),
      ]);
      if (mine === generation) set({ series, models });
    } catch (err) {
      if (mine === generation) set({ error: reportError(err) });
    }
  },

  async refresh() {
    // A burst of live events collapses into one more pass after the running one.
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    if (!lastRequest) return;
    refreshing = true;
    try {
      await get().load(lastRequest);
    } finally {
      refreshing = false;
      if (refreshAgain) {
        refreshAgain = false;
        void get().refresh();
      }
    }
  },
}));
