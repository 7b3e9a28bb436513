import { describe, expect, it } from 'vitest';
import { bucketFor, bucketsOf, rangeOf } from '../../shared/report/date-range.js';

describe('the Overview periods', () => {
  const today = '2026-12-07';
  it('names the days of each preset, both ends included', () => {
    expect(rangeOf('this-month', today, '2026-01-15')).toEqual({ since: '2026-12-01', until: '2026-12-31' });
    expect(rangeOf('last-month', today, null)).toEqual({ since: '2026-11-01', until: '2026-11-30' });
    expect(rangeOf('last-month', '2027-01-03', null)).toEqual({ since: '2026-12-01', until: '2026-12-31' });
    expect(rangeOf('last-30-days', today, null)).toEqual({ since: '2026-11-08', until: '2026-12-07' });
    expect(rangeOf('all-time', today, '2025-03-04')).toEqual({ since: '2025-03-04', until: '2026-12-07' });
    expect(rangeOf('all-time', today, null)).toEqual({ since: today, until: today });
    expect(rangeOf('last-month', '2028-03-10', null)).toEqual({ since: '2028-02-01', until: '2028-02-29' });
  });

  it('takes a custom range only when it is two days in order', () => {
    expect(rangeOf('custom', today, null, { since: '2026-10-01', until: '2026-10-31' })).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    expect(rangeOf('custom', today, null, { since: '2026-10-31', until: '2026-10-01' })).toBeNull();
    expect(rangeOf('custom', today, null, { since: '2026-10-01' })).toBeNull();
    expect(rangeOf('custom', today, null, { since: '2026-13-01', until: '2026-12-01' })).toBeNull();
  });

  it('draws up to 92 days a bar a day, longer ranges a bar a month cut to the range', () => {
    expect(bucketFor({ since: '2026-09-07', until: '2026-12-07' })).toBe('day');
    expect(bucketFor({ since: '2026-09-06', until: '2026-12-07' })).toBe('month');
    expect(bucketsOf({ since: '2026-12-30', until: '2027-01-01' }, 'day').map((b) => b.key)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(bucketsOf({ since: '2026-10-15', until: '2026-12-07' }, 'month')).toEqual([
      { key: '2026-10', since: '2026-10-15', until: '2026-10-31' },
      { key: '2026-11', since: '2026-11-01', until: '2026-11-30' },
      { key: '2026-12', since: '2026-12-01', until: '2026-12-07' },
    ]);
  });
});
