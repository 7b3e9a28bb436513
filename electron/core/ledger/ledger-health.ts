/**
 * Is the ledger file sound? Two depths:
 *  - quick (every start, milliseconds on any size): the file header, the schema, the first and
 *    last rows of every table and, where a process is about to write, a probe write of the next
 *    call rolled straight back. That reads the pages a write touches (the last leaf of each table,
 *    the index pages a new call lands on), so a ledger that "starts and then fails every write"
 *    is caught before it takes a call.
 *  - full (`tokentally doctor --full`): SQLite's integrity_check, every page.
 * Damage elsewhere (an old page in the middle) is only found by the full check, or when a query
 * reads it; the error then names the way out (describeLedgerError).
 */
import fs from 'node:fs';
import type { Db } from './open-database.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

export interface HealthProblem {
  /** Where: "header", "schema", a table name, "a probe write", "integrity_check". */
  where: string;
  message: string;
}

const MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

/** The file header (first 100 bytes), checked without SQLite: a header SQLite misreads is not always refused by it. */
export function checkHeader(file: string): HealthProblem | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    return { where: 'header', message: `cannot be read: ${errorMessage(err)}` };
  }
  try {
    const size = fs.fstatSync(fd).size;
    // An empty file is a ledger not created yet.
    if (size === 0) return null;
    const header = Buffer.alloc(HEADER_BYTES);
    const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    if (read < HEADER_BYTES) return { where: 'header', message: `the file is ${size} bytes, shorter than an SQLite header` };
    if (header.toString('latin1', 0, 16) !== MAGIC) return { where: 'header', message: 'the file does not start as an SQLite database' };
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return { where: 'header', message: `impossible page size ${raw}` };
    if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) return { where: 'header', message: 'the payload fractions in the header are not the fixed values' };
    // With a WAL holding frames, the main file may be shorter than its header says: a checkpoint
    // cut short by a full disk wrote page 1 but not the pages after it, which the WAL still holds.
    // SQLite reads those pages from the WAL, so the file is whole; the checks below that read it.
    if (walHoldsFrames(file)) return null;
    if (size % pageSize !== 0) return { where: 'header', message: `the file size (${size} bytes) is not a whole number of ${pageSize}-byte pages: it was cut short or written over` };
    const changeCounter = header.readUInt32BE(24);
    const pages = header.readUInt32BE(28);
    if (pages > 0 && header.readUInt32BE(92) === changeCounter && pages * pageSize > size) {
      return { where: 'header', message: `the header counts ${pages} pages but the file holds ${size / pageSize}: it was cut short` };
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function walHoldsFrames(file: string): boolean {
  try {
    // A WAL header is 32 bytes; frames follow it.
    return fs.statSync(`${file}-wal`).size > 32;
  } catch {
    return false;
  }
}

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The schema, then the first and last rows of every table (the pages reads and appends start from). */
export function checkTables(db: Db): HealthProblem[] {
  let schema: SchemaRow[];
  try {
    schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as SchemaRow[];
  } catch (err) {
    return [{ where: 'schema', message: errorMessage(err) }];
  }
  const problems: HealthProblem[] = [];
  for (const t of schema) {
    if (t.type !== 'table' || t.sql === null || /\bVIRTUAL\b/i.test(t.sql)) continue;
    const name = quoteName(t.name);
    const withoutRowid = /WITHOUT\s+ROWID/i.test(t.sql);
    try {
      db.prepare(`SELECT * FROM ${name} LIMIT 1`).all();
      if (!withoutRowid) db.prepare(`SELECT * FROM ${name} ORDER BY rowid DESC LIMIT 1`).all();
    } catch (err) {
      problems.push({ where: `table ${t.name}`, message: `${errorMessage(err)} (reading its first and last rows)` });
    }
  }
  return problems;
}

/**
 * Write the next call as the last one was written (a copy of the newest usage row: same table
 * leaf, same index pages, same rollup rows), then roll it back. Nothing is left behind; a damaged
 * page on the write path fails here instead of on the first real call.
 */
export function probeWrite(db: Db): HealthProblem | null {
  let columns: string[];
  try {
    columns = (db.prepare('PRAGMA table_info(usage)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
  } catch (err) {
    return { where: 'a probe write', message: errorMessage(err) };
  }
  if (columns.length === 0) return null;
  const list = columns.map(quoteName).join(', ');
  const copy = columns.map((c) => (c === 'external_id' ? 'NULL' : quoteName(c))).join(', ');
  try {
    db.exec('SAVEPOINT tokentally_health_probe');
    try {
      db.prepare(`INSERT INTO usage (${list}) SELECT ${copy} FROM usage WHERE id = (SELECT max(id) FROM usage)`).run();
    } finally {
      db.exec('ROLLBACK TO tokentally_health_probe; RELEASE tokentally_health_probe');
    }
    return null;
  } catch (err) {
    return { where: 'a probe write', message: errorMessage(err) };
  }
}

/** The quick check: header, schema and table ends, and (for a process about to write) a probe write. */
export function quickCheck(db: Db, file: string, options: { probeWrite: boolean }): HealthProblem[] {
  const header = checkHeader(file);
  if (header) return [header];
  const problems = checkTables(db);
  if (problems.length === 0 && options.probeWrite) {
    const probe = probeWrite(db);
    if (probe) problems.push(probe);
  }
  return problems;
}

/**
 * SQLite's integrity_check over every page: up to `max` problems, none when the ledger is sound.
 * On a page of garbage integrity_check itself may stop with "malformed" (it reads the rows of
 * STRICT tables); it is then run table by table, so the answer still names where the damage is.
 */
export function fullCheck(db: Db, max = 100): HealthProblem[] {
  try {
    return problemsOf(db.pragma(`integrity_check(${max})`) as { integrity_check: string }[], 'integrity_check');
  } catch (err) {
    let tables: string[];
    try {
      tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    } catch {
      return [{ where: 'integrity_check', message: errorMessage(err) }];
    }
    const problems: HealthProblem[] = [];
    for (const table of tables) {
      try {
        problems.push(...problemsOf(db.pragma(`integrity_check(${quoteName(table)})`) as { integrity_check: string }[], `table ${table}`));
      } catch (tableErr) {
        problems.push({ where: `table ${table}`, message: `${errorMessage(tableErr)} (reading every page of it and its indexes)` });
      }
    }
    return problems.length > 0 ? problems : [{ where: 'integrity_check', message: errorMessage(err) }];
  }
}

function problemsOf(rows: { integrity_check: string }[], where: string): HealthProblem[] {
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok').map((message) => ({ where, message }));
}

/** SQLite's damage errors (SQLITE_CORRUPT, SQLITE_NOTADB and their extended codes). */
export function isDamageError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** What to tell the user about a damaged ledger in `dataDir`, and the way out. */
export function damageAdvice(dataDir: string, options: { checkedFully?: boolean } = {}): string {
  const where = ` --data-dir "${dataDir}"`;
  return (
    `Nothing was changed. ` +
    (options.checkedFully ? '' : `To see all that is wrong: tokentally doctor --full${where}. `) +
    `To start a new ledger that keeps your keys, budgets and settings and every call that can still be read ` +
    `(the damaged file is kept aside; Claude Code, Codex and Gemini CLI logs are imported again): tokentally doctor --repair${where}`
  );
}

/** "the first problem (and N more)" */
export function summarize(problems: readonly HealthProblem[]): string {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${first.where}: ${first.message}${more}`;
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
