import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../electron/core/ledger/usage-row.js';

describe('timeOrderedId (a proxied call\'s global id)', () => {
  it('is a UUID version 7 carrying the call\'s milliseconds (RFC 9562)', () => {
    const time = Date.UTC(2026, 11, 7, 12, 0, 0, 123);
    const id = timeOrderedId(time);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(time);
  });

  it('sorts as the calls were made, and two calls in one millisecond still differ', () => {
    const times = [Date.UTC(2025, 0, 1), Date.UTC(2026, 5, 30, 23, 59, 59, 999), Date.UTC(2026, 6, 1), Date.UTC(2026, 6, 1) + 1];
    const ids = times.map(timeOrderedId);
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 1000 }, () => timeOrderedId(times[0]!)));
    expect(same.size).toBe(1000);
  });
});
