/** Words and figures for plan windows, the same in the tray, the glance, notifications and the CLI. */
import { formatPercent } from '../format.js';
import { daysBetween, dayOf, isoInZone } from '../time/zoned.js';
import { windowShortName } from './window-names.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "16:40" today, "Thu 16:40" within the week, "Dec 14 16:40" further out (in the zone). */
export function formatResetClock(at: number, now: number, tz: string): string {
  const clock = isoInZone(at, tz).slice(11, 16);
  const day = dayOf(at, tz);
  const ahead = daysBetween(dayOf(now, tz), day);
  if (ahead === 0) return clock;
  const date = new Date(`${day}T00:00:00Z`);
  if (ahead > 0 && ahead < 7) return `${WEEKDAYS[date.getUTCDay()]} ${clock}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${clock}`;
}

/** How old a snapshot is: "just now", "4 min ago", "2 h ago", "3 days ago". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** Percent used, whole: "84%" ("—" when unknown). */
export function formatUsed(used: number | null): string {
  return used === null ? '—' : formatPercent(used, { decimals: 0 });
}

/** The tray title of a window: "5h 84% · resets 16:40"; a stale one says so instead of its reset. */
export function windowTitle(w: { window: string; used: number | null; resetsAt: number | null; stale: boolean; blocked: boolean }, now: number, tz: string): string {
  const head = `${windowShortName(w.window)} ${w.blocked ? 'used up' : formatUsed(w.used)}`;
  if (w.stale) return `${head} · stale`;
  return w.resetsAt === null ? head : `${head} · resets ${formatResetClock(w.resetsAt, now, tz)}`;
}
