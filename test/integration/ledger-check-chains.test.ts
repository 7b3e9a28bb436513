/**
 * Migration 16: CHECK constraints written as OR chains instead of IN lists (the same rule, a
 * fraction of an insert's cost), rewritten in place in sqlite_schema. A ledger made by version 15
 * keeps its rows, still refuses what it refused, and a connection already open reloads the schema.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { checksAsOrChains } from '../../electron/core/ledger/migrations/016-check-or-chains.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/ledger/open-database.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';
import { errorMessage } from '../../shared/error-message.js';

const tempDir = useTempDirs();

const inListChecks = (db: Database.Database) =>
  (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]).filter((t) => /CHECK \(\w+ IN \(/.test(t.sql)).map((t) => t.name);

/** Sets one column of the newest usage row; returns SQLite's error, or null when accepted. */
function tryUpdate(db: Database.Database, column: string, value: string | number): string | null {
  try {
    db.prepare(`UPDATE usage SET ${column} = ? WHERE id = (SELECT MAX(id) FROM usage)`).run(value);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

describe('CHECK constraints as OR chains (migration 16)', () => {
  it('rewrites an IN list of strings or integers, and leaves every other constraint as written', () => {
    expect(checksAsOrChains("billing TEXT NOT NULL CHECK (billing IN ('api', 'batch', 'subscription')),")).toBe(
      "billing TEXT NOT NULL CHECK (billing = 'api' OR billing = 'batch' OR billing = 'subscription'),",
    );
    expect(checksAsOrChains('stream INTEGER NOT NULL CHECK (stream IN (0, 1))')).toBe('stream INTEGER NOT NULL CHECK (stream = 0 OR stream = 1)');
    expect(checksAsOrChains('CHECK (web_fetch_requests >= 0)')).toBe('CHECK (web_fetch_requests >= 0)');
    expect(checksAsOrChains('CHECK (id = 1)')).toBe('CHECK (id = 1)');
  });

  it('gives a fresh ledger no IN-list CHECK, and its CHECKs refuse what they refused', () => {
    const db = openDatabase(tempDir());
    try {
      expect(inListChecks(db)).toEqual([]);
      insertUsage(db, [usage({ time: Date.parse('2026-12-01T00:00:00Z') })]);
      expect(tryUpdate(db, 'billing', 'free')).toMatch(/CHECK constraint failed: billing = 'api' OR/);
      expect(tryUpdate(db, 'stream', 2)).toMatch(/CHECK constraint failed: stream = 0 OR stream = 1/);
      expect(tryUpdate(db, 'status', 'lost')).toMatch(/CHECK constraint failed/);
      expect(tryUpdate(db, 'billing', 'batch')).toBeNull();
    } finally {
      db.close();
    }
  });

  it('migrates a version-15 ledger in place: rows kept, the file sound, an open connection sees the new rule', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version <= 15) });
    insertUsage(old, [usage({ time: Date.parse('2026-12-01T00:00:00Z') }), usage({ time: Date.parse('2026-12-02T00:00:00Z') })]);
    expect(inListChecks(old)).toContain('usage');
    old.close();
    // Another process's connection, open before the migration (the app's reader, a CLI command).
    const other = new Database(path.join(dir, DATABASE_FILE));
    expect(tryUpdate(other, 'billing', 'free')).toMatch(/CHECK constraint failed: billing IN/);

    const db = openDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(inListChecks(db)).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 2 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Defensive mode is back on: sqlite_schema cannot be written.
      db.pragma('writable_schema = ON');
      expect(() => db.prepare("UPDATE sqlite_schema SET sql = sql WHERE name = 'usage'").run()).toThrow(/may not be modified/);
      expect(tryUpdate(other, 'billing', 'free')).toMatch(/CHECK constraint failed: billing = 'api' OR/);
    } finally {
      db.pragma('writable_schema = OFF');
      db.close();
      other.close();
    }
  });
});
