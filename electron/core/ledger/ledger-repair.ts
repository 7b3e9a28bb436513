/**
 * The way out of a damaged ledger: keep the damaged file aside, start a new one, and carry over
 * everything that can still be read from it.
 *  - Carried: every table of the new schema that the old file has (settings, keys, budgets, plans,
 *    alerts, plan windows, provider reports, calls and their stored bodies), column by column
 *    (an older schema's columns map by name), rows read around damaged pages.
 *  - Rebuilt, not copied: tables the schema's own triggers fill from the calls (the rollups).
 *  - Imported again: the transcript importers' bookkeeping (import_files) and the pollers' state
 *    (provider_sync) are left behind, so the next start reads the Claude Code, Codex and Gemini CLI
 *    logs and the providers' reports again; calls found again are not counted twice (each has its
 *    unique id), and those still in the logs fill gaps the damage left.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase, type Db, type OpenOptions } from './open-database.js';
import { errorMessage } from '../../../shared/error-message.js';

/** Left behind so they are rebuilt from their sources on the next start. */
const RE_READ = new Set(['import_files', 'provider_sync']);
const BATCH = 500;
/** Rowids are 64-bit; past this, a damaged range is not skipped further (only the rest of that table is lost). */
const MAX_ROWID = Number.MAX_SAFE_INTEGER;

interface TableSalvage {
  table: string;
  /** Rows carried into the new ledger. */
  copied: number;
  /** Ranges of rows that sat in damaged pages and could not be read. */
  unreadableRanges: number;
  /** The table could not be read at all (or not past its damage), with SQLite's words. */
  error: string | null;
}

export interface RepairResult {
  /** Where the damaged file (and its -wal, -shm) now is. */
  keptAside: string;
  tables: TableSalvage[];
  /** Tables left for their sources to fill again. */
  reRead: string[];
}

/**
 * Move the ledger in dataDir aside (tokentally.db.damaged-<time>, with its -wal and -shm), open a
 * new one, and carry over what can be read. If the new ledger cannot be made, the old files are
 * put back and nothing has changed.
 */
export function repairLedger(dataDir: string, now: Date, options: Pick<OpenOptions, 'nativeBinding' | 'migrations'> = {}): RepairResult {
  const file = path.join(dataDir, DATABASE_FILE);
  const aside = `${file}.damaged-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
  const moved: [string, string][] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(file + suffix)) continue;
    fs.renameSync(file + suffix, aside + suffix);
    moved.push([file + suffix, aside + suffix]);
  }
  let fresh: Db;
  try {
    fresh = openDatabase(dataDir, { ...options, check: 'none' });
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    for (const [from, to] of moved) fs.renameSync(to, from);
    throw err;
  }
  const old = new Database(aside, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const tables: TableSalvage[] = [];
    const derived = derivedTables(fresh);
    const oldTables = new Set(tableNames(old));
    for (const table of tableNames(fresh)) {
      if (derived.has(table) || RE_READ.has(table) || !oldTables.has(table)) continue;
      tables.push(salvageTable(old, fresh, table));
    }
    return { keptAside: aside, tables, reRead: [...RE_READ] };
  } finally {
    old.close();
    fresh.close();
  }
}

function tableNames(db: Db): string[] {
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rootpage").all() as { name: string }[]).map((r) => r.name);
  } catch {
    return [];
  }
}

/** Tables a trigger writes to on behalf of another table (rollups): rebuilt by the triggers as rows are carried. */
function derivedTables(db: Db): Set<string> {
  const out = new Set<string>();
  const triggers = db.prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { tbl_name: string; sql: string }[];
  for (const t of triggers) {
    for (const m of t.sql.matchAll(/\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)/gi)) {
      if (m[1] !== t.tbl_name) out.add(m[1]!);
    }
  }
  return out;
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map((c) => c.name);
}

function withoutRowid(db: Db, table: string): boolean {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  return /WITHOUT\s+ROWID/i.test(row?.sql ?? '');
}

function salvageTable(old: Db, fresh: Db, table: string): TableSalvage {
  const result: TableSalvage = { table, copied: 0, unreadableRanges: 0, error: null };
  let cols: string[];
  try {
    const have = new Set(columns(old, table));
    cols = columns(fresh, table).filter((c) => have.has(c));
  } catch (err) {
    return { ...result, error: errorMessage(err) };
  }
  if (cols.length === 0) return result;
  const list = cols.map(q).join(', ');
  const insert = fresh.prepare(`INSERT INTO ${q(table)} (${list}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`);
  const put = fresh.transaction((rows: unknown[][]) => {
    for (const row of rows) result.copied += insert.run(...row).changes;
  });

  if (withoutRowid(old, table)) {
    try {
      put(old.prepare(`SELECT ${list} FROM ${q(table)}`).raw().all() as unknown[][]);
    } catch (err) {
      result.error = errorMessage(err);
    }
    return result;
  }

  const page = old.prepare(`SELECT rowid, ${list} FROM ${q(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw();
  const readable = (after: number): boolean => {
    try {
      page.all(after, 1);
      return true;
    } catch {
      return false;
    }
  };
  let after = Number.MIN_SAFE_INTEGER;
  let limit = BATCH;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = page.all(after, limit) as unknown[][];
    } catch (err) {
      // A batch that reaches a damaged page fails whole: read up to the damage row by row.
      if (limit > 1) {
        limit = 1;
        continue;
      }
      const next = nextReadable(after, readable);
      result.unreadableRanges++;
      if (next === null) {
        result.error = errorMessage(err);
        break;
      }
      after = next;
      limit = BATCH;
      continue;
    }
    if (rows.length === 0) break;
    put(rows.map((r) => r.slice(1)));
    after = Number(rows[rows.length - 1]![0]);
  }
  return result;
}

/**
 * The smallest rowid past `after` from which the table reads again: exponential steps until a
 * read succeeds, then a binary search back (reads from inside a damaged page fail, reads from
 * past it succeed). Null when no such point exists (the damage runs to the end).
 */
function nextReadable(after: number, readable: (after: number) => boolean): number | null {
  const start = Math.max(after, -1);
  let failed = start;
  let step = 1;
  let ok = -1;
  while (start + step <= MAX_ROWID) {
    if (readable(start + step)) {
      ok = start + step;
      break;
    }
    failed = start + step;
    step *= 2;
  }
  if (ok < 0) return null;
  while (ok - failed > 1) {
    const mid: number = failed + Math.floor((ok - failed) / 2);
    if (readable(mid)) ok = mid;
    else failed = mid;
  }
  return ok;
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
