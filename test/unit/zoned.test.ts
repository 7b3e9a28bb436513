import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  dayOf,
  dayRange,
  daysBetween,
  endOfDay,
  firstDayOfNextMonth,
  isoInZone,
  isValidTimeZone,
  listDays,
  localTimeZone,
  monthOf,
  parseDay,
  startOfDay,
  zoneOffsetMs,
} from '../../shared/time/zoned.js';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const hoursIn = (day: string, tz: string) => (startOfDay(addDays(day, 1), tz) - startOfDay(day, tz)) / HOUR;

describe('isValidTimeZone / canonicalTimeZone / localTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(['', ' ', 'Mars/Olympus', 'Europe/Berlinn', 'not a zone', 42, null, undefined])('refuses %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });

  it('fixes the letter case but keeps the alias the user chose', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(() => canonicalTimeZone('Mars/Olympus')).toThrow(/unknown time zone: "Mars\/Olympus"/);
  });

  it('reports the machine zone as a valid IANA name', () => {
    expect(isValidTimeZone(localTimeZone())).toBe(true);
  });
});

describe('parseDay', () => {
  it('accepts real calendar days', () => {
    expect(parseDay('2025-03-31')).toBe('2025-03-31');
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-02-28')).toBe('2025-02-28');
    expect(parseDay('2023-02-15')).toBe('2023-02-15');
    expect(parseDay('2025-12-31')).toBe('2025-12-31');
    expect(parseDay('2000-02-29')).toBe('2000-02-29');
    expect(parseDay(' 2025-01-01 ')).toBe('2025-01-01');
  });

  it.each([
    ['2025-02-29', /does not exist/],
    ['1900-02-29', /does not exist/],
    ['2025-13-01', /does not exist/],
    ['2025-04-31', /does not exist/],
    ['2025-00-10', /does not exist/],
    ['2025-3-1', /expected YYYY-MM-DD/],
    ['20250301', /expected YYYY-MM-DD/],
    ['yesterday', /expected YYYY-MM-DD/],
    ['2025-03-01T00:00', /expected YYYY-MM-DD/],
    ['', /expected YYYY-MM-DD/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseDay(text)).toThrow(message);
  });

  it('accepts every day of a leap and a common year, and nothing past month ends', () => {
    for (const [year, days] of [[2024, 366], [2025, 365]] as const) {
      let n = 0;
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const day = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          try {
            parseDay(day);
            n++;
          } catch {
            // past the month's end
          }
        }
      }
      expect(n).toBe(days);
    }
  });

  it('refuses non-strings', () => {
    expect(() => parseDay(20250301)).toThrow(/not a day: 20250301/);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-03-09', 0)).toBe('2025-03-09');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
  });

  it('counts days between, signed', () => {
    expect(daysBetween('2025-01-01', '2025-01-03')).toBe(2);
    expect(daysBetween('2025-01-03', '2025-01-01')).toBe(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    // A DST day is still one calendar day.
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
  });

  it('gives months and month starts', () => {
    expect(monthOf('2025-03-09')).toBe('2025-03');
    expect(firstDayOfNextMonth('2025-03-09')).toBe('2025-04-01');
    expect(firstDayOfNextMonth('2025-12-31')).toBe('2026-01-01');
  });

  it('lists days inclusive, empty when reversed', () => {
    expect(listDays('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(listDays('2025-03-02', '2025-03-01')).toEqual([]);
  });
});

describe('dayOf', () => {
  it('reads the date on the zone wall calendar', () => {
    const t = utc('2025-06-30T23:30:00Z');
    expect(dayOf(t, 'UTC')).toBe('2025-06-30');
    expect(dayOf(t, 'Europe/Berlin')).toBe('2025-07-01');
    expect(dayOf(t, 'America/New_York')).toBe('2025-06-30');
    expect(dayOf(t, 'Asia/Kolkata')).toBe('2025-07-01');
  });

  it('switches day exactly at the zone midnight, for half- and quarter-hour offsets', () => {
    // Kolkata is +05:30: its midnight is 18:30 UTC.
    expect(dayOf(utc('2025-01-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2025-01-01');
    expect(dayOf(utc('2025-01-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-01-02');
    // Kathmandu is +05:45: its midnight is 18:15 UTC.
    expect(dayOf(utc('2025-01-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2025-01-01');
    expect(dayOf(utc('2025-01-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2025-01-02');
  });
});

describe('startOfDay', () => {
  it('is local midnight in fixed-offset zones', () => {
    expect(startOfDay('2025-01-02', 'UTC')).toBe(utc('2025-01-02T00:00:00Z'));
    expect(startOfDay('2025-01-02', 'Asia/Kolkata')).toBe(utc('2025-01-01T18:30:00Z'));
    expect(startOfDay('2025-01-02', 'Asia/Kathmandu')).toBe(utc('2025-01-01T18:15:00Z'));
    expect(hoursIn('2025-01-02', 'Asia/Kolkata')).toBe(24);
    expect(hoursIn('2025-01-02', 'Asia/Kathmandu')).toBe(24);
  });

  it('handles America/New_York DST: a 23-hour day in March and a 25-hour day in November', () => {
    expect(startOfDay('2025-03-09', 'America/New_York')).toBe(utc('2025-03-09T05:00:00Z'));
    expect(startOfDay('2025-03-10', 'America/New_York')).toBe(utc('2025-03-10T04:00:00Z'));
    expect(hoursIn('2025-03-09', 'America/New_York')).toBe(23);
    expect(startOfDay('2025-11-02', 'America/New_York')).toBe(utc('2025-11-02T04:00:00Z'));
    expect(startOfDay('2025-11-03', 'America/New_York')).toBe(utc('2025-11-03T05:00:00Z'));
    expect(hoursIn('2025-11-02', 'America/New_York')).toBe(25);
    expect(hoursIn('2025-03-08', 'America/New_York')).toBe(24);
  });

  it('handles Europe/Berlin DST: 23 hours on 30 March, 25 hours on 26 October 2025', () => {
    expect(startOfDay('2025-03-30', 'Europe/Berlin')).toBe(utc('2025-03-29T23:00:00Z'));
    expect(hoursIn('2025-03-30', 'Europe/Berlin')).toBe(23);
    expect(startOfDay('2025-10-26', 'Europe/Berlin')).toBe(utc('2025-10-25T22:00:00Z'));
    expect(hoursIn('2025-10-26', 'Europe/Berlin')).toBe(25);
  });

  it('starts a day whose midnight is skipped at the jump (America/Santiago, 7 September 2025)', () => {
    // Clocks go from 00:00 -04:00 straight to 01:00 -03:00.
    expect(startOfDay('2025-09-07', 'America/Santiago')).toBe(utc('2025-09-07T04:00:00Z'));
    expect(isoInZone(startOfDay('2025-09-07', 'America/Santiago'), 'America/Santiago')).toBe('2025-09-07T01:00:00.000-03:00');
    expect(hoursIn('2025-09-07', 'America/Santiago')).toBe(23);
  });

  it('is the first instant of the day and the instant before is the previous day', () => {
    for (const [day, tz] of [
      ['2025-03-09', 'America/New_York'],
      ['2025-11-02', 'America/New_York'],
      ['2025-03-30', 'Europe/Berlin'],
      ['2025-10-26', 'Europe/Berlin'],
      ['2025-06-15', 'Asia/Kathmandu'],
      ['2025-09-07', 'America/Santiago'],
      ['2025-04-06', 'America/Santiago'],
    ] as const) {
      const start = startOfDay(day, tz);
      expect(dayOf(start, tz)).toBe(day);
      expect(dayOf(start - 1, tz)).toBe(addDays(day, -1));
    }
  });

  it('always falls on a 15-minute boundary for current zones (the rollup relies on it)', () => {
    for (const tz of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (const day of listDays('2025-01-01', '2025-12-31')) expect(startOfDay(day, tz) % 900_000).toBe(0);
    }
  });

  it('gives day ranges that tile without gaps', () => {
    const { from, to } = dayRange('2025-03-08', '2025-03-10', 'America/New_York');
    expect(from).toBe(startOfDay('2025-03-08', 'America/New_York'));
    expect(to).toBe(startOfDay('2025-03-11', 'America/New_York'));
    expect((to - from) / HOUR).toBe(24 + 23 + 24);
  });
});

describe('zoneOffsetMs and isoInZone', () => {
  it('gives the offset in force at an instant', () => {
    expect(zoneOffsetMs(utc('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(utc('2025-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(utc('2025-07-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  it('writes ISO 8601 with the zone offset, exact to the millisecond', () => {
    const t = utc('2025-03-09T06:59:00.123Z');
    expect(isoInZone(t, 'America/New_York')).toBe('2025-03-09T01:59:00.123-05:00');
    expect(isoInZone(t + HOUR, 'America/New_York')).toBe('2025-03-09T03:59:00.123-04:00');
    expect(isoInZone(t, 'Asia/Kolkata')).toBe('2025-03-09T12:29:00.123+05:30');
    expect(isoInZone(t, 'UTC')).toBe('2025-03-09T06:59:00.123+00:00');
    expect(Date.parse(isoInZone(t, 'Asia/Kathmandu'))).toBe(t);
  });
});

describe('endOfDay', () => {
  it('is the next day’s start, and 24 hours after its start for the last day there is (9999-12-31)', () => {
    expect(endOfDay('2025-03-30', 'Europe/Berlin')).toBe(startOfDay('2025-03-31', 'Europe/Berlin'));
    expect(endOfDay('9999-12-30', 'UTC')).toBe(utc('9999-12-31T00:00:00Z'));
    expect(endOfDay('9999-12-31', 'UTC')).toBe(utc('+010000-01-01T00:00:00Z'));
    expect(endOfDay('9999-12-31', 'America/New_York')).toBe(utc('+010000-01-01T05:00:00Z'));
    expect(dayRange('9999-12-01', '9999-12-31', 'UTC')).toEqual({ from: utc('9999-12-01T00:00:00Z'), to: utc('+010000-01-01T00:00:00Z') });
  });
});
