/** Reading the bodies kept for opted-in tags (migration 002; written by the writer's body store). */
import type { CallBodies } from '../../../shared/api/contract.js';
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

interface BodyRow {
  request_body: Buffer;
  request_truncated: number;
  response_body: Buffer;
  response_truncated: number;
}

export function readCallBodies(db: Db, externalId: string): CallBodies | null {
  const row = cachedStatement(db, 'SELECT request_body, request_truncated, response_body, response_truncated FROM call_bodies WHERE external_id = ?').get(externalId) as BodyRow | undefined;
  if (!row) return null;
  return {
    request: row.request_body.toString('utf8'),
    requestTruncated: row.request_truncated === 1,
    response: row.response_body.toString('utf8'),
    responseTruncated: row.response_truncated === 1,
  };
}
