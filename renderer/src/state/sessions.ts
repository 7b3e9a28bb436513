import { create } from 'zustand';
import type { Day } from '../../../shared/api/contract.js';
import type { SessionsReport } from '../../../shared/api/contract-sessions.js';
import { addDays } from '../../../shared/time/zoned.js';
import { getClient } from '../api/client';
import { reportError, track } from './connection';

/** The Sessions page's periods, counted back from today. */
export const SESSION_PERIODS = [
  { id: 'week', label: 'Last 7 days', days: 7 },
  { id: 'fortnight', label: 'Last 14 days', days: 14 },
  { id: 'month', label: 'Last 30 days', days: 30 },
] as const;
type SessionPeriod = (typeof SESSION_PERIODS)[number]['id'];

interface SessionsState {
  period: SessionPeriod;
  /** One project's sessions (its working directory), or all. */
  project: string | null;
  report: SessionsReport | null;
  error: string | null;
  choose(patch: Partial<Pick<SessionsState, 'period' | 'project'>>): void;
  load(today: Day): Promise<void>;
  /** Live refresh: again what is on screen. */
  refresh(): Promise<void>;
}

let lastToday: Day | null = null;
/** An answer to an older choice is dropped. */
let generation = 0;

export const useSessions = create<SessionsState>((set, get) => ({
  period: 'week',
  project: null,
  report: null,
  error: null,

  choose(patch) {
    set({ ...patch, report: null });
    if (lastToday) void get().load(lastToday);
  },

  async load(today) {
    lastToday = today;
    const mine = ++generation;
    const days = SESSION_PERIODS.find((p) => p.id === get().period)!.days;
    const since = addDays(today, -(days - 1));
    try {
      const project = get().project;
      const report = await track(getClient().listSessions({ since, until: today, ...(project ? { project } : {}) }));
      if (mine === generation) set({ report, error: null });
    } catch (err) {
      if (mine === generation) set({ error: reportError(err) });
    }
  },

  async refresh() {
    if (lastToday && get().report) await get().load(lastToday);
  },
}));
