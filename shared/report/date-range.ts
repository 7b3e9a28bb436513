/**
 * The Overview's periods: this month, last month, the last 30 days, all time, or two days the
 * user picks. Pure: `today` is the day it is in the settings' zone, `firstDay` the day of the
 * ledger's first call (null for an empty ledger). A range is whole days, both ends included.
 */
import type { Day } from '../api/contract.js';
import { addDays, daysBetween, firstDayOfNextMonth, isDay } from '../time/zoned.js';

export const RANGE_PRESETS = [
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'all-time', label: 'All time' },
  { id: 'custom', label: 'Custom' },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

export interface DayRange {
  since: Day;
  until: Day;
}

/** The first day of the month `day` is in. */
function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

/**
 * The days a preset covers. This month runs to its last day (the chart shows the days still to
 * come); all time starts at the first call (today on an empty ledger). A custom range is checked:
 * two days in order, else null.
 */
export function rangeOf(preset: RangePreset, today: Day, firstDay: Day | null, custom?: Partial<DayRange>): DayRange | null {
  switch (preset) {
    case 'this-month':
      return { since: monthStart(today), until: addDays(firstDayOfNextMonth(today), -1) };
    case 'last-month': {
      const since = monthStart(addDays(monthStart(today), -1));
      return { since, until: addDays(monthStart(today), -1) };
    }
    case 'last-30-days':
      return { since: addDays(today, -29), until: today };
    case 'all-time':
      return { since: firstDay !== null && firstDay < today ? firstDay : today, until: today };
    case 'custom': {
      const since = custom?.since;
      const until = custom?.until;
      if (!isDay(since) || !isDay(until) || since > until) return null;
      return { since, until };
    }
  }
}

/** Days up to this many are drawn a bar a day; a longer range a bar a month. */
const DAILY_BUCKETS_UP_TO = 92;

export type Bucket = 'day' | 'month';

export function bucketFor(range: DayRange): Bucket {
  return daysBetween(range.since, range.until) + 1 <= DAILY_BUCKETS_UP_TO ? 'day' : 'month';
}

/** Each bucket of the range, as [key, first day, last day]: a day's key is the day, a month's "YYYY-MM" (cut to the range at both ends). */
export function bucketsOf(range: DayRange, bucket: Bucket): { key: string; since: Day; until: Day }[] {
  if (bucket === 'day') {
    const out: { key: string; since: Day; until: Day }[] = [];
    for (let d = range.since; d <= range.until; d = addDays(d, 1)) out.push({ key: d, since: d, until: d });
    return out;
  }
  const out: { key: string; since: Day; until: Day }[] = [];
  for (let start = range.since; start <= range.until; start = firstDayOfNextMonth(start)) {
    const last = addDays(firstDayOfNextMonth(start), -1);
    out.push({ key: start.slice(0, 7), since: start, until: last < range.until ? last : range.until });
  }
  return out;
}
