/**
 * The import's SQL: per-file read state (import_files, migration 4) and the write of one message,
 * which inserts it or, when the ledger already holds a less complete copy, replaces its figures.
 * Rows are only ever inserted or updated here, never deleted: the rollup triggers follow both.
 */
import type { NewUsageRecord } from '../../../../shared/usage.js';
import type { Db } from '../../ledger/open-database.js';
import { cachedStatement } from '../../ledger/statement-cache.js';
import { recordToParams, recordToValues, USAGE_COLUMNS } from '../../ledger/usage-row.js';

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

const TOTAL = (t: string) =>
  `(${t}.input_tokens + ${t}.cache_write_5m_tokens + ${t}.cache_write_1h_tokens + ${t}.cache_read_tokens + ` +
  `${t}.output_tokens + ${t}.reasoning_tokens + ${t}.web_search_requests)`;

/** The figures of a more complete copy replace the stored ones; the row keeps its id. */
const UPDATE_SQL =
  'UPDATE usage SET time = @time, model = @model, input_tokens = @input_tokens, cache_write_5m_tokens = @cache_write_5m_tokens, ' +
  'cache_write_1h_tokens = @cache_write_1h_tokens, cache_read_tokens = @cache_read_tokens, output_tokens = @output_tokens, ' +
  'reasoning_tokens = @reasoning_tokens, web_search_requests = @web_search_requests, cost_nano = @cost_nano, priced = @priced, ' +
  'cost_source = @cost_source, price_version = @price_version, request_id = @request_id ' +
  `WHERE source = @source AND external_id = @external_id AND ${TOTAL('usage')} < ` +
  '(@input_tokens + @cache_write_5m_tokens + @cache_write_1h_tokens + @cache_read_tokens + @output_tokens + @reasoning_tokens + @web_search_requests)';

export type WriteOutcome = 'inserted' | 'updated' | 'kept';

/**
 * Store one imported message (inside the caller's transaction). Kept: the ledger already holds
 * this message at least as complete, or the proxy recorded the same request (migration 4's trigger).
 */
export function writeImportedMessage(db: Db, record: NewUsageRecord): WriteOutcome {
  if (cachedStatement(db, INSERT_SQL).run(recordToValues(record)).changes === 1) return 'inserted';
  return cachedStatement(db, UPDATE_SQL).run(recordToParams(record)).changes === 1 ? 'updated' : 'kept';
}

/** Rows the import has in the ledger. */
export function countImportedRows(db: Db): number {
  return (cachedStatement(db, "SELECT COUNT(*) AS n FROM usage WHERE source = 'import'").get() as { n: number }).n;
}
