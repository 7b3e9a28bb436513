import { describe, expect, it } from 'vitest';
import { compareHlc, compareStamps, formatHlc, latestStamped, parseHlc, receiveHlc, tickHlc, ZERO_HLC, type Hlc } from '../../shared/sync/hlc.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 7, 9, 0);

describe('hybrid logical clock', () => {
  it('follows the wall clock while it moves forward', () => {
    const a = tickHlc(ZERO_HLC, T);
    expect(a).toEqual({ wall: T, counter: 0 });
    expect(tickHlc(a, T + 5)).toEqual({ wall: T + 5, counter: 0 });
  });

  it('never goes back when the wall clock does', () => {
    const a = tickHlc(ZERO_HLC, T);
    const b = tickHlc(a, T - HOUR);
    expect(b).toEqual({ wall: T, counter: 1 });
    expect(compareHlc(b, a)).toBeGreaterThan(0);
  });

  it('a change made after seeing a device whose clock runs hours ahead is later than that device\'s change', () => {
    // Device F's clock is 3 hours fast; device S sees F's change, then the user edits on S.
    const fromFast = tickHlc(ZERO_HLC, T + 3 * HOUR);
    let slow = tickHlc(ZERO_HLC, T);
    slow = receiveHlc(slow, fromFast, T + 1000);
    const edit = tickHlc(slow, T + 2000);
    expect(compareStamps({ hlc: edit, device: 'slow' }, { hlc: fromFast, device: 'fast' })).toBeGreaterThan(0);
  });

  it('receive takes the greatest of the three and counts within one millisecond', () => {
    expect(receiveHlc({ wall: T, counter: 4 }, { wall: T, counter: 9 }, T - 1)).toEqual({ wall: T, counter: 10 });
    expect(receiveHlc({ wall: T, counter: 4 }, { wall: T - 5, counter: 9 }, T - 1)).toEqual({ wall: T, counter: 5 });
    expect(receiveHlc({ wall: T - 5, counter: 4 }, { wall: T, counter: 9 }, T - 1)).toEqual({ wall: T, counter: 10 });
    expect(receiveHlc({ wall: T - 5, counter: 4 }, { wall: T - 3, counter: 9 }, T)).toEqual({ wall: T, counter: 0 });
  });

  it('breaks a tie by device id, the same way on every device', () => {
    const h: Hlc = { wall: T, counter: 2 };
    const a = { hlc: h, device: 'aaaa', value: 1 };
    const b = { hlc: h, device: 'bbbb', value: 2 };
    expect(latestStamped([a, b])!.value).toBe(2);
    expect(latestStamped([b, a])!.value).toBe(2);
    expect(latestStamped([])).toBeNull();
  });

  it('formats to text whose order is the clock order, and reads it back', () => {
    const values: Hlc[] = [
      { wall: 5, counter: 0 },
      { wall: T, counter: 0 },
      { wall: T, counter: 12 },
      { wall: T + 1, counter: 0 },
    ];
    const texts = values.map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
    for (const v of values) expect(parseHlc(formatHlc(v))).toEqual(v);
    for (const bad of ['', 'x', '12-3', null, 42, '000000000000005-00000a']) expect(parseHlc(bad)).toBeNull();
  });
});
