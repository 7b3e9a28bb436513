/** Provider buckets are UTC days. */
const DAY_MS = 86_400_000;
/** A first poll reads this far back: any budget period (at most 31 days) is covered. */
const BACKFILL_DAYS = 31;
/** After a long pause, catch up at most this far back. */
const MAX_CATCH_UP_DAYS = 93;

export function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Where a poll starts reading: the day before the last success (late data and revisions land
 * there), so a steady state reads two buckets; a first poll backfills 31 days.
 */
export function pollWindowStart(lastSuccessAt: number | null, now: number): number {
  const today = utcMidnight(now);
  if (lastSuccessAt === null) return today - BACKFILL_DAYS * DAY_MS;
  return Math.max(utcMidnight(Math.min(lastSuccessAt, now)) - DAY_MS, today - MAX_CATCH_UP_DAYS * DAY_MS);
}
