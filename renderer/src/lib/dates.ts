import type { Day } from '../../../shared/api/contract.js';

function dayToUtcMs(day: Day): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLabelLong = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "Nov 3" (a Day has no zone of its own: it is read as written). */
export function formatDay(day: Day): string {
  return dayLabel.format(dayToUtcMs(day));
}

export function formatDayLong(day: Day): string {
  return dayLabelLong.format(dayToUtcMs(day));
}

export function formatPeriod(start: Day, end: Day): string {
  return `${formatDay(start)} – ${formatDay(end)}`;
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter in `tz`; an unknown zone falls back to the system's rather than throwing. */
function zonedFormat(name: string, options: Intl.DateTimeFormatOptions, tz: string | undefined): Intl.DateTimeFormat {
  const key = `${name}|${tz ?? ''}`;
  let fmt = zonedFormats.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat(undefined, { ...options, timeZone: tz });
    } catch {
      fmt = new Intl.DateTimeFormat(undefined, options);
    }
    zonedFormats.set(key, fmt);
  }
  return fmt;
}

/** A call's time in the user's zone: "Nov 3, 14:05:22". */
export function formatTime(ms: number, tz: string | undefined): string {
  return zonedFormat('time', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }, tz).format(ms);
}

/** "14:05" in the user's zone. */
export function formatClock(ms: number, tz: string | undefined): string {
  return zonedFormat('clock', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, tz).format(ms);
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
