/**
 * For tests that name "today" once and then make calls, poll reports or read summaries: should
 * midnight (UTC, or the machine's own zone, which a summary may use) pass in between, the test
 * would compare one day's figures with the next day's and fail for no fault of the code. Such a
 * test waits here first when less than `marginMs` is left of the day: at most that long, once a day.
 */
const DAY_MS = 86_400_000;

/** Milliseconds until the next midnight, UTC or local, whichever comes first. */
export function untilNextMidnight(now: number): number {
  const local = new Date(now);
  const nextLocal = new Date(local.getFullYear(), local.getMonth(), local.getDate() + 1).getTime();
  return Math.min(DAY_MS - (now % DAY_MS), nextLocal - now);
}

/** Resolves at once, or just after midnight when the day has less than `marginMs` left. */
export async function clearOfMidnight(marginMs: number): Promise<void> {
  const left = untilNextMidnight(Date.now());
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}
