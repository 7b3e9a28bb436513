/** The writer thread's progress (writer_state, migration 11): see the migration for why. */
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

export interface WriterProgress {
  /** The proxy's run (one per start of the core). */
  run: string;
  /** The highest call number of that run the ledger holds. */
  seq: number;
}

export function readWriterProgress(db: Db): WriterProgress | null {
  return (cachedStatement(db, 'SELECT run, seq FROM writer_state WHERE id = 1').get() as WriterProgress | undefined) ?? null;
}

/** Inside the batch's own transaction. */
export function writeWriterProgress(db: Db, p: WriterProgress): void {
  cachedStatement(db, 'INSERT INTO writer_state (id, run, seq) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET run = excluded.run, seq = MAX(CASE WHEN run = excluded.run THEN seq ELSE 0 END, excluded.seq)').run(p.run, p.seq);
}
