import type Database from 'better-sqlite3';
import type { Db } from './open-database.js';

// Keyed weakly by connection: a closed and dropped Db takes its statements with it.
const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for this SQL on this connection, prepared once. `raw`: rows come as
 * arrays of values in column order (cheaper than objects for wide rows), from a statement of its own.
 */
export function cachedStatement(db: Db, sql: string, options: { raw?: boolean } = {}): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = options.raw ? `raw:${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (options.raw) statement.raw(true);
    cache.set(key, statement);
  }
  return statement;
}
