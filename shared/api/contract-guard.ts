/**
 * The API contract's part for: the runaway-loop guard (issue 16.2). A tag whose spend rate is far
 * above its own usual rate, or that sends the same request again and again, raises an alarm at once;
 * where the user turned auto-pause on for the tag, the proxy refuses its calls until the user resumes
 * it (the tray, the window, `tokentally guard resume`). Detection: shared/guard/loop-guard.ts.
 * Declare methods on GuardApi and list them in GUARD_METHODS; contract.ts merges both.
 */

/** Settings.guard. */
export interface GuardSettings {
  /** Watch for loops at all (alarms and pauses). */
  enabled: boolean;
  /**
   * The rate signal: the spend rate of the last 15 minutes above this many times the tag's usual
   * busy hour (the 90th percentile of its hours with spend in the last week)…
   */
  multiplier: number;
  /** …and above this floor, in dollars an hour (the floor alone while a tag has no usual rate yet). */
  floorUsdPerHour: number;
  /** The repeat signal: the same request this many times… */
  repeatCount: number;
  /** …within this many seconds. */
  repeatWindowSeconds: number;
  /** Tags whose calls are refused once they alarm, until resumed; "*" for every tag. */
  autoPauseTags: string[];
}

/** rate: spend far above the tag's usual rate; repeat: the same request many times in a short span. */
export type GuardSignal = 'rate' | 'repeat';

export interface GuardAlarm {
  id: number;
  /** ISO 8601. */
  at: string;
  /** The tag (untagged calls carry their client's name); null: untagged calls of an unknown client. */
  tag: string | null;
  signal: GuardSignal;
  message: string;
  /** The tag was paused by this alarm (auto-pause was on for it). */
  paused: boolean;
}

export interface GuardPause {
  tag: string | null;
  /** ISO 8601. */
  pausedAt: string;
  /** The alarm's message. */
  reason: string;
}

export interface GuardStatus {
  settings: GuardSettings;
  /** Tags whose calls the proxy refuses now. */
  paused: GuardPause[];
  /** The latest alarms, newest first (at most 20). */
  alarms: GuardAlarm[];
}

export interface GuardApi {
  guardStatus(): Promise<GuardStatus>;
  /** Let a paused tag's calls through again (null: untagged calls). */
  resumeGuard(args: { tag: string | null }): Promise<GuardStatus>;
}

export const GUARD_METHODS = {
  guardStatus: true,
  resumeGuard: true,
} as const satisfies Record<keyof GuardApi, true>;
