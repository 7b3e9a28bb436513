/**
 * The API contract's part for: coding sessions (issue 15.2): the imported Claude Code and Codex
 * sessions of a period, and the plan windows they ran under. Declare methods on SessionsApi and
 * list them in SESSIONS_METHODS; contract.ts merges both.
 */
import type { Nano } from '../money.js';
import type { ProviderId } from '../usage.js';
import type { Day } from './contract.js';

export interface SessionsQuery {
  /** First day, inclusive; omitted: 6 days before `until` (a week). */
  since?: Day;
  /** Last day, inclusive; omitted: today. */
  until?: Day;
  tz?: string;
  /** Only this project's sessions (its working directory). */
  project?: string;
}

/** One session's calls within the period (a session running past either end is cut there). */
export interface SessionSummary {
  sessionId: string;
  /** Its working directory; null when its log named none. */
  project: string | null;
  provider: ProviderId;
  /** First and last call, epoch ms. */
  startMs: number;
  endMs: number;
  calls: number;
  /** Every kind of token summed (uncached input, cache writes and reads, output, reasoning). */
  tokens: number;
  /** At API rates: what the same calls would have cost on an API key. */
  costNano: Nano;
  /** The part billed as API or batch usage (spend); the rest was a plan's. */
  spendNano: Nano;
  /** Calls of a model without a price (their cost is a conservative estimate). */
  unpriced: number;
  /** Models used, most calls first. */
  models: string[];
}

/** One cycle of a plan window: from its start to its reset, and the most of it seen used. */
export interface WindowBlock {
  provider: ProviderId;
  account: string;
  /** '5h', '7d', '7d_opus'… (shared/windows/window-names.ts). */
  window: string;
  /** Epoch ms: the reset minus the window's length, and the reset. */
  fromMs: number;
  toMs: number;
  /** The highest reading of the cycle, 0..1; null when none said. */
  used: number | null;
  /** The cycle refused calls at some reading (status rejected). */
  blocked: boolean;
  /** The cycle's last reading, epoch ms. */
  lastSeenMs: number;
}

export interface SessionsReport {
  since: Day;
  until: Day;
  tz: string;
  /** Newest first; at most SESSIONS_LIMIT. */
  sessions: SessionSummary[];
  /** More sessions matched than were returned. */
  truncated: boolean;
  /** Every cycle of every plan window that overlaps the period, by window then time. */
  windows: WindowBlock[];
}

/** The most sessions one report lists. */
export const SESSIONS_LIMIT = 2000;

export interface SessionsApi {
  /** The imported coding sessions of a period (project, start, end, calls, tokens, cost, models) and the plan windows over them. */
  listSessions(query: SessionsQuery): Promise<SessionsReport>;
}

export const SESSIONS_METHODS = {
  listSessions: true,
} as const satisfies Record<keyof SessionsApi, true>;
