/**
 * The ledger's quick start check on real files damaged in known ways: a cut-short file, a
 * foreign header, a page of garbage on the write path of an index (found only by the probe
 * write), and a sound ledger (no complaint, nothing left behind by the probe).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertUsage, LedgerDamagedError, openDatabase } from '../../electron/core/ledger/index.js';
import { checkTables, probeWrite } from '../../electron/core/ledger/ledger-health.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function ledgerWithCalls(n: number): { dir: string; file: string } {
  const dir = tempDir();
  const db = openDatabase(dir);
  const start = Date.now() - n * 60_000;
  insertUsage(db, Array.from({ length: n }, (_, i) => pricedRecord({ time: start + i * 60_000, model: 'claude-haiku-4-5', tokens: { inputTokens: 10 + i }, tag: `tag-${i % 5}` })));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, file: path.join(dir, 'tokentally.db') };
}

function damaged(dir: string, check: 'tables' | 'write' = 'tables'): LedgerDamagedError {
  try {
    openDatabase(dir, { check }).close();
  } catch (err) {
    expect(err).toBeInstanceOf(LedgerDamagedError);
    return err as LedgerDamagedError;
  }
  throw new Error('the damaged ledger was opened');
}

describe('the quick check at start', () => {
  it('passes a sound ledger and leaves nothing behind from its probe write', () => {
    const { dir, file } = ledgerWithCalls(3000);
    const db = openDatabase(dir, { check: 'write' });
    expect(db.prepare('SELECT count(*) FROM usage').pluck().get()).toBe(3000);
    const rollup = db.prepare('SELECT sum(requests) FROM usage_rollup').pluck().get();
    expect(checkTables(db)).toEqual([]);
    expect(probeWrite(db)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM usage').pluck().get()).toBe(3000);
    expect(db.prepare('SELECT sum(requests) FROM usage_rollup').pluck().get()).toBe(rollup);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a file cut short mid-page, or that is not SQLite, is refused before SQLite reads it', () => {
    const { dir, file } = ledgerWithCalls(500);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 1000);
    expect(damaged(dir).message).toMatch(/is damaged: header: the file size \(\d+ bytes\) is not a whole number of 4096-byte pages/);

    const other = tempDir();
    fs.writeFileSync(path.join(other, 'tokentally.db'), Buffer.alloc(8192, 0x41));
    expect(damaged(other).message).toContain('header: the file does not start as an SQLite database');
    expect(damaged(other).message).toContain(`tokentally doctor --repair --data-dir "${other}"`);
  });

  it('garbage in the index page a new call lands on is found by the probe write, not by reading the tables', () => {
    const { dir, file } = ledgerWithCalls(3000);
    const db = new Database(file);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    // The last leaf of the time index: every new call is appended there.
    const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'usage_time' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1").pluck().get() as number;
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);

    openDatabase(dir, { check: 'tables' }).close();
    const err = damaged(dir, 'write');
    expect(err.message).toContain('is damaged: a probe write: database disk image is malformed');
  });
});
