import { errorCode, errorMessage } from '../../../shared/error-message.js';

/** Why the ledger refused a write, in the words a user can act on (SQLite's result codes). */
const WORDS: Record<string, string> = {
  SQLITE_FULL: 'disk full',
  SQLITE_IOERR: 'the disk refused the write (I/O error)',
  SQLITE_CORRUPT: 'the database file is damaged (run tokentally doctor)',
  SQLITE_NOTADB: 'the database file is damaged (run tokentally doctor)',
  SQLITE_READONLY: 'the database or its folder is read-only',
  SQLITE_BUSY: 'the database is locked by another program',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_PERM: 'no permission to write the database',
};

export function describeWriteFailure(err: unknown): string {
  const code = errorCode(err) ?? '';
  const base = Object.keys(WORDS).find((k) => code === k || code.startsWith(`${k}_`));
  if (base) return WORDS[base]!;
  const message = errorMessage(err);
  return /no space|disk is full|database or disk is full/i.test(message) ? 'disk full' : message;
}
