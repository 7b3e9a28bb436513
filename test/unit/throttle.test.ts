import { describe, expect, it } from 'vitest';
import { throttle, type TimerLike } from '../../shared/throttle.js';

/** A hand-driven clock: nothing here waits for real time. */
function fakeTimers() {
  let now = 0;
  let queue: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const timers: TimerLike = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      queue = queue.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue[0];
      if (!next || next.at > until) break;
      queue.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { timers, advance, pending: () => queue.length };
}

describe('throttle', () => {
  it('runs the first call at once and folds a burst into one trailing run', () => {
    const { timers, advance } = fakeTimers();
    const runs: number[] = [];
    const refresh = throttle(() => runs.push(timers.now()), 500, timers);
    refresh();
    expect(runs).toEqual([0]);
    for (let i = 0; i < 20; i++) {
      advance(10);
      refresh();
    }
    expect(runs).toEqual([0]);
    advance(500);
    expect(runs).toEqual([0, 500]);
  });

  it('never runs more than once per interval under a steady stream of events', () => {
    const { timers, advance } = fakeTimers();
    const runs: number[] = [];
    const refresh = throttle(() => runs.push(timers.now()), 500, timers);
    for (let t = 0; t < 5000; t += 7) {
      refresh();
      advance(7);
    }
    advance(1000);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(500);
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(runs.length).toBeLessThanOrEqual(11);
  });

  it('runs at once again after a quiet interval', () => {
    const { timers, advance } = fakeTimers();
    const runs: number[] = [];
    const refresh = throttle(() => runs.push(timers.now()), 500, timers);
    refresh();
    advance(2000);
    refresh();
    expect(runs).toEqual([0, 2000]);
  });

  it('cancel drops a pending trailing run', () => {
    const { timers, advance, pending } = fakeTimers();
    const runs: number[] = [];
    const refresh = throttle(() => runs.push(timers.now()), 500, timers);
    refresh();
    refresh();
    expect(pending()).toBe(1);
    refresh.cancel();
    advance(1000);
    expect(runs).toEqual([0]);
  });
});
