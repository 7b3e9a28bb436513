/**
 * Where a plan window stands, from its latest reading: how much of its time is gone, the pace
 * against an even spend of the window, and when it is used up at the pace so far: before or
 * after it resets. A reading whose reset has passed, or older than its window, describes a
 * window that no longer exists: it is stale, shown as such and never projected (treating it as
 * current would report an empty window at the very moment it came back).
 */
import type { WindowReading } from '../api/contract-windows.js';

export interface WindowPace {
  stale: boolean;
  staleReason: 'reset-passed' | 'older-than-window' | null;
  /** Refused now: status 'rejected' and not stale. */
  blocked: boolean;
  /** ms until the reset, from now (negative once passed); null without a reset. */
  msToReset: number | null;
  /** Share of the window's time gone when observed, 0..1. */
  elapsed: number | null;
  /** used − elapsed, at the reading's instant. */
  paceDelta: number | null;
  /** Epoch ms the window is used up at the pace so far; null when not projected. */
  exhaustsAt: number | null;
  /** exhaustsAt before the reset; null when the reset is unknown; false when not projected. */
  runsOutBeforeReset: boolean | null;
}

/** An earlier reading of the same window and reset, for a pace when the window's length is unknown. */
export interface EarlierReading {
  at: number;
  used: number;
}

/**
 * The pace of a reading observed at `at`, seen at `now`. The rate is the window's average since
 * it opened (reset − length); without a length, the change since `earlier`.
 */
export function windowPace(reading: WindowReading, at: number, now: number, earlier: EarlierReading | null = null): WindowPace {
  const { used, resetsAt, windowMinutes } = reading;
  const length = windowMinutes === null ? null : windowMinutes * 60_000;
  const staleReason = resetsAt !== null && now >= resetsAt ? 'reset-passed' : length !== null && now - at > length ? 'older-than-window' : null;
  const stale = staleReason !== null;
  const msToReset = resetsAt === null ? null : resetsAt - now;
  const start = resetsAt !== null && length !== null ? resetsAt - length : null;
  const elapsed = start !== null ? clamp01((at - start) / length!) : null;
  const paceDelta = used !== null && elapsed !== null ? used - elapsed : null;
  const blocked = !stale && reading.status === 'rejected';

  let exhaustsAt: number | null = null;
  if (!stale && used !== null) {
    if (blocked || used >= 1) exhaustsAt = at;
    else if (used > 0 && start !== null && at > start) exhaustsAt = Math.round(start + (at - start) / used);
    else if (earlier && used > earlier.used && at > earlier.at) exhaustsAt = Math.round(at + ((1 - used) * (at - earlier.at)) / (used - earlier.used));
  }
  const runsOutBeforeReset = exhaustsAt === null ? false : resetsAt === null ? null : exhaustsAt < resetsAt;
  return { stale, staleReason, blocked, msToReset, elapsed, paceDelta, exhaustsAt, runsOutBeforeReset };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
