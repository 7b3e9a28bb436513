/**
 * A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): a timestamp that
 * follows the wall clock when clocks agree and never goes backwards when they do not. Every
 * shared change (a budget, a plan, a plan-window reading) carries one; the latest change is the
 * one with the greatest (wall, counter, device). A device whose clock is hours fast cannot bury
 * a change made after it saw that device's records: seeing a record moves this device's clock
 * past it (receive), so its next change is later still, whatever its own wall clock says.
 */

export interface Hlc {
  /** Milliseconds since the epoch: the greatest physical time this clock has seen. */
  wall: number;
  /** Orders events within one `wall` millisecond. */
  counter: number;
}

export const ZERO_HLC: Readonly<Hlc> = Object.freeze({ wall: 0, counter: 0 });

/** The clock's value for a new local event at wall time `now`. */
export function tickHlc(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0 };
  return { wall: last.wall, counter: last.counter + 1 };
}

/** The clock after seeing a remote event stamped `remote` at wall time `now`. */
export function receiveHlc(last: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, now);
  if (wall === last.wall && wall === remote.wall) return { wall, counter: Math.max(last.counter, remote.counter) + 1 };
  if (wall === last.wall) return { wall, counter: last.counter + 1 };
  if (wall === remote.wall) return { wall, counter: remote.counter + 1 };
  return { wall, counter: 0 };
}

/** Negative when a is earlier, positive when later, 0 when equal. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a.wall !== b.wall ? a.wall - b.wall : a.counter - b.counter;
}

/** A stamped change: its clock and the device that made it (the tie-breaker). */
export interface Stamp {
  hlc: Hlc;
  device: string;
}

/** Total order over stamps: clock first, then device id, so every device picks the same winner. */
export function compareStamps(a: Stamp, b: Stamp): number {
  const byClock = compareHlc(a.hlc, b.hlc);
  if (byClock !== 0) return byClock;
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

/** The latest of the stamped values (the first given on a full tie), or null for none. */
export function latestStamped<T extends Stamp>(values: readonly T[]): T | null {
  let best: T | null = null;
  for (const v of values) if (best === null || compareStamps(v, best) > 0) best = v;
  return best;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;

/** Fixed-width text whose string order is the clock's order (for SQL ORDER BY and file records). */
export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}`;
}

const HLC_TEXT = /^(\d{15})-(\d{6})$/;

/** Reads formatHlc's text; null for anything else. */
export function parseHlc(text: unknown): Hlc | null {
  if (typeof text !== 'string') return null;
  const m = HLC_TEXT.exec(text);
  if (!m) return null;
  const wall = Number(m[1]);
  const counter = Number(m[2]);
  return Number.isSafeInteger(wall) ? { wall, counter } : null;
}
