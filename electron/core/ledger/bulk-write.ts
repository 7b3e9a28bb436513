/**
 * Writing many usage rows at once (an import's batch, a busy writer's flush). Row by row, each
 * insert makes its triggers update six rollups; in a bulk write the triggers leave the rows the
 * transaction inserts alone (rollup_pending, migration 10), and just before it commits the write
 * sums its rows once, per 15-minute bucket and key, and adds those sums to each rollup. Rows it
 * updates or deletes that were there before still go through the triggers, so the rollups equal a
 * GROUP BY over usage whatever the write does. Nothing pending is ever committed: the marker is
 * set and cleared in the same transaction, and an error rolls all of it back.
 */
import type { Db } from './open-database.js';
import { addBatchSql, CLEAR_BATCH_SQL, CREATE_BATCH_SQL, FILL_BATCH_SQL, ROLLUPS } from './rollups.js';
import { cachedStatement } from './statement-cache.js';
import { nextUsageId } from './usage-ids.js';

/** Below this many rows, the triggers' per-row upserts cost less than the grouped statements. */
const BULK_MIN_ROWS = 32;

/** Runs `write` in a transaction whose inserted rows are summed into the rollups once, at the end. */
export function withBulkRollups<T>(db: Db, write: () => T): T {
  return db.transaction(() => {
    // Already inside a bulk write (nested): its end sums these rows too.
    if (cachedStatement(db, 'SELECT 1 FROM rollup_pending').get() !== undefined) return write();
    const from = nextUsageId(db);
    cachedStatement(db, 'INSERT INTO rollup_pending (id, from_id) VALUES (1, ?)').run(from);
    const result = write();
    // Only if rows came in: an empty or fully duplicate batch costs no grouped statements.
    if (cachedStatement(db, 'SELECT 1 FROM usage WHERE id >= ? LIMIT 1').get(from) !== undefined) {
      for (const sql of CREATE_BATCH_SQL) db.exec(sql);
      cachedStatement(db, FILL_BATCH_SQL[0]!).run({ from });
      cachedStatement(db, FILL_BATCH_SQL[1]!).run();
      for (const rollup of Object.values(ROLLUPS)) cachedStatement(db, addBatchSql(rollup)).run();
      for (const sql of CLEAR_BATCH_SQL) cachedStatement(db, sql).run();
    }
    cachedStatement(db, 'DELETE FROM rollup_pending').run();
    return result;
  })();
}

/** Runs `write` (about `rows` inserts) in one transaction: a bulk write when that many rows make it pay. */
export function writeRows<T>(db: Db, rows: number, write: () => T): T {
  return rows >= BULK_MIN_ROWS ? withBulkRollups(db, write) : db.transaction(write)();
}

/**
 * For a one-off command writing a whole history (tokentally import), on its own connection: this
 * connection never checkpoints, rather than each time the WAL passes 1,000 pages in the middle of
 * a batch (each checkpoint copies the pages back and syncs the file, and a cold history's batches
 * rewrite the same index pages again and again); the log is copied back once a batch, on another
 * thread (background-checkpoints.ts), or else as the command closes the ledger. And the page cache
 * holds those indexes. Durability is unchanged: each batch still commits to the WAL.
 */
export function tuneForOneOffWrites(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('cache_size = -65536');
}
