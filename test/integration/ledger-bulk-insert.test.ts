/**
 * The bulk insert without per-row triggers (bulk-insert.ts, the merge's path): the same ledger as
 * inserting the same rows one by one through the triggers, rollups equal to a recomputation from
 * the rows, the triggers all there afterwards, and an error rolling everything back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertSetBased } from '../../electron/core/ledger/bulk-insert.js';
import { withBulkRollups } from '../../electron/core/ledger/bulk-write.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { insertUsage } from '../../electron/core/ledger/usage-repo.js';
import { recordToValues, USAGE_COLUMNS } from '../../electron/core/ledger/usage-row.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { seededRandom } from '../support/seeded-random.js';
import { useTempDirs } from '../support/temp-dir.js';
import { expectRollupsExact, randomFigures, usage } from './ledger-fixtures.js';

const T = Date.UTC(2026, 11, 7, 9, 0);
const MINUTE = 60_000;

/** This ledger's own rows before the batch: an imported row a batch's proxied row replaces, a proxied row a batch's imported row defers to. */
function ownRows(): NewUsageRecord[] {
  return [
    usage({ time: T, source: 'import', requestId: 'req_x', externalId: 'req_x:msg_1', costNano: 11 }),
    usage({ time: T + MINUTE, source: 'proxy', requestId: 'req_y', externalId: 'p-y', costNano: 13 }),
    usage({ time: T + 2 * MINUTE, source: 'import', requestId: 'req_k', externalId: 'req_k:msg_9', costNano: 17 }),
  ];
}

function batch(): NewUsageRecord[] {
  const rnd = seededRandom(17);
  const rows: NewUsageRecord[] = [
    usage({ time: T + 3 * MINUTE, source: 'proxy', requestId: 'req_x', externalId: 'p-x', costNano: 101 }),
    usage({ time: T + 4 * MINUTE, source: 'import', requestId: 'req_y', externalId: 'req_y:msg_2', costNano: 103 }),
    // The same request twice in one batch, either order: the proxied row stays.
    usage({ time: T + 5 * MINUTE, source: 'import', requestId: 'req_z', externalId: 'req_z:msg_3', costNano: 107 }),
    usage({ time: T + 6 * MINUTE, source: 'proxy', requestId: 'req_z', externalId: 'p-z', costNano: 109 }),
    usage({ time: T + 7 * MINUTE, source: 'proxy', requestId: 'req_q', externalId: 'p-q', costNano: 113 }),
    usage({ time: T + 8 * MINUTE, source: 'import', requestId: 'req_q', externalId: 'req_q:msg_4', costNano: 127 }),
    // Already in the ledger (its global id): not twice.
    usage({ time: T + 2 * MINUTE, source: 'import', requestId: 'req_k', externalId: 'req_k:msg_9', costNano: 17 }),
  ];
  // Over three months: the day and month rollups take sums from several days and months.
  for (let i = 0; i < 200; i++) {
    rows.push(
      usage({
        time: T + i * 11 * 60 * MINUTE + (i % 7) * MINUTE,
        source: i % 3 === 0 ? 'import' : 'proxy',
        model: i % 2 === 0 ? 'claude-sonnet-4' : 'claude-opus-4-1',
        billing: i % 5 === 0 ? 'subscription' : 'api',
        status: i % 11 === 0 ? 'error' : 'ok',
        tag: i % 4 === 0 ? 'ci' : null,
        requestId: `req_n${i}`,
        externalId: `req_n${i}:m${i}`,
        ...randomFigures(rnd),
      }),
    );
  }
  return rows;
}

function bulkInsert(db: Db, rows: readonly NewUsageRecord[], fail = false): number {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS stage (${USAGE_COLUMNS.join(', ')})`);
  const stage = db.prepare(`INSERT INTO temp.stage VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')})`);
  for (const r of rows) stage.run(recordToValues(r));
  try {
    return withBulkRollups(db, () =>
      insertSetBased(db, () => {
        const changes = db.prepare(`INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) SELECT * FROM temp.stage ORDER BY rowid ON CONFLICT DO NOTHING`).run().changes;
        if (fail) throw new Error('disk full (simulated)');
        return changes;
      }),
    );
  } finally {
    db.exec('DELETE FROM temp.stage');
  }
}

function contents(db: Db) {
  return db.prepare("SELECT source || ':' || external_id AS id, cost_nano, request_id FROM usage ORDER BY 1").all();
}

function schema(db: Db) {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'usage' ORDER BY name").all();
}

describe('bulk insert without per-row triggers', () => {
  const temp = useTempDirs();
  const opened: Db[] = [];
  const open = () => {
    const db = openDatabase(temp());
    opened.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  it('gives the ledger the row-by-row triggers give, rollups exact, triggers back afterwards', () => {
    const bulk = open();
    const oneByOne = open();
    insertUsage(bulk, ownRows());
    insertUsage(oneByOne, ownRows());
    const before = schema(bulk);
    const rows = batch();
    for (const r of rows) insertUsage(oneByOne, [r]);
    const added = bulkInsert(bulk, rows);

    expect(contents(bulk)).toEqual(contents(oneByOne));
    const ids = (contents(bulk) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('proxy:p-x');
    expect(ids).not.toContain('import:req_x:msg_1');
    expect(bulk.prepare("SELECT source FROM usage WHERE request_id = 'req_y'").all()).toEqual([{ source: 'proxy' }]);
    expect(ids).not.toContain('import:req_y:msg_2');
    expect(ids).not.toContain('import:req_z:msg_3');
    expect(ids).not.toContain('import:req_q:msg_4');
    // Seven special rows: three proxied kept, three imports deferring to a proxied row, one duplicate; the 200 plain ones.
    expect(added).toBe(3 + 200);
    expectRollupsExact(bulk);
    expectRollupsExact(oneByOne);
    expect(schema(bulk)).toEqual(before);
    // The triggers work again for the next row-by-row write.
    insertUsage(bulk, [usage({ time: T + 9 * MINUTE, source: 'proxy', requestId: 'req_k', externalId: 'p-k', costNano: 131 })]);
    expect((contents(bulk) as { id: string }[]).map((r) => r.id)).not.toContain('import:req_k:msg_9');
    expectRollupsExact(bulk);
  });

  it('an error rolls back the rows and the dropped triggers alike', () => {
    const db = open();
    insertUsage(db, ownRows());
    const before = { rows: contents(db), schema: schema(db) };
    expect(() => bulkInsert(db, batch(), true)).toThrow('disk full (simulated)');
    expect(contents(db)).toEqual(before.rows);
    expect(schema(db)).toEqual(before.schema);
    expectRollupsExact(db);
  });

  it('leaves the work to the triggers outside a bulk write; refuses an insert trigger it does not know', () => {
    const db = open();
    insertUsage(db, ownRows());
    const rows = [usage({ time: T + 3 * MINUTE, source: 'proxy', requestId: 'req_x', externalId: 'p-x', costNano: 101 })];
    db.exec(`CREATE TEMP TABLE stage1 (${USAGE_COLUMNS.join(', ')})`);
    db.prepare(`INSERT INTO temp.stage1 VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')})`).run(recordToValues(rows[0]!));
    const added = db.transaction(() => insertSetBased(db, () => db.prepare(`INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) SELECT * FROM temp.stage1`).run().changes))();
    expect(added).toBe(1);
    expect((contents(db) as { id: string }[]).map((r) => r.id)).not.toContain('import:req_x:msg_1');
    expectRollupsExact(db);
    db.exec("CREATE TRIGGER usage_new_rule AFTER INSERT ON usage BEGIN SELECT 1; END");
    expect(() => bulkInsert(db, batch())).toThrow('usage_new_rule');
    expect(schema(db).map((t) => (t as { name: string }).name)).toContain('usage_rollup_insert');
  });
});
