/**
 * The one-off import's background checkpoints (ledger/background-checkpoints.ts): a worker thread
 * with its own connection copies the committed WAL back into the ledger's file while the writer's
 * connection (which never checkpoints, tuneForOneOffWrites) goes on.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from '../../electron/core/ledger/background-checkpoints.js';
import { tuneForOneOffWrites } from '../../electron/core/ledger/bulk-write.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { DATABASE_FILE, openDatabase } from '../../electron/core/ledger/open-database.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';

const tempDir = useTempDirs();

/** Pages the database file itself holds (its header's in-header size), not counting the WAL. */
function pagesInFile(file: string): number {
  const header = Buffer.alloc(32);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 32, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt32BE(28);
}

const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => usage({ time: from + i * 1000, requestId: `req_${from + i}` }));

describe('background checkpoints for a one-off write', () => {
  it("copy each committed batch into the ledger's file while the writer's connection never checkpoints", async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const file = path.join(dir, DATABASE_FILE);
    try {
      tuneForOneOffWrites(db);
      insertUsage(db, rows(3000, Date.parse('2026-11-01T00:00:00Z')));
      const pages = db.pragma('page_count', { simple: true }) as number;
      // The writer alone leaves the batch in the WAL: the file is behind.
      expect(pagesInFile(file)).toBeLessThan(pages);

      const checkpoints = startBackgroundCheckpoints(db);
      checkpoints.request();
      insertUsage(db, rows(3000, Date.parse('2026-11-10T00:00:00Z')));
      checkpoints.request();
      await checkpoints.finish();
      expect(pagesInFile(file)).toBe(db.pragma('page_count', { simple: true }));
      // What the file holds is the ledger: another connection reading the file sees every row.
      const reader = new Database(file, { readonly: true });
      expect(reader.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 6000 });
      reader.close();
    } finally {
      db.close();
    }
  });

  it('change nothing when the worker cannot open the ledger: finish() still returns, and closing checkpoints as before', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'moved.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER)');
    fs.renameSync(file, path.join(dir, 'elsewhere.db'));
    const checkpoints = startBackgroundCheckpoints(db);
    checkpoints.request();
    await checkpoints.finish();
    db.exec('INSERT INTO t VALUES (1)');
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });
});
