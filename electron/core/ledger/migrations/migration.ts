import type { Db } from '../open-database.js';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; versions only increase. */
  version: number;
  name: string;
  sql: string;
  /**
   * What SQL alone cannot say, run after `sql` in the same transaction (migration 16 rewrites
   * table definitions in sqlite_schema).
   */
  apply?: (db: Db) => void;
}
