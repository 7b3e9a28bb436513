import { create } from 'zustand';
import type { Summary } from '../../../shared/api/contract.js';
import { addDays } from '../../../shared/time/zoned.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

/** Today's split of one top model: spend (API + batch) apart from plan usage at API rates. */
export interface TopModelSplit {
  spendNano: number;
  planNano: number;
}

interface TopTodayState {
  /** By "provider/model"; for the summary computed at `forNow`. */
  split: Record<string, TopModelSplit>;
  forNow: number | null;
  load(summary: Summary): Promise<void>;
}

export function topModelKey(m: { provider: string; model: string }): string {
  return `${m.provider}/${m.model}`;
}

/** The summary's day "today" (its zone): the period's last day minus the days left after today. */
export function summaryToday(s: Summary): string {
  return addDays(s.period.end, -(s.period.daysLeft - 1));
}

/**
 * The summary ranks today's models by API-equivalent cost, plan usage included; the glance shows
 * what counts as spend, so each of the (at most three) models gets its own exact totals.
 */
export const useTopToday = create<TopTodayState>((set, get) => ({
  split: {},
  forNow: null,
  async load(summary) {
    if (get().forNow === summary.now) return;
    set({ forNow: summary.now });
    const today = summaryToday(summary);
    const api = getClient();
    try {
      const pages = await track(
        Promise.all(summary.topModelsToday.map((m) => api.listUsage({ since: today, until: today, tz: summary.tz, provider: m.provider, model: m.model, limit: 1 }))),
      );
      if (get().forNow !== summary.now) return;
      const split: Record<string, TopModelSplit> = {};
      summary.topModelsToday.forEach((m, i) => {
        const totals = pages[i]!.totals;
        split[topModelKey(m)] = { spendNano: totals.spendNano, planNano: totals.costNano - totals.spendNano };
      });
      set({ split });
    } catch (err) {
      reportError(err);
    }
  },
}));
