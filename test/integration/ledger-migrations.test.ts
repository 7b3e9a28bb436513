import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import type { Migration } from '../../electron/core/ledger/migrations/migration.js';
import { DATABASE_FILE, LedgerError, openDatabase } from '../../electron/core/ledger/open-database.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';
import { errorMessage } from '../../shared/error-message.js';

const tempDir = useTempDirs();
const latest = Math.max(...MIGRATIONS.map((m) => m.version));

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('openDatabase and migrations', () => {
  it('creates a fresh ledger in WAL mode with every table and the latest schema version', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const db = openDatabase(dir);
    try {
      expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
      expect(db.pragma('user_version', { simple: true })).toBe(latest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(tables(db)).toEqual(expect.arrayContaining(['usage', 'usage_rollup', 'settings', 'budgets', 'secrets', 'provider_usage']));
    } finally {
      db.close();
    }
  });

  it('re-opens an existing ledger without migrating again and keeps its rows', () => {
    const dir = tempDir();
    const first = openDatabase(dir);
    insertUsage(first, [usage({ time: Date.parse('2025-01-01T00:00:00Z') })]);
    first.close();
    // Migration 1 uses CREATE TABLE without IF NOT EXISTS: re-running it would throw here.
    const second = openDatabase(dir);
    try {
      expect(second.pragma('user_version', { simple: true })).toBe(latest);
      expect(second.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 1 });
    } finally {
      second.close();
    }
  });

  it('applies a later migration on re-open, in order', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const next: Migration = { version: latest + 1, name: 'add-notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;' };
    const db = openDatabase(dir, { migrations: [...MIGRATIONS, next] });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latest + 1);
      expect(tables(db)).toContain('notes');
    } finally {
      db.close();
    }
  });

  for (const journal of ['wal', 'delete'] as const) {
    it(`refuses a database from a newer version with a clear message and leaves it byte-identical (${journal} journal)`, () => {
      const dir = tempDir();
      const file = path.join(dir, DATABASE_FILE);
      const raw = new Database(file);
      raw.pragma(`journal_mode = ${journal}`);
      raw.exec('CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (42);');
      raw.pragma(`user_version = ${latest + 5}`);
      raw.close();
      const before = sha256(file);
      const filesBefore = fs.readdirSync(dir).sort();

      let error: unknown;
      try {
        openDatabase(dir).close();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(LedgerError);
      expect(errorMessage(error)).toContain('was written by a newer version of Tokentally');
      expect(errorMessage(error)).toContain(`schema ${latest + 5}, this version knows up to ${latest}`);
      expect(errorMessage(error)).toContain('left untouched');
      expect(sha256(file)).toBe(before);
      expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
    });
  }

  it('rolls a failed migration back: neither it nor the ones before it in the same run are applied', () => {
    const dir = tempDir();
    const broken: Migration = { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT no_such_function();' };
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, broken] })).toThrow(/cannot use the database .*no such function/);

    const raw = new Database(path.join(dir, DATABASE_FILE));
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(0);
      expect(tables(raw)).not.toContain('half_done');
      expect(tables(raw)).not.toContain('usage');
    } finally {
      raw.close();
    }
  });

  it('rolls back only the failed run: an existing ledger stays at its version with its data', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    insertUsage(db, [usage({ time: 1_700_000_000_000 })]);
    db.close();
    const broken: Migration = { version: latest + 1, name: 'broken', sql: 'ALTER TABLE usage ADD COLUMN extra INTEGER; INSERT INTO nowhere VALUES (1);' };
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, broken] })).toThrow(LedgerError);

    const again = openDatabase(dir);
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(latest);
      const columns = (again.prepare('PRAGMA table_info(usage)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('extra');
      expect(again.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 1 });
    } finally {
      again.close();
    }
  });

  it('says plainly when the file is not a database', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), 'this is not sqlite, just text that is long enough to look like a header '.repeat(20));
    // Read from its header before SQLite opens it: refused as damaged, with the way out.
    expect(() => openDatabase(dir)).toThrow(/the ledger .* is damaged: header: the file does not start as an SQLite database\. Nothing was changed/);
  });

  it('says plainly when the data directory cannot be created', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    expect(() => openDatabase(path.join(blocker, 'data'))).toThrow(/cannot create the data folder .*ENOTDIR/);
  });

  it('says plainly when the data folder given is a file, and leaves the file alone', () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'not a folder');
    expect(() => openDatabase(file)).toThrow(/the data folder .*notes\.txt is a file, not a folder/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });
});
