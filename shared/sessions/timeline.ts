/**
 * The Sessions page's timeline: a row a day (in the report's zone), each holding the plan-window
 * cycles and the sessions that touch that day, placed as shares of the day (left and width,
 * 0..1), so the page only has to draw them. A session or a cycle across midnight shows on both days.
 */
import type { Day } from '../api/contract.js';
import type { SessionSummary, WindowBlock } from '../api/contract-sessions.js';
import { addDays, listDays, startOfDay } from '../time/zoned.js';

interface Placed<T> {
  item: T;
  /** Where it starts and how long it lasts, as shares of the day. */
  left: number;
  width: number;
}

export interface TimelineDay {
  day: Day;
  windows: Placed<WindowBlock>[];
  /** Each session on its lane: sessions that overlap in time sit on lanes of their own. */
  sessions: (Placed<SessionSummary> & { lane: number })[];
  lanes: number;
}

/** A session of one call (no duration) still gets a visible sliver: this share of a day (about 4 minutes). */
const MIN_WIDTH = 0.003;

/**
 * [from, to] placed on the day [dayFrom, dayTo); null when it does not touch the day. A span that
 * ends exactly at midnight is the earlier day's; an instant (a one-call session) is the day's it falls in.
 */
export function placeOnDay(from: number, to: number, dayFrom: number, dayTo: number): { left: number; width: number } | null {
  const end = Math.max(to, from);
  const touches = end > from ? from < dayTo && end > dayFrom : from >= dayFrom && from < dayTo;
  if (!touches) return null;
  const span = dayTo - dayFrom;
  const left = (Math.max(from, dayFrom) - dayFrom) / span;
  const width = (Math.min(end, dayTo) - Math.max(from, dayFrom)) / span;
  return { left, width: Math.min(1 - left, Math.max(MIN_WIDTH, width)) };
}

/** One row per day from `since` to `until` that holds a session (with the window cycles over it), oldest first. */
export function timelineDays(since: Day, until: Day, tz: string, sessions: readonly SessionSummary[], windows: readonly WindowBlock[]): TimelineDay[] {
  const out: TimelineDay[] = [];
  for (const day of listDays(since, until)) {
    const from = startOfDay(day, tz);
    const to = startOfDay(addDays(day, 1), tz);
    const placed: Placed<SessionSummary>[] = [];
    for (const s of sessions) {
      const p = placeOnDay(s.startMs, s.endMs, from, to);
      if (p) placed.push({ item: s, ...p });
    }
    if (placed.length === 0) continue;
    const row: TimelineDay = { day, windows: [], ...onLanes(placed) };
    for (const w of windows) {
      const p = placeOnDay(w.fromMs, w.toMs, from, to);
      if (p) row.windows.push({ item: w, ...p });
    }
    out.push(row);
  }
  return out;
}

/** Sessions left to right, each on the first lane free where it starts (greedy interval packing). */
function onLanes(placed: Placed<SessionSummary>[]): Pick<TimelineDay, 'sessions' | 'lanes'> {
  const ends: number[] = [];
  const sessions = [...placed]
    .sort((a, b) => a.left - b.left || b.width - a.width)
    .map((p) => {
      let lane = ends.findIndex((end) => end <= p.left);
      if (lane < 0) lane = ends.push(0) - 1;
      ends[lane] = p.left + p.width;
      return { ...p, lane };
    });
  return { sessions, lanes: ends.length };
}
