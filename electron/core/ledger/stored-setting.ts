import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/**
 * One stored setting, read as readSettings reads each (settings-repo.ts): the stored JSON when it
 * parses and validates, else the fallback (the default). For a short-lived command that needs
 * one setting without loading every setting's validator (the status line).
 */
export function readStoredSetting<T>(db: Db, key: string, validate: (value: unknown) => T, fallback: T): T {
  const stored = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (stored === undefined) return fallback;
  try {
    return validate(JSON.parse(stored));
  } catch {
    return fallback;
  }
}
