import Database from 'better-sqlite3';
import path from 'node:path';
import { MIGRATIONS } from './migrations/index.js';
import { dataFolderProblem } from './data-folder.js';
import { checkHeader, checkTables, damageAdvice, isDamageError, probeWrite, summarize, type HealthProblem } from './ledger-health.js';
import type { Migration } from './migrations/migration.js';
import { errorMessage } from '../../../shared/error-message.js';
import { DATABASE_FILE } from './database-file.js';

export type Db = Database.Database;

export { DATABASE_FILE };

export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** The quick check found damage: the message says what and the way out (tokentally doctor). */
export class LedgerDamagedError extends LedgerError {
  constructor(
    readonly file: string,
    readonly problems: readonly HealthProblem[],
  ) {
    super(`the ledger ${file} is damaged: ${summarize(problems)}. ${damageAdvice(path.dirname(file))}`);
    this.name = 'LedgerDamagedError';
  }
}

export interface OpenOptions {
  /** better-sqlite3 native addon to load instead of the default (Electron's ABI build). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /**
   * The quick health check before use (ledger-health.ts): 'tables' (header, schema, the ends of
   * every table; the default), 'write' (also a probe write, rolled back: for a process about to
   * take calls) or 'none' (tokentally doctor, which checks on its own).
   */
  check?: 'tables' | 'write' | 'none';
}

/**
 * Open (creating if needed) the ledger in dataDir and bring its schema up to date.
 * A database written by a newer Tokentally is refused untouched.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  const folder = dataFolderProblem(dataDir, [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]);
  if (folder) {
    throw new LedgerError(`${folder}. Tokentally keeps its ledger there and must write to it: make it writable, or choose another folder with --data-dir or TOKENTALLY_DATA_DIR.`);
  }
  const file = path.join(dataDir, DATABASE_FILE);
  const check = options.check ?? 'tables';
  const header = check === 'none' ? null : checkHeader(file);
  if (header) throw new LedgerDamagedError(file, [header]);
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw new LedgerError(`cannot open the database ${file}: ${errorMessage(err)}`);
  }
  const migrations = options.migrations ?? MIGRATIONS;
  try {
    // Refuse a newer schema before configure(): switching a rollback-journal file to WAL rewrites its header.
    refuseNewerSchema(db, migrations, file);
    configure(db);
    if (check !== 'none') {
      const problems = checkTables(db);
      if (problems.length > 0) throw new LedgerDamagedError(file, problems);
    }
    migrate(db, migrations, file);
    // After the migrations, whose one-off sorts over every row may be large and spill to disk.
    // Statement journals stay in memory: every insert into usage fires triggers and so keeps one,
    // and on a temp file it cost a write system call per page it touched (about half an import's
    // time at a dozen indexes). Temp tables (a bulk write's sums) are small.
    db.pragma('temp_store = MEMORY');
    if (check === 'write') {
      const probe = probeWrite(db);
      if (probe) throw new LedgerDamagedError(file, [probe]);
    }
  } catch (err) {
    db.close();
    if (err instanceof LedgerError) throw err;
    if (isDamageError(err)) throw new LedgerDamagedError(file, [{ where: 'opening it', message: errorMessage(err) }]);
    throw new LedgerError(`cannot use the database ${file}: ${errorMessage(err)}`);
  }
  return db;
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL loses at most the last transactions on power loss, never corrupts.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function refuseNewerSchema(db: Db, migrations: readonly Migration[], file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new LedgerError(
      `${file} was written by a newer version of Tokentally (schema ${current}, this version knows up to ${latest}). ` +
        'Update Tokentally to open it; the file was left untouched.',
    );
  }
  return current;
}

export function migrate(db: Db, migrations: readonly Migration[], file = 'the database'): void {
  const current = refuseNewerSchema(db, migrations, file);
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  // All pending migrations in one transaction: a failure leaves the previous schema intact.
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      m.apply?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
