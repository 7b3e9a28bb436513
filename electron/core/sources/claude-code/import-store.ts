/**
 * The import's SQL: per-file read state (import_files, migration 4) and the write of one message,
 * which inserts it or, when the ledger already holds a less complete copy, replaces its figures.
 * Rows are only ever inserted or updated here, never deleted: the rollup triggers follow both.
 */
import type { NewUsageRecord } from '../../../../shared/usage.js';
import { insertSetBased } from '../../ledger/bulk-insert.js';
import type { Db } from '../../ledger/open-database.js';
import { cachedStatement } from '../../ledger/statement-cache.js';
import { stageRows } from '../../ledger/stage-rows.js';
import type { ImportRow } from './import-row.js';
import { IMPORT_BOUND_COLUMNS, IMPORT_SELECT_LIST, importRowValues, recordToParams, recordToValues, TOKEN_COLUMNS_SQL, USAGE_COLUMNS } from '../../ledger/usage-row.js';

export const IMPORT_SOURCE = 'claude-code';

/** What was read of one file. */
export interface FileState {
  size: number;
  mtimeMs: number;
  /** "device:inode": a file replaced under the same name has another. */
  identity: string;
  /** Bytes taken in: everything before it is complete lines already imported. */
  offset: number;
  /** Usage lines read from this file, over all passes (for diagnostics). */
  usageLines: number;
}

/** `source` names the reader (one table serves the Claude Code and the Codex import). */
export function loadFileStates(db: Db, source: string = IMPORT_SOURCE): Map<string, FileState> {
  const rows = cachedStatement(db, 'SELECT path, size, mtime_ms, identity, read_offset, usage_lines FROM import_files WHERE source = ?').all(source) as {
    path: string;
    size: number;
    mtime_ms: number;
    identity: string;
    read_offset: number;
    usage_lines: number;
  }[];
  return new Map(rows.map((r) => [r.path, { size: r.size, mtimeMs: r.mtime_ms, identity: r.identity, offset: r.read_offset, usageLines: r.usage_lines }]));
}

export function saveFileState(db: Db, file: string, state: FileState, now: number, source: string = IMPORT_SOURCE): void {
  cachedStatement(
    db,
    `INSERT INTO import_files (source, path, size, mtime_ms, identity, read_offset, usage_lines, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, identity = excluded.identity,
       read_offset = excluded.read_offset, usage_lines = excluded.usage_lines, read_at = excluded.read_at`,
  ).run(source, file, state.size, Math.round(state.mtimeMs), state.identity, state.offset, state.usageLines, Math.round(now));
}

// Positional parameters: binding 26 values by position costs a fraction of binding them by name.
const INSERT_SQL =
  `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')}) ` +
  // The unique index on (source, external_id) is partial: the conflict target must say so.
  'ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING';

/** A copy's token counts summed: the larger sum is the more complete copy. `of` is 'usage.', 's.' or '@'. */
const TOTAL = (of: string) => `(${TOKEN_COLUMNS_SQL.map((c) => of + c).join(' + ')})`;

/** What a more complete copy of a message replaces; the row keeps its id. */
const UPDATED_COLUMNS = ['time', 'model', ...TOKEN_COLUMNS_SQL, 'cost_nano', 'priced', 'cost_source', 'price_version', 'request_id'];

const UPDATE_SQL =
  `UPDATE usage SET ${UPDATED_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} ` +
  `WHERE source = @source AND external_id = @external_id AND ${TOTAL('usage.')} < ${TOTAL('@')}`;

/**
 * Project and session, for a stored row that lacks them (imported before migration 14, whose
 * backfill reads the transcripts again) and for the proxy's row of the same request (Claude Code
 * through the proxy: the transcript knows the session the wire did not). Only ever fills what is
 * empty (COALESCE), never a summed column: idempotent, and the rollups are left as they are.
 */
const FILL = (s: string) =>
  `project = COALESCE(usage.project, ${s}project), project_name = COALESCE(usage.project_name, ${s}project_name), ` +
  `session_id = COALESCE(usage.session_id, ${s}session_id)`;
const NEEDS_FILL = (s: string) =>
  `((usage.project IS NULL AND ${s}project IS NOT NULL) OR (usage.session_id IS NULL AND ${s}session_id IS NOT NULL))`;
const FILL_SQL = `UPDATE usage SET ${FILL('@')} WHERE source = 'import' AND external_id = @external_id AND ${NEEDS_FILL('@')}`;
// INDEXED BY: without statistics SQLite would walk every proxied row by (source, time) instead.
const FILL_PROXY_SQL = `UPDATE usage INDEXED BY usage_proxy_request SET ${FILL('@')} WHERE source = 'proxy' AND request_id = @request_id AND ${NEEDS_FILL('@')}`;

export type WriteOutcome = 'inserted' | 'updated' | 'kept';

/**
 * Store one imported message (inside the caller's transaction). Kept: the ledger already holds
 * this message at least as complete, or the proxy recorded the same request (migration 4's trigger).
 */
export function writeImportedMessage(db: Db, record: NewUsageRecord): WriteOutcome {
  if (cachedStatement(db, INSERT_SQL).run(recordToValues(record)).changes === 1) return 'inserted';
  return updateImported(db, record);
}

function updateImported(db: Db, record: NewUsageRecord): WriteOutcome {
  const params = recordToParams(record);
  const outcome = cachedStatement(db, UPDATE_SQL).run(params).changes === 1 ? 'updated' : 'kept';
  if (params.project !== null || params.session_id !== null) {
    const { project, project_name, session_id, external_id, request_id } = params;
    const fill = { project, project_name, session_id };
    cachedStatement(db, FILL_SQL).run({ ...fill, external_id });
    if (request_id !== null) cachedStatement(db, FILL_PROXY_SQL).run({ ...fill, request_id });
  }
  return outcome;
}

/**
 * Many messages at once go through a staging table: each is bound once into a temp table with no
 * index and no trigger, then one UPDATE and one INSERT … SELECT move them all. One statement then
 * runs the triggers and index inserts of every row, instead of one statement (its setup, its
 * statement journal, its teardown) per row: about half the cost of a cold import's writes.
 */
const STAGED_MIN_ROWS = 16;
const STAGING = 'temp.import_staging';
const CREATE_STAGING_SQL = `CREATE TEMP TABLE IF NOT EXISTS import_staging (${IMPORT_BOUND_COLUMNS.join(', ')})`;
/** As UPDATE_SQL, for every staged message the ledger holds a less complete copy of; the rows' ids. */
const UPDATE_STAGED_SQL =
  `UPDATE usage SET ${UPDATED_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')} FROM ${STAGING} AS s ` +
  `WHERE usage.source = 'import' AND usage.external_id = s.external_id AND ${TOTAL('usage.')} < ${TOTAL('s.')} RETURNING usage.id`;
/** As FILL_SQL, for every staged message: the stored copy, else the proxy's row of its request. */
const FILL_STAGED_SQL =
  `UPDATE usage SET ${FILL('s.')} FROM ${STAGING} AS s WHERE usage.source = 'import' AND usage.external_id = s.external_id AND ${NEEDS_FILL('s.')}`;
const FILL_PROXY_STAGED_SQL =
  `UPDATE usage INDEXED BY usage_proxy_request SET ${FILL('s.')} FROM ${STAGING} AS s WHERE s.request_id IS NOT NULL AND usage.source = 'proxy' AND usage.request_id = s.request_id AND ${NEEDS_FILL('s.')}`;
/** As INSERT_SQL, for every staged message, in time order (the ledger's time indexes are then written in sequence). */
const INSERT_STAGED_SQL =
  `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) SELECT ${IMPORT_SELECT_LIST} FROM ${STAGING} WHERE true ORDER BY time ` +
  'ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING';

/**
 * Store imported messages (inside the caller's transaction), each as writeImportedMessage would.
 * Those shaped like an import (importRowValues), one copy per message, go through the staging
 * table; the rest one at a time, after them.
 */
export function writeImportedMessages(db: Db, records: readonly NewUsageRecord[]): Record<WriteOutcome, number> {
  if (records.length < STAGED_MIN_ROWS) {
    const counts: Record<WriteOutcome, number> = { inserted: 0, updated: 0, kept: 0 };
    for (const record of records) counts[writeImportedMessage(db, record)]++;
    return counts;
  }
  const keys = new Set<string>();
  const staged: ImportRow[] = [];
  const single: NewUsageRecord[] = [];
  for (const record of records) {
    const values = record.externalId && !keys.has(record.externalId) ? importRowValues(record) : null;
    if (values === null) {
      single.push(record);
      continue;
    }
    staged.push(values);
    keys.add(record.externalId!);
  }
  const counts = writeImportRows(db, staged);
  for (const record of single) counts[writeImportedMessage(db, record)]++;
  return counts;
}

/**
 * Store import rows (import-row.ts), one per message, inside the caller's transaction: all through
 * the staging table, however few (a handful of statements more than one message at a time costs).
 *
 * `passFrom` (nextUsageId at the pass's start): rows with an id from it on were inserted by the same pass. A more
 * complete copy replacing one of those is a copy met again, not an update of what the ledger held:
 * it counts as kept. Otherwise the count would depend on which batch each copy fell in (with parse
 * workers, on timing), and a first import into an empty ledger would report updates.
 */
export function writeImportRows(db: Db, rows: readonly ImportRow[], passFrom = Infinity): Record<WriteOutcome, number> {
  const counts: Record<WriteOutcome, number> = { inserted: 0, updated: 0, kept: 0 };
  if (rows.length === 0) return counts;
  db.exec(CREATE_STAGING_SQL);
  stageRows(db, STAGING, IMPORT_BOUND_COLUMNS, rows);
  try {
    // A ledger holding no imported row yet (the first import) has nothing to update.
    if (cachedStatement(db, "SELECT 1 FROM usage WHERE source = 'import' LIMIT 1").get() !== undefined) {
      const ids = cachedStatement(db, UPDATE_STAGED_SQL).pluck().all() as number[];
      counts.updated = ids.filter((id) => id < passFrom).length;
      cachedStatement(db, FILL_STAGED_SQL).run();
    }
    // Claude Code's calls through the proxy: the proxy's row takes the transcript's project and session.
    if (cachedStatement(db, "SELECT 1 FROM usage WHERE source = 'proxy' AND request_id IS NOT NULL LIMIT 1").get() !== undefined) {
      cachedStatement(db, FILL_PROXY_STAGED_SQL).run();
    }
    // Updated rows conflict; messages the proxy recorded are passed over (migration 4's rule, set-based in a bulk write).
    counts.inserted = insertSetBased(db, () => cachedStatement(db, INSERT_STAGED_SQL).run().changes);
    counts.kept = rows.length - counts.inserted - counts.updated;
  } finally {
    cachedStatement(db, `DELETE FROM ${STAGING}`).run();
  }
  return counts;
}

/** Rows the import has in the ledger. */
export function countImportedRows(db: Db): number {
  return (cachedStatement(db, "SELECT COUNT(*) AS n FROM usage WHERE source = 'import'").get() as { n: number }).n;
}
