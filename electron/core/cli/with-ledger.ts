import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, LedgerError, openDatabase, type Db } from '../ledger/open-database.js';
import { resolveDataDir } from '../paths.js';
import { CliError, type CliIO } from './io.js';

/**
 * Open the ledger for one command and always close it. A ledger that cannot be opened is a
 * one-line CliError, never a stack trace.
 */
export async function withLedger<T>(
  dataDirFlag: string | undefined,
  io: CliIO,
  options: { mustExist: boolean },
  body: (db: Db, dataDir: string) => T | Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  if (options.mustExist && !fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    throw new CliError(`no Tokentally ledger in ${dataDir} (pass --data-dir or set TOKENTALLY_DATA_DIR)`);
  }
  let db: Db;
  try {
    db = openDatabase(dataDir);
  } catch (err) {
    if (err instanceof LedgerError) throw new CliError(err.message);
    throw err;
  }
  try {
    return await body(db, dataDir);
  } finally {
    db.close();
  }
}
