/** The sync migration backfills a global id for every row already stored, and a device id. */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { expectRollupsExact } from './ledger-fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const SYNC = MIGRATIONS.findIndex((m) => m.name === 'sync');

describe('sync migration', () => {
  it('gives every stored row a global id, keeps the ids rows had, and makes a device id', () => {
    const dir = tempDir();
    const before = openDatabase(dir, { migrations: MIGRATIONS.slice(0, SYNC) });
    const insert = before.prepare(
      `INSERT INTO usage (time, provider, model, billing, source, status, stream, cost_nano, priced, cost_source, price_version, external_id)
       VALUES (?, 'anthropic', 'claude-sonnet-4', 'api', ?, 'ok', 0, ?, 1, 'computed', 'test', ?)`,
    );
    for (let i = 0; i < 500; i++) insert.run(1_765_000_000_000 + i * 60_000, i % 5 === 0 ? 'import' : 'proxy', 1000 + i, i % 5 === 0 ? `req_${i}:msg_${i}` : null);
    before.close();

    const db = openDatabase(dir);
    try {
      const ids = db.prepare('SELECT source, external_id FROM usage').all() as { source: string; external_id: string | null }[];
      expect(ids).toHaveLength(500);
      expect(ids.every((r) => typeof r.external_id === 'string' && r.external_id.length >= 10)).toBe(true);
      expect(new Set(ids.map((r) => `${r.source}:${r.external_id}`)).size).toBe(500);
      // Ids from the source itself are kept: they are what another device derives too.
      expect(ids.filter((r) => r.source === 'import').every((r) => /^req_\d+:msg_\d+$/.test(r.external_id!))).toBe(true);
      const self = db.prepare('SELECT device_id, folder, published_id FROM sync_self').get() as { device_id: string; folder: null; published_id: number };
      expect(self.device_id).toMatch(/^[0-9a-f]{32}$/);
      expect(self).toMatchObject({ folder: null, published_id: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage WHERE device IS NOT NULL').get()).toEqual({ n: 0 });
      expectRollupsExact(db);
    } finally {
      db.close();
    }
  });

  it('two installations have different device ids', () => {
    const a = openDatabase(tempDir());
    const b = openDatabase(tempDir());
    try {
      const id = (db: typeof a) => (db.prepare('SELECT device_id FROM sync_self').get() as { device_id: string }).device_id;
      expect(id(a)).not.toBe(id(b));
    } finally {
      a.close();
      b.close();
    }
  });
});
