export interface Migration {
  /** Becomes PRAGMA user_version once applied; versions only increase. */
  version: number;
  name: string;
  sql: string;
}
