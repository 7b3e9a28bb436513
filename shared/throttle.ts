export interface TimerLike {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: TimerLike = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Run `fn` at most once per `intervalMs`, leading and trailing: the first call runs at once, calls
 * inside the interval collapse into one run at its end, so the last change is always shown.
 * (A proxy under load emits usage-changed many times a second; the tray and the windows need one
 * refresh per interval. Unlike a debounce, a steady stream of calls still gets a run per interval.)
 */
export function throttle(fn: () => void, intervalMs: number, timers: TimerLike = realTimers): Throttled {
  let lastRun = -Infinity;
  let pending: unknown = null;
  const run = () => {
    pending = null;
    lastRun = timers.now();
    fn();
  };
  const throttled = (() => {
    if (pending !== null) return;
    const wait = lastRun + intervalMs - timers.now();
    if (wait <= 0) run();
    else pending = timers.setTimeout(run, wait);
  }) as Throttled;
  throttled.cancel = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return throttled;
}
