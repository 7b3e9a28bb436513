/**
 * Calendar days in an IANA time zone, with Intl only (no date library, no clock).
 *
 * A Day is "YYYY-MM-DD" on the wall calendar of a zone. Its start is the first instant whose
 * local date is that day: usually local midnight, the transition instant when a zone skips
 * midnight, and days are 23 or 25 hours long around DST changes.
 */
import type { Day } from '../api/contract.js';

export type { Day };

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building a DateTimeFormat costs far more than using one; days are computed in loops.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Zones read without Intl. The first Intl.DateTimeFormat loads ICU's locale data (20-100 ms), most
 * of what a short-lived command such as the status line would spend. UTC needs no zone data, and
 * the zone this process's Date runs in is read by Date's local getters, from the same ICU zone
 * data without the locale data: a host that knows its zone's IANA name (electron/core/local-zone.ts)
 * declares it with useDateForZone. Off unless declared.
 */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC']);
let dateZone: string | null = null;

/** Read this zone with Date's local getters (it must be the zone the process's Date runs in); null: always Intl. */
export function useDateForZone(tz: string | null): void {
  dateZone = tz;
  // Day starts found the other way are found again (the same, unless the declaration was wrong).
  dayStarts.clear();
}

function readsWithoutIntl(tz: string): boolean {
  return UTC_NAMES.has(tz) || tz === dateZone;
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.trim() === '' || tz.length > 100) return false;
  if (readsWithoutIntl(tz)) return true;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone as the user named it, with its letter case fixed ("utc" → "UTC", "europe/berlin" →
 * "Europe/Berlin"); throws on an unknown zone. Aliases are kept: ICU would turn Asia/Kolkata
 * into Asia/Calcutta, which the user did not choose.
 */
export function canonicalTimeZone(tz: string): string {
  if (!isValidTimeZone(tz)) throw new RangeError(`unknown time zone: "${tz}" (expected an IANA name such as Europe/Berlin)`);
  const given = tz.trim();
  if (readsWithoutIntl(given)) return given;
  const resolved = formatterFor(tz).resolvedOptions().timeZone;
  return resolved.toLowerCase() === given.toLowerCase() ? resolved : given;
}

/** The zone of the machine running this code, or UTC when the platform does not say. */
export function localTimeZone(): string {
  if (dateZone !== null) return dateZone;
  const tz = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidTimeZone(tz) ? tz : 'UTC';
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeOf(epochMs: number, tz: string): WallTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  if (readsWithoutIntl(tz)) return dateWallTime(new Date(epochMs), UTC_NAMES.has(tz));
  const w: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of formatterFor(tz).formatToParts(epochMs)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        w[part.type] = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
    }
  }
  if (bc) w.year = 1 - w.year;
  return w;
}

/** Date's own reading, in UTC or in the process's zone (its years are astronomical: 0 is 1 BC, as wallTimeOf's). */
function dateWallTime(d: Date, utc: boolean): WallTime {
  return utc
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

/** Epoch ms of a wall time read as UTC; years below 100 are not shifted to 19xx as Date.UTC would. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  // setUTCFullYear takes the year as is and normalises month/day overflow in that year.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms (whole seconds). */
export function zoneOffsetMs(epochMs: number, tz: string): number {
  const w = wallTimeOf(epochMs, tz);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function formatDay(year: number, month: number, day: number): Day {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The calendar day the instant falls on in the zone. */
export function dayOf(epochMs: number, tz: string): Day {
  const w = wallTimeOf(epochMs, tz);
  return formatDay(w.year, w.month, w.day);
}

/** Validate a "YYYY-MM-DD" string naming a real calendar day; throws a RangeError saying what is wrong. */
export function parseDay(text: unknown): Day {
  const m = typeof text === 'string' ? DAY_PATTERN.exec(text.trim()) : null;
  if (!m) throw new RangeError(`not a day: ${JSON.stringify(text)} (expected YYYY-MM-DD, e.g. 2025-03-31)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a day: "${m[0]}" does not exist in the calendar`);
  }
  return m[0];
}

export function isDay(text: unknown): text is Day {
  try {
    parseDay(text);
    return true;
  } catch {
    return false;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

function dayParts(day: Day): [number, number, number] {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day: ${JSON.stringify(day)} (expected YYYY-MM-DD)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The day n calendar days later (earlier when n < 0); pure calendar arithmetic, no zone involved. */
export function addDays(day: Day, n: number): Day {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  const [y, m, d] = dayParts(day);
  const t = new Date(utcMs(y, m, d) + n * DAY_MS);
  return formatDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Calendar days from a to b: daysBetween('2025-01-01', '2025-01-03') === 2; negative when b is before a. */
export function daysBetween(a: Day, b: Day): number {
  const [ya, ma, da] = dayParts(a);
  const [yb, mb, db] = dayParts(b);
  return Math.round((utcMs(yb, mb, db) - utcMs(ya, ma, da)) / DAY_MS);
}

/** "YYYY-MM" of a day. */
export function monthOf(day: Day): string {
  dayParts(day);
  return day.slice(0, 7);
}

/** The first day of the month after the one the day is in. */
export function firstDayOfNextMonth(day: Day): Day {
  const [y, m] = dayParts(day);
  return m === 12 ? formatDay(y + 1, 1, 1) : formatDay(y, m + 1, 1);
}

/**
 * Epoch ms at which the day begins in the zone. Checks the offsets a day before and after
 * local midnight: with one transition nearby, midnight either exists once (the common case),
 * twice (clocks went back across it: the earlier one), or never (clocks jumped over it: the
 * day starts at the jump).
 */
export function startOfDay(day: Day, tz: string): number {
  const key = `${tz}\u0000${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  const start = computeStartOfDay(day, tz);
  // Bounded: a long-running app asks for a few hundred days at most; a runaway loop cannot grow it without end.
  if (dayStarts.size >= MAX_DAY_STARTS) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
}

// Day starts are asked for in loops (a month of days per chart, per budget, per glance refresh),
// and each costs several Intl calls: remembered per zone and day (the zone rules do not change
// while the process runs).
const dayStarts = new Map<string, number>();
const MAX_DAY_STARTS = 20_000;

function computeStartOfDay(day: Day, tz: string): number {
  const [y, m, d] = dayParts(day);
  const wall = utcMs(y, m, d);
  const before = wall - zoneOffsetMs(wall - DAY_MS, tz);
  const after = wall - zoneOffsetMs(wall + DAY_MS, tz);
  const exists = (t: number) => t + zoneOffsetMs(t, tz) === wall;
  const candidates = [before, after].filter(exists);
  if (candidates.length > 0) return Math.min(...candidates);
  return before;
}

/** The last day a Day can name: its year has four digits. */
const LAST_DAY: Day = '9999-12-31';

/**
 * Epoch ms at which the day ends in the zone: the next day's start. The last day there is
 * (9999-12-31) has no next day to name; it ends 24 hours after it starts.
 */
export function endOfDay(day: Day, tz: string): number {
  return day === LAST_DAY ? startOfDay(day, tz) + DAY_MS : startOfDay(addDays(day, 1), tz);
}

/** [start, end) in epoch ms of the days since..until inclusive, read in the zone. */
export function dayRange(since: Day, until: Day, tz: string): { from: number; to: number } {
  return { from: startOfDay(since, tz), to: endOfDay(until, tz) };
}

/** Every day from since to until inclusive; empty when until is before since. */
export function listDays(since: Day, until: Day): Day[] {
  const n = daysBetween(since, until);
  const days: Day[] = [];
  for (let i = 0; i <= n; i++) days.push(addDays(since, i));
  return days;
}

/** ISO 8601 with the zone's offset, e.g. "2025-03-09T01:59:00.000-05:00": exact and readable locally. */
export function isoInZone(epochMs: number, tz: string): string {
  const w = wallTimeOf(epochMs, tz);
  const offsetMin = Math.round(zoneOffsetMs(epochMs, tz) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return (
    `${formatDay(w.year, w.month, w.day)}T${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)}.${pad(ms, 3)}` +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
  );
}
