/**
 * When a plan window calls for a notification: once per threshold crossed (50/75/90% by default,
 * the budgets' thresholds; settable) per window and reset, and once when the window is refused
 * ('rejected'). Several thresholds crossed at once (a first snapshot at 80%) give one
 * notification, the highest; the lower ones are marked done with it. A stale reading never
 * notifies: it describes a window that has already reopened.
 */
import { formatResetClock, formatUsed } from './format-window.js';
import { isRunwayWindow } from './window-names.js';

export const DEFAULT_WINDOW_ALERTS: readonly number[] = Object.freeze([50, 75, 90]);
const REJECTED_LEVEL = 'rejected';

export interface AlertableWindow {
  provider: string;
  account: string;
  window: string;
  /** "Claude 5-hour" */
  label: string;
  used: number | null;
  resetsAt: number | null;
  blocked: boolean;
  stale: boolean;
}

export interface WindowAlertDue {
  provider: string;
  account: string;
  window: string;
  /** The window's cycle: its reset (epoch ms), 0 when unknown. */
  cycle: number;
  /** Levels to record as done: thresholds as text ("75") and/or "rejected". */
  levels: string[];
  /** The one notification for them. */
  message: string;
}

/** The record key of one level of one window cycle. */
export function windowAlertKey(a: { provider: string; account: string; window: string; cycle: number }, level: string): string {
  return `${a.provider}|${a.account}|${a.window}|${a.cycle}|${level}`;
}

export function windowAlertsDue(windows: readonly AlertableWindow[], thresholds: readonly number[], sent: ReadonlySet<string>, now: number, tz: string): WindowAlertDue[] {
  const out: WindowAlertDue[] = [];
  for (const w of windows) {
    if (w.stale || (w.used === null && !w.blocked)) continue;
    if (!isRunwayWindow(w.window)) continue;
    const id = { provider: w.provider, account: w.account, window: w.window, cycle: w.resetsAt ?? 0 };
    const fresh = (level: string) => !sent.has(windowAlertKey(id, level));
    const crossed = thresholds.filter((t) => (w.blocked ? true : (w.used ?? 0) >= t / 100)).map(String).filter(fresh);
    const resets = w.resetsAt === null ? '' : ` · resets ${formatResetClock(w.resetsAt, now, tz)}`;
    if (w.blocked && fresh(REJECTED_LEVEL)) {
      out.push({ ...id, levels: [REJECTED_LEVEL, ...crossed], message: `${w.label} limit reached: calls are refused until it resets${resets}` });
    } else if (crossed.length > 0) {
      const top = Math.max(...crossed.map(Number));
      out.push({ ...id, levels: crossed, message: `${w.label} window ${formatUsed(w.used)} used (${top}% alert)${resets}` });
    }
  }
  return out;
}
