import { useEffect, useState } from 'react';

/**
 * The clock, for relative times ("4 min ago") and expiries that move on their own: re-renders
 * every `everyMs`, and reads the clock at each render, so an event that just happened is never
 * "in a moment" because the last tick was a few seconds ago.
 */
export function useNow(everyMs = 30_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return Date.now();
}
