/**
 * Where a write's new usage rows begin. usage.id is SQLite's rowid (INTEGER PRIMARY KEY without
 * AUTOINCREMENT), so each new row gets max + 1: the rows a transaction inserts are exactly those
 * with id >= nextUsageId() read at its start (the bulk write's rollup sums, the set-based insert
 * triggers, an import pass's counts, the sync publisher's cursor all rely on it).
 */
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/** The highest usage id, 0 for an empty ledger. */
export function lastUsageId(db: Db): number {
  return (cachedStatement(db, 'SELECT COALESCE(MAX(id), 0) AS id FROM usage').get() as { id: number }).id;
}

/** The id the next inserted usage row gets. */
export function nextUsageId(db: Db): number {
  return lastUsageId(db) + 1;
}
