/**
 * Reading a zone with Date's local getters (useDateForZone, for the status line's start-up) must
 * give exactly what Intl gives, across daylight-saving changes and odd offsets; and the zone name
 * the process's Date runs in is found the way ICU finds it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { processZoneName } from '../../electron/core/local-zone.js';
import { canonicalTimeZone, dayOf, isoInZone, isValidTimeZone, localTimeZone, startOfDay, useDateForZone, zoneOffsetMs } from '../../shared/time/zoned.js';

const savedTz = process.env.TZ;
afterEach(() => {
  useDateForZone(null);
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** Instants around each zone's changes in 2026 (and a plain day), every 20 minutes for a day. */
function instants(around: string[]): number[] {
  return around.flatMap((iso) => Array.from({ length: 72 }, (_, i) => Date.parse(iso) - 12 * 3_600_000 + i * 20 * 60_000));
}

function readings(tz: string, times: number[]) {
  const days = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2026-04-05', '2026-12-07'];
  return { at: times.map((t) => [dayOf(t, tz), isoInZone(t, tz), zoneOffsetMs(t, tz)]), starts: days.map((d) => startOfDay(d, tz)) };
}

describe('zones read with Date', () => {
  for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham']) {
    it(`${tz}: the same days, clocks, offsets and day starts as Intl`, () => {
      const times = instants(['2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T15:00:00Z']);
      const byIntl = readings(tz, times);
      process.env.TZ = tz;
      useDateForZone(tz);
      expect(readings(tz, times)).toEqual(byIntl);
      expect(localTimeZone()).toBe(tz);
      expect(isValidTimeZone(tz)).toBe(true);
      expect(canonicalTimeZone(tz)).toBe(tz);
    });
  }

  it('UTC needs no zone data at all', () => {
    const times = instants(['2026-06-01T00:00:00Z']);
    expect(times.map((t) => isoInZone(t, 'UTC'))).toEqual(times.map((t) => new Date(t).toISOString().replace('Z', '+00:00')));
    expect(startOfDay('2026-12-07', 'Etc/UTC')).toBe(Date.parse('2026-12-07T00:00:00Z'));
  });
});

describe("the process's zone name", () => {
  const noLink = () => {
    throw new Error('ENOENT');
  };
  it('TZ when it names a zone; a POSIX rule or nothing recognisable leaves it to Intl', () => {
    expect(processZoneName({ TZ: 'Europe/Berlin' }, noLink)).toBe('Europe/Berlin');
    expect(processZoneName({ TZ: ':America/Argentina/Buenos_Aires' }, noLink)).toBe('America/Argentina/Buenos_Aires');
    expect(processZoneName({ TZ: 'UTC' }, noLink)).toBe('UTC');
    expect(processZoneName({ TZ: 'CET-1CEST,M3.5.0,M10.5.0/3' }, noLink)).toBeNull();
    expect(processZoneName({ TZ: '' }, () => '/usr/share/zoneinfo/Europe/Paris')).toBeNull();
  });

  it('else the zone file /etc/localtime links to (Linux, macOS); right/ and posix/ builds and copies are left to Intl', () => {
    expect(processZoneName({}, () => '/usr/share/zoneinfo/Europe/Paris')).toBe('Europe/Paris');
    expect(processZoneName({}, () => '../usr/share/zoneinfo/Etc/UTC')).toBe('Etc/UTC');
    expect(processZoneName({}, () => '/var/db/timezone/zoneinfo/America/Los_Angeles')).toBe('America/Los_Angeles');
    expect(processZoneName({}, () => '/usr/share/zoneinfo/right/Europe/Paris')).toBeNull();
    expect(processZoneName({}, () => '/etc/some-file')).toBeNull();
    expect(processZoneName({}, noLink)).toBeNull();
  });
});
