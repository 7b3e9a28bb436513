/**
 * Inserting many usage rows with one INSERT … SELECT (a merged segment's rows, an import's
 * messages, from a staging table) without usage's per-row insert triggers: their work is done once for the whole batch.
 * Row by row, the three insert triggers cost about half of an insert (a subquery per row to see
 * whether a bulk write is under way, a lookup per imported row, a DELETE statement per proxied
 * row); set-based, each is one statement over the batch:
 *
 *   usage_rollup_insert            the bulk write's grouped sums (bulk-write.ts), which already
 *                                  took the batch's rows (they are the ones with id >= from);
 *   usage_import_defers_to_proxy   new imported rows whose request id a proxied row has are deleted
 *                                  again (before their rollups are summed: they never count);
 *   usage_proxy_replaces_import    imported rows that a new proxied row replaces are deleted
 *                                  (through DELETE, so the delete triggers keep rollups and the
 *                                  sync outbox right), with the trigger's own condition.
 *
 * The triggers are dropped and created again inside the caller's transaction (their SQL as
 * sqlite_master holds it): no other connection ever sees the ledger without them (SQLite's schema
 * changes are transactional, and readers see the last commit), a crash or an error rolls the drop
 * back with the rows, and the cost is a few statements a batch instead of a guard evaluated per row
 * (a WHEN on a flag row is a subquery per row and trigger). An insert trigger on usage this file
 * does not know stops the bulk path with an error instead of being skipped silently.
 */
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';
import { nextUsageId } from './usage-ids.js';

const INSERT_TRIGGERS = ['usage_rollup_insert', 'usage_import_defers_to_proxy', 'usage_proxy_replaces_import'] as const;

const INSERT_TRIGGER = /\b(?:BEFORE|AFTER|INSTEAD\s+OF)\s+INSERT\s+ON\s+"?usage"?\s/i;

// The batch's rows are found by id (the rowid), never by the source index, which would walk every
// imported row of the ledger: the unary + keeps SQLite's planner off that index, CROSS JOIN keeps
// the batch's rows outermost.

/** usage_import_defers_to_proxy for the rows with id >= @from. */
const DEFER_IMPORTS_SQL = `DELETE FROM usage WHERE id >= @from AND +source = 'import' AND request_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM usage p WHERE p.source = 'proxy' AND p.request_id = usage.request_id)`;

/** usage_proxy_replaces_import for the proxied rows with id >= @from (the trigger's own condition). */
const REPLACE_IMPORTS_SQL = `DELETE FROM usage WHERE id IN (
  SELECT i.id FROM usage p CROSS JOIN usage i
  WHERE p.id >= @from AND +p.source = 'proxy' AND p.request_id IS NOT NULL
    AND i.source = 'import' AND i.external_id > p.request_id || ':' AND i.external_id < p.request_id || ';' AND i.request_id = p.request_id)`;

interface TriggerSql {
  name: string;
  sql: string;
}

function insertTriggers(db: Db): TriggerSql[] {
  const all = cachedStatement(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'usage'").all() as TriggerSql[];
  const onInsert = all.filter((t) => INSERT_TRIGGER.test(t.sql));
  const unknown = onInsert.filter((t) => !(INSERT_TRIGGERS as readonly string[]).includes(t.name));
  if (unknown.length > 0 || onInsert.length !== INSERT_TRIGGERS.length) {
    throw new Error(`usage's insert triggers are ${onInsert.map((t) => t.name).join(', ') || 'none'}; the bulk insert knows ${INSERT_TRIGGERS.join(', ')}: teach bulk-insert.ts the set-based form of each`);
  }
  return onInsert;
}

/**
 * Runs `insert` (one INSERT … SELECT into usage returning its changes) with usage's insert
 * triggers' work done set-based; returns the rows it added and kept. Inside withBulkRollups
 * (bulk-write.ts), which sums the new rows into the rollups before it commits; outside one, the
 * triggers do their work row by row as usual.
 */
export function insertSetBased(db: Db, insert: () => number): number {
  if (!db.inTransaction || cachedStatement(db, 'SELECT 1 FROM rollup_pending').get() === undefined) return insert();
  const from = nextUsageId(db);
  const triggers = insertTriggers(db);
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  let inserted: number;
  try {
    inserted = insert();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
  if (inserted === 0) return 0;
  const deferred = cachedStatement(db, DEFER_IMPORTS_SQL).run({ from }).changes;
  cachedStatement(db, REPLACE_IMPORTS_SQL).run({ from });
  return inserted - deferred;
}
