/** The advisor's findings the user dismissed, by stable id. */
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export function dismissedFindings(db: Db): Set<string> {
  return new Set(cachedStatement(db, 'SELECT finding_id FROM advisor_dismissals').pluck().all() as string[]);
}

export function dismissFinding(db: Db, id: string, at: number): void {
  cachedStatement(db, 'INSERT INTO advisor_dismissals (finding_id, dismissed_at) VALUES (?, ?) ON CONFLICT (finding_id) DO NOTHING').run(id, at);
}

export function restoreFinding(db: Db, id: string): void {
  cachedStatement(db, 'DELETE FROM advisor_dismissals WHERE finding_id = ?').run(id);
}
