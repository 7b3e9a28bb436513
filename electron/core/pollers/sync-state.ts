/** provider_sync (migration 5): one row per provider, shared by the app, the CLI and restarts. */
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export interface SyncState {
  provider: string;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  nextRunAt: number | null;
  lastError: string | null;
  /** Failures in a row since the last success (drives the backoff). */
  failures: number;
  lastStored: string | null;
}

const SELECT = `SELECT provider, last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, next_run_at AS nextRunAt,
  last_error AS lastError, failures, last_stored AS lastStored FROM provider_sync`;

export function readSyncState(db: Db, provider: string): SyncState | null {
  return (cachedStatement(db, `${SELECT} WHERE provider = ?`).get(provider) as SyncState | undefined) ?? null;
}

export function listSyncStates(db: Db): Map<string, SyncState> {
  const rows = cachedStatement(db, SELECT).all() as SyncState[];
  return new Map(rows.map((r) => [r.provider, r]));
}

const UPSERT_PREFIX = 'INSERT INTO provider_sync (provider, last_attempt_at) VALUES (@provider, @at) ON CONFLICT (provider) DO UPDATE SET';

/** Written before the request goes out, so a crash mid-poll still counts toward once a minute. */
export function recordAttempt(db: Db, provider: string, at: number): void {
  cachedStatement(db, `${UPSERT_PREFIX} last_attempt_at = excluded.last_attempt_at`).run({ provider, at });
}

export function recordSuccess(db: Db, provider: string, at: number, lastStored: string): void {
  cachedStatement(
    db,
    `INSERT INTO provider_sync (provider, last_attempt_at, last_success_at, failures, last_error, last_stored)
     VALUES (@provider, @at, @at, 0, NULL, @lastStored)
     ON CONFLICT (provider) DO UPDATE SET last_attempt_at = @at, last_success_at = @at, failures = 0, last_error = NULL, last_stored = @lastStored`,
  ).run({ provider, at, lastStored });
}

export function recordFailure(db: Db, provider: string, at: number, message: string): void {
  cachedStatement(
    db,
    `INSERT INTO provider_sync (provider, last_attempt_at, failures, last_error) VALUES (@provider, @at, 1, @message)
     ON CONFLICT (provider) DO UPDATE SET last_attempt_at = @at, failures = failures + 1, last_error = @message`,
  ).run({ provider, at, message });
}

/** When the scheduler means to poll next (null: not scheduled). */
export function recordNextRun(db: Db, provider: string, at: number | null): void {
  cachedStatement(
    db,
    `INSERT INTO provider_sync (provider, next_run_at) VALUES (@provider, @at)
     ON CONFLICT (provider) DO UPDATE SET next_run_at = @at`,
  ).run({ provider, at });
}
