import { afterEach, describe, expect, it } from 'vitest';
import { untilNextMidnight } from '../support/clear-of-midnight.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('untilNextMidnight (the test helper that keeps a test off midnight)', () => {
  it('counts to UTC midnight when it comes first', () => {
    process.env.TZ = 'America/New_York';
    expect(untilNextMidnight(Date.parse('2026-12-07T23:59:30Z'))).toBe(30_000);
  });

  it('counts to local midnight when it comes first', () => {
    process.env.TZ = 'Asia/Tokyo';
    // 23:59 in Tokyo (UTC+9) is 14:59 UTC.
    expect(untilNextMidnight(Date.parse('2026-12-07T14:59:00Z'))).toBe(60_000);
  });
});
