/**
 * The API contract's part for: Plan windows (issue 11): the 5-hour and weekly usage windows of
 * subscription plans, and the one runway that ranks them with the dollar budgets.
 * Declare methods on WindowsApi and list them in WINDOWS_METHODS; contract.ts merges both.
 *
 * A window's `used` is a fraction 0..1; instants the API returns are ISO 8601 strings (epoch ms
 * inside the core and in WindowSnapshot, which the parsers produce).
 */
import type { ProviderId } from '../usage.js';

/**
 * Where a snapshot came from: the proxy (response headers of subscription calls), the Codex
 * session logs (token_count events), Claude Code's own cached copy in ~/.claude.json, or Claude
 * Code's status-line input (fed by the status-line command of a later issue).
 */
export type WindowSource = 'proxy' | 'codex' | 'claude-state' | 'statusline';

/** The account of a snapshot whose source names none: one subscription account per provider. */
export const DEFAULT_WINDOW_ACCOUNT = 'default';

/** One window as a parser read it. */
export interface WindowReading {
  /** Normalised name: '5h', '7d', '7d_opus', '7d_sonnet', 'overage'…; unknown names are kept as sent (lower-case). */
  window: string;
  /** Share of the window used, 0..1; null when not sent. */
  used: number | null;
  /** Epoch ms the window reopens; null when not sent. */
  resetsAt: number | null;
  /** As sent: 'allowed' | 'allowed_warning' | 'rejected' (Anthropic); null when not sent. */
  status: string | null;
  /** The window's length, when known (Codex sends it; Anthropic's names carry it: 5h, 7d). */
  windowMinutes: number | null;
}

/** What one response, log line or state file said about one account's windows at one instant. */
export interface WindowSnapshot {
  provider: ProviderId;
  /** The organization id the responses carry (anthropic-organization-id), else 'default'. */
  account: string;
  source: WindowSource;
  /** Epoch ms the figures were observed. */
  at: number;
  /** The account's overall status (anthropic-ratelimit-unified-status), or null. */
  status: string | null;
  /** The window that binds (representative claim), normalised like WindowReading.window; or null. */
  binding: string | null;
  windows: WindowReading[];
}

/** Where a window stands now: its latest snapshot with its pace and projection. */
export interface PlanWindow {
  provider: ProviderId;
  account: string;
  /** The user's label for the account, else a default ("Claude", "Claude (org …4f2a)"). */
  accountLabel: string;
  window: string;
  /** "5-hour", "Weekly", "Weekly (Opus)"… */
  label: string;
  source: WindowSource;
  /** When the figures were observed (ISO 8601) and how long ago, in ms. */
  observedAt: string;
  ageMs: number;
  used: number | null;
  resetsAt: string | null;
  windowMinutes: number | null;
  status: string | null;
  /** The account's overall status at that instant. */
  overallStatus: string | null;
  /** This window is the one that binds (the representative claim). */
  binding: boolean;
  /** The figures no longer describe the window: its reset has passed, or they are older than the window. */
  stale: boolean;
  staleReason: 'reset-passed' | 'older-than-window' | null;
  /** Refused: the window's status is 'rejected' (and the snapshot is not stale). */
  blocked: boolean;
  projection: WindowProjection;
}

/** A window's pace and where it leads (shared/windows/pace.ts). */
export interface WindowProjection {
  /** ms until the reset (negative once passed); null without a reset time. */
  msToReset: number | null;
  /** Share of the window's time gone when observed, 0..1; null without its length and reset. */
  elapsed: number | null;
  /** used − elapsed: +0.11 is 11 points ahead of an even spend of the window; null when either is unknown. */
  paceDelta: number | null;
  /** At the pace so far the window is used up at this instant (ISO 8601); null when not projected (stale, no use yet, no pace). */
  exhaustsAt: string | null;
  /** exhaustsAt comes before the reset; false when not projected; null when the reset is unknown. */
  runsOutBeforeReset: boolean | null;
}

/** One constraint of the runway: a dollar budget or a plan window. */
export interface RunwayItem {
  kind: 'budget' | 'window';
  /** Stable key: "budget:overall", "budget:provider:openai", "window:anthropic:<account>:5h". */
  key: string;
  /** "Monthly budget", "Claude 5-hour"… */
  label: string;
  /** What the tray title shows: "5h 84% · resets 16:40", "$38.20 left". */
  short: string;
  /** Share used, 0..1 (a budget: spent / budget); null when unknown. */
  used: number | null;
  /** When it resets (a budget: its period's end), ISO 8601; null when unknown. */
  resetsAt: string | null;
  /** At the pace so far it is used up at this instant; null when not projected. */
  exhaustsAt: string | null;
  runsOutBeforeReset: boolean;
  /** A rejected window, or a hard budget at its cap: calls are refused now. */
  blocked: boolean;
  stale: boolean;
  /** Age of the window's snapshot in ms (budgets: 0, they are read from the ledger). */
  ageMs: number;
}

/**
 * What a full plan window is worth at API prices, from the windows seen filling in a plan period
 * (shared/windows/window-value.ts): the subscription calls logged between two readings of the
 * window, priced at API rates, divided by how much `used` moved, summed over the period.
 */
export interface PlanWindowValue {
  account: string;
  accountLabel: string;
  window: string;
  /** "5-hour", "Weekly"… */
  label: string;
  /** Window cycles (resets) in which a change was seen. */
  cycles: number;
  /** Σ Δused observed, in windows (0.4 = 40 points). */
  observedUsed: number;
  /** API-priced cost of the calls logged while those changes were seen. */
  costNano: number;
  /** A full window at API prices; null when too little was seen (enough = false). */
  fullWindowNano: number | null;
  enough: boolean;
}

/** The user's name for a plan account (Settings.windowAccounts). */
export interface WindowAccountLabel {
  provider: ProviderId;
  /** The organization id the responses carry, or 'default'. */
  account: string;
  label: string;
}

export interface WindowsReport {
  /** Epoch ms the report was computed at. */
  now: number;
  tz: string;
  /** Every window known, per account, binding first then by name. */
  windows: PlanWindow[];
  /** Budgets and windows in one list, tightest first (shared/windows/runway.ts says how). */
  runway: RunwayItem[];
}

export interface WindowsApi {
  /** The plan windows seen (proxy, Codex logs, Claude Code's state) and the runway. */
  listWindows(): Promise<WindowsReport>;
}

export const WINDOWS_METHODS = {
  listWindows: true,
} as const satisfies Record<keyof WindowsApi, true>;
