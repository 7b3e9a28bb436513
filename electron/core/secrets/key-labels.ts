/**
 * Names the user gives API keys, by fingerprint (key_labels, migration 006): a stored key's label
 * is set with it; a key a tool brings itself can be named once its calls are seen.
 */
import { ApiError } from '../../../shared/api/contract.js';
import { validateKeyLabel } from '../../../shared/budget/scope.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export function keyLabels(db: Db): Map<string, string> {
  const rows = cachedStatement(db, 'SELECT key_ref, label FROM key_labels').all() as { key_ref: string; label: string }[];
  return new Map(rows.map((r) => [r.key_ref, r.label]));
}

/** Set (or, with null, clear) the label of a key; labels are unique, so a budget can name a key by it. */
export function setKeyLabel(db: Db, keyRef: string, label: string | null): void {
  if (label === null) {
    cachedStatement(db, 'DELETE FROM key_labels WHERE key_ref = ?').run(keyRef);
    return;
  }
  const clean = validateKeyLabel(label);
  const taken = cachedStatement(db, 'SELECT key_ref FROM key_labels WHERE label = ? AND key_ref != ?').pluck().get(clean, keyRef) as string | undefined;
  if (taken !== undefined) throw new ApiError('bad_request', `another key is already called "${clean}"; choose another name`);
  cachedStatement(db, 'INSERT INTO key_labels (key_ref, label) VALUES (?, ?) ON CONFLICT (key_ref) DO UPDATE SET label = excluded.label').run(keyRef, clean);
}

/** The fingerprint a label or a fingerprint names, or null. */
export function findKeyRef(db: Db, labelOrRef: string): string | null {
  const text = labelOrRef.trim();
  if (/^key:[0-9a-f]{16}$/.test(text)) return text;
  return (cachedStatement(db, 'SELECT key_ref FROM key_labels WHERE label = ?').pluck().get(text) as string | undefined) ?? null;
}
