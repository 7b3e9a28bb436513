/**
 * Lifting the hard caps for a while (the tray's "Lift the cap for 1 hour"). Stored in the ledger
 * (cap_lift, migration 003) so a restart does not silently restore or extend it.
 */
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

const CAP_LIFT_MS = 60 * 60 * 1000;

/** Until when the caps are lifted, or null when they hold (an expired lift reads as null). */
export function capLiftedUntil(db: Db, now: number): number | null {
  const until = storedCapLift(db);
  return until !== null && until > now ? until : null;
}

/**
 * The stored lift's end, expired or not: what the proxy's gate is given, so it decides with its own
 * clock at each call (a snapshot read a moment after the end must not cancel a lift that a clock
 * set back makes current again, and one read before it must not outlive it).
 */
export function storedCapLift(db: Db): number | null {
  const until = cachedStatement(db, 'SELECT lifted_until FROM cap_lift WHERE id = 1').pluck().get() as number | undefined;
  return until ?? null;
}

export function liftCap(db: Db, now: number, forMs: number = CAP_LIFT_MS): number {
  const until = now + forMs;
  cachedStatement(db, 'INSERT INTO cap_lift (id, lifted_until, lifted_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET lifted_until = excluded.lifted_until, lifted_at = excluded.lifted_at').run(until, now);
  return until;
}

export function restoreCap(db: Db): void {
  cachedStatement(db, 'DELETE FROM cap_lift').run();
}
