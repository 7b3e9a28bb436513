import type { NewUsageRecord } from '../../../shared/usage.js';
import { insertUsage } from '../ledger/usage-repo.js';
import { validateNewUsageRecord } from '../ledger/usage-row.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import type { RecoveryFile } from './recovery-file.js';

export interface RecoveryImport {
  imported: number;
  /** Records that were not valid usage records, or lines cut by a crash. */
  skipped: number;
}

/**
 * Move what the recovery file holds into the ledger: the rows and the file's generation in one
 * transaction, then clear the file. A generation already imported (a crash came between the
 * import and the clearing) is only cleared. Throws when the ledger still refuses writes.
 */
export function importRecovery(db: Db, file: RecoveryFile, now: number): RecoveryImport {
  const contents = file.read();
  if (!contents) return { imported: 0, skipped: 0 };
  const done = cachedStatement(db, 'SELECT 1 FROM recovery_imports WHERE generation = ?').get(contents.generation);
  let skipped = contents.unreadable;
  let imported = 0;
  if (!done) {
    const valid: NewUsageRecord[] = [];
    for (const r of contents.records) {
      try {
        validateNewUsageRecord(r);
        valid.push(r);
      } catch {
        skipped++;
      }
    }
    db.transaction(() => {
      imported = insertUsage(db, valid).length;
      cachedStatement(db, 'INSERT INTO recovery_imports (generation, imported_at, records) VALUES (?, ?, ?)').run(contents.generation, now, imported);
    })();
  }
  file.clear();
  return { imported, skipped };
}
