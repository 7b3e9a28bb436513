import type { Db } from '../ledger/open-database.js';
import type { StoredBodies } from './stored-bodies.js';

export interface BodyStore {
  /** Never throws: a failed write loses the bodies, never the call. */
  save(bodies: StoredBodies): void;
}

/**
 * Keeps the capped bodies of calls whose tag the user opted in (migration 002). Writes happen
 * after the response has ended, one small insert each; only opted-in tags ever get here.
 */
export function createBodyStore(db: Db, onError: (err: unknown) => void): BodyStore {
  const insert = db.prepare(
    `INSERT INTO call_bodies (external_id, time, request_body, request_truncated, response_body, response_truncated)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  return {
    save(b) {
      try {
        insert.run(b.externalId, b.time, b.requestBody, b.requestTruncated ? 1 : 0, b.responseBody, b.responseTruncated ? 1 : 0);
      } catch (err) {
        onError(err);
      }
    },
  };
}
