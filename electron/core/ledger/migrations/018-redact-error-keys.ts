import { redactSecrets } from '../../../../shared/keys/redact-secrets.js';
import type { Migration } from './migration.js';

/**
 * Calls stored before the proxy cut keys out of error texts (call-record.ts) may hold one: a
 * provider answering "invalid key sk-ant-…" had it kept in plain text in the ledger, shown in the
 * app and published to a sync folder. This rewrites every stored error text through the same
 * redaction. The migration cannot decrypt the stored keys, so it relies on what a key looks like
 * (a known prefix, or a long token of mixed letters and digits: shared/keys/mask-key.ts), which is
 * how providers' keys are written. A changed row that was published goes out again as a correction
 * (the sync outbox's trigger), so other devices get the redacted text too.
 */
export const migration018: Migration = {
  version: 18,
  name: 'redact-error-keys',
  sql: '',
  apply(db) {
    const rows = db.prepare('SELECT id, error_message AS message FROM usage WHERE error_message IS NOT NULL').iterate() as IterableIterator<{ id: number; message: string }>;
    const changed: { id: number; message: string }[] = [];
    for (const r of rows) {
      const redacted = redactSecrets(r.message);
      if (redacted !== r.message) changed.push({ id: r.id, message: redacted });
    }
    const update = db.prepare('UPDATE usage SET error_message = ? WHERE id = ?');
    for (const c of changed) update.run(c.message, c.id);
  },
};
