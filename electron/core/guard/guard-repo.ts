/**
 * The guard's pauses and alarms in the ledger. A tag is stored as '' for untagged calls. The proxy's
 * path never reads these: its guard keeps the pauses in memory, sent by guard-ledger.ts.
 */
import type { GuardAlarm, GuardPause, GuardSignal } from '../../../shared/api/contract-guard.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

const tagOf = (key: string): string | null => (key === '' ? null : key);

export function pausedKeys(db: Db): Map<string, string> {
  const rows = cachedStatement(db, 'SELECT tag, reason FROM guard_pauses').all() as { tag: string; reason: string }[];
  return new Map(rows.map((r) => [r.tag, r.reason]));
}

export function listPauses(db: Db): GuardPause[] {
  const rows = cachedStatement(db, 'SELECT tag, paused_at AS at, reason FROM guard_pauses ORDER BY paused_at DESC, tag').all() as { tag: string; at: number; reason: string }[];
  return rows.map((r) => ({ tag: tagOf(r.tag), pausedAt: new Date(r.at).toISOString(), reason: r.reason }));
}

/** Record an alarm (and the pause it caused) in one transaction. */
export function recordAlarm(db: Db, a: { key: string; at: number; signal: GuardSignal; message: string; pause: boolean }): void {
  db.transaction(() => {
    cachedStatement(db, 'INSERT INTO guard_alarms (at, tag, signal, message, paused) VALUES (?, ?, ?, ?, ?)').run(a.at, a.key, a.signal, a.message, a.pause ? 1 : 0);
    if (a.pause) {
      cachedStatement(db, 'INSERT INTO guard_pauses (tag, paused_at, reason) VALUES (?, ?, ?) ON CONFLICT (tag) DO UPDATE SET paused_at = excluded.paused_at, reason = excluded.reason').run(
        a.key,
        a.at,
        a.message,
      );
    }
  })();
}

/** Lift a pause; true when there was one. */
export function deletePause(db: Db, key: string): boolean {
  return cachedStatement(db, 'DELETE FROM guard_pauses WHERE tag = ?').run(key).changes === 1;
}

export function latestAlarms(db: Db, limit = 20): GuardAlarm[] {
  const rows = cachedStatement(db, 'SELECT id, at, tag, signal, message, paused FROM guard_alarms ORDER BY at DESC, id DESC LIMIT ?').all(limit) as {
    id: number;
    at: number;
    tag: string;
    signal: GuardSignal;
    message: string;
    paused: number;
  }[];
  return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), tag: tagOf(r.tag), signal: r.signal, message: r.message, paused: r.paused === 1 }));
}

/**
 * Spend per tag and hour since `from` (a whole hour), of the calls the proxy's guard counts
 * (guardCounts: proxied, not Batch; a refused call costs nothing): the baselines when the core
 * starts, read once by the engine, never per call. From the 15-minute rollup (tag '' = untagged),
 * so a week costs the same on any size of ledger.
 */
export function hourlySpendByTag(db: Db, from: number): { key: string; hour: number; nano: number }[] {
  return cachedStatement(
    db,
    `SELECT tag AS key, (bucket / 3600000) * 3600000 AS hour, SUM(cost_nano) AS nano
     FROM usage_rollup WHERE bucket >= ? AND source = 'proxy' AND billing != 'batch' GROUP BY 1, 2 HAVING SUM(cost_nano) > 0`,
  ).all(from) as { key: string; hour: number; nano: number }[];
}
