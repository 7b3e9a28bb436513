/**
 * How one runway item reads in the glance and the CLI: its figure ("84%", "$38.20 left") and one
 * line saying when it resets and where the pace leads ("used up at 14:26 at this pace, before it
 * resets at 16:40"). Windows read in clock time, budgets in days.
 */
import type { RunwayItem } from '../api/contract-windows.js';
import { dayOf } from '../time/zoned.js';
import { formatResetClock, formatUsed } from './format-window.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Apr 1" in the zone. */
function formatResetDay(at: number, tz: string): string {
  const [, m, d] = dayOf(at, tz).split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}`;
}

/** The item's figure: a window's share used ("84%", "used up"), a budget's money left ("$38.20 left"). */
export function runwayFigure(item: RunwayItem): string {
  if (item.kind === 'budget') return item.short;
  return item.blocked ? 'used up' : formatUsed(item.used);
}

/** When it resets, and what the pace so far says. */
export function runwayDetail(item: RunwayItem, now: number, tz: string): string {
  const at = (iso: string) => (item.kind === 'window' ? formatResetClock(Date.parse(iso), now, tz) : formatResetDay(Date.parse(iso), tz));
  if (item.stale) return item.resetsAt && Date.parse(item.resetsAt) <= now ? `stale: it reset at ${at(item.resetsAt)}` : 'stale: older than the window';
  const resets = item.resetsAt ? `resets ${at(item.resetsAt)}` : 'reset time unknown';
  if (item.blocked) return item.kind === 'window' ? `refused until it ${resets}` : `hard cap reached · ${resets}`;
  // Already used up: "runs out on Dec 8 at this pace" would be a forecast of the past. The same
  // words as the planner and the alerts ("over budget (119%)"); the 1e-9 keeps 1.19 × 100 at 119.
  if (item.kind === 'budget' && item.used !== null && item.used >= 1) return `over budget (${Math.floor(item.used * 100 + 1e-9)}%) · ${resets}`;
  if (item.exhaustsAt && item.runsOutBeforeReset) {
    const verb = item.kind === 'window' ? 'used up' : 'runs out';
    return `${verb} ${item.kind === 'window' ? 'at' : 'on'} ${at(item.exhaustsAt)} at this pace, before it ${resets}`;
  }
  return item.exhaustsAt ? `${resets} · lasts at this pace` : resets;
}
