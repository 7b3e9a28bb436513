import type { Migration } from './migration.js';

/**
 * The writer thread's progress and the recovery file's imports (issues 12 and 13).
 * writer_state: the last call the writer committed, as (run, seq): the proxy numbers the calls of
 * each run, and the hard-cap gate learns from a spend read in the same transaction exactly which of
 * its settled calls that spend already holds, so none is counted twice.
 * recovery_imports: each recovery-file generation imported, stored with the rows it brought, so a
 * crash between the import and clearing the file never imports it twice.
 */
export const migration012: Migration = {
  version: 12,
  name: 'writer-state',
  sql: `
CREATE TABLE writer_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  run TEXT NOT NULL,
  seq INTEGER NOT NULL
) STRICT;

CREATE TABLE recovery_imports (
  generation TEXT PRIMARY KEY,
  imported_at INTEGER NOT NULL,
  records INTEGER NOT NULL
) STRICT;
`,
};
