/**
 * Keys by fingerprint: the stored ones and every one the ledger has calls for, with their
 * labels; what budgets per key choose from.
 */
import type { KeyRefInfo } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { keyLabels } from './key-labels.js';
import type { ServiceKeys } from '../service/context.js';

export function listKeyRefs(db: Db, store: Pick<ServiceKeys, 'list'>): KeyRefInfo[] {
  const labels = keyLabels(db);
  const seen = cachedStatement(
    db,
    `SELECT key_ref AS keyRef, provider, COUNT(*) AS calls, MAX(time) AS lastUsedAt
     FROM usage WHERE key_ref IS NOT NULL GROUP BY key_ref, provider ORDER BY lastUsedAt DESC`,
  ).all() as { keyRef: string; provider: string; calls: number; lastUsedAt: number }[];
  const out = new Map<string, KeyRefInfo>();
  for (const k of store.list()) {
    if (k.keyRef === null || k.kind !== 'api') continue;
    out.set(k.keyRef, { keyRef: k.keyRef, label: k.label, provider: k.provider, stored: { provider: k.provider, kind: k.kind, hint: k.hint }, calls: 0, lastUsedAt: null });
  }
  for (const s of seen) {
    const known = out.get(s.keyRef);
    if (known) {
      known.calls += s.calls;
      known.lastUsedAt = Math.max(known.lastUsedAt ?? s.lastUsedAt, s.lastUsedAt);
    } else {
      out.set(s.keyRef, { keyRef: s.keyRef, label: labels.get(s.keyRef) ?? null, provider: s.provider, stored: null, calls: s.calls, lastUsedAt: s.lastUsedAt });
    }
  }
  return [...out.values()];
}
