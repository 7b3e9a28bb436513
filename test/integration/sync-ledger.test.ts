/**
 * Sync at the ledger: devices with their own ledgers and their own copies of the sync folder, a
 * simulated sync engine between the copies. Publishing and merging are the modules the core runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { insertUsage } from '../../electron/core/ledger/usage-repo.js';
import { listBudgets, upsertBudget } from '../../electron/core/ledger/budgets-repo.js';
import { mergeFolder } from '../../electron/core/sync/merge.js';
import { publishPending } from '../../electron/core/sync/publish.js';
import { setSyncFolder, syncStatus } from '../../electron/core/sync/sync-folder.js';
import { readSyncSelf } from '../../electron/core/sync/sync-self.js';
import { replaceBuckets } from '../../electron/core/pollers/report-store.js';
import { useTempDirs } from '../support/temp-dir.js';
import { SimulatedSyncEngine } from '../support/sync-engine-sim.js';
import { expectRollupsExact, usage } from './ledger-fixtures.js';

const T = Date.UTC(2026, 11, 7, 9, 0);
const HOUR = 3_600_000;

interface Device {
  db: Db;
  view: string;
  dir: string;
  /** This device's clock offset (a skewed clock). */
  skew: number;
  publish(at?: number): ReturnType<typeof publishPending>;
  merge(at?: number): ReturnType<typeof mergeFolder>;
}

function useDevices() {
  const temp = useTempDirs();
  const opened: Db[] = [];
  return {
    device(skew = 0): Device {
      const dir = temp();
      const view = temp();
      const db = openDatabase(dir);
      opened.push(db);
      setSyncFolder(db, view);
      return {
        db,
        view,
        dir,
        skew,
        publish: (at = T) => publishPending(db, { now: at + skew, tempDir: path.join(dir, 'sync-tmp') }),
        merge: (at = T) => mergeFolder(db, { now: at + skew }),
      };
    },
    close: () => opened.forEach((db) => db.close()),
  };
}

function totals(db: Db) {
  return db.prepare('SELECT COUNT(*) AS n, SUM(cost_nano) AS cost, SUM(input_tokens) AS input FROM usage').get();
}

function globalIds(db: Db): string[] {
  return (db.prepare("SELECT source || ':' || external_id AS id FROM usage ORDER BY 1").all() as { id: string }[]).map((r) => r.id);
}

describe('sync through a shared folder (ledger level)', () => {
  const devices = useDevices();

  it('every row gets a global id, the same on every device; merged rows say where from; nothing doubles', () => {
    const a = devices.device();
    const b = devices.device();
    insertUsage(a.db, [usage({ time: T, costNano: 1_000 }), usage({ time: T + 1, costNano: 2_000, source: 'import', externalId: 'req_1:msg_1' })]);
    insertUsage(b.db, [usage({ time: T + 2, costNano: 4_000 })]);
    const engine = new SimulatedSyncEngine([a.view, b.view]);
    expect(a.publish().rows).toBe(2);
    expect(b.publish().rows).toBe(1);
    engine.deliver();
    expect(a.merge().rows).toBe(1);
    expect(b.merge().rows).toBe(2);
    expect(totals(a.db)).toEqual(totals(b.db));
    expect(totals(a.db)).toMatchObject({ n: 3, cost: 7_000 });
    expect(globalIds(a.db)).toEqual(globalIds(b.db));
    expect(globalIds(a.db)).toContain('import:req_1:msg_1');
    const fromA = b.db.prepare('SELECT device FROM usage WHERE cost_nano = 1000').get() as { device: string };
    expect(fromA.device).toBe(readSyncSelf(a.db).deviceId);
    // Again and again: nothing new, nothing twice; merged rows are not published back.
    expect(a.publish()).toMatchObject({ segments: 0 });
    expect(b.publish()).toMatchObject({ segments: 0 });
    engine.deliver();
    expect(a.merge().segments).toBe(0);
    expect(totals(a.db)).toMatchObject({ n: 3, cost: 7_000 });
    expectRollupsExact(a.db);
    expectRollupsExact(b.db);
  });

  it('skips partial copies, conflicted copies and newer versions with a warning, and takes the segment once whole', () => {
    const a = devices.device();
    const b = devices.device();
    insertUsage(a.db, Array.from({ length: 50 }, (_, i) => usage({ time: T + i, costNano: 100 })));
    a.publish();
    const engine = new SimulatedSyncEngine([a.view, b.view]);
    engine.deliver({ mode: 'partial' });
    let merged = b.merge();
    expect(merged.rows).toBe(0);
    expect(merged.problems).toEqual([expect.objectContaining({ problem: 'partial' })]);
    expect(syncStatus(b.db).problems).toEqual([expect.objectContaining({ problem: 'partial' })]);
    engine.deliver({ conflictedCopy: true });
    merged = b.merge();
    expect(merged.rows).toBe(50);
    expect(merged.problems).toEqual([expect.objectContaining({ problem: 'conflicted-copy' })]);
    expect(syncStatus(b.db).problems.map((p) => p.problem)).toEqual(['conflicted-copy']);
    // A segment from a newer Tokentally waits, reported, until this one is updated.
    const aId = readSyncSelf(a.db).deviceId;
    const next = path.join(b.view, 'tokentally', aId, '0000000002.ttseg');
    fs.writeFileSync(next, 'tokentally-segment 9\n{}\nend 0 00000000\n');
    merged = b.merge();
    expect(merged.problems.map((p) => p.problem).sort()).toEqual(['conflicted-copy', 'newer-version']);
    expect(totals(b.db)).toMatchObject({ n: 50, cost: 5_000 });
    expectRollupsExact(b.db);
  });

  it('corrections and tombstones reach the other devices, whatever order the files arrive in', () => {
    const a = devices.device();
    const b = devices.device();
    insertUsage(a.db, [usage({ time: T, costNano: 1_000, externalId: 'x1' }), usage({ time: T + 1, costNano: 3_000, externalId: 'x2' })]);
    a.publish(T);
    // Re-priced and deleted after publishing: new records, the published segment stays as it was.
    a.db.prepare("UPDATE usage SET cost_nano = 1500, price_version = 'v2' WHERE external_id = 'x1'").run();
    a.db.prepare("DELETE FROM usage WHERE external_id = 'x2'").run();
    expect(a.publish(T + 1000)).toMatchObject({ segments: 1, changes: 2, rows: 0 });
    const engine = new SimulatedSyncEngine([a.view, b.view]);
    // The changes arrive first; the rows they change afterwards.
    engine.deliver({ only: (rel) => rel.endsWith('0000000002.ttseg') });
    b.merge();
    engine.deliver();
    b.merge();
    expect(totals(b.db)).toMatchObject({ n: 1, cost: 1_500 });
    expect(totals(a.db)).toEqual(totals(b.db));
    expectRollupsExact(b.db);
  });

  it('budgets set on one apply on all; the latest change wins by its clock even with clocks hours apart', () => {
    const fast = devices.device(3 * HOUR); // its clock runs 3 hours ahead
    const slow = devices.device(0);
    const engine = new SimulatedSyncEngine([fast.view, slow.view]);
    const budget = { scope: 'overall' as const, scopeValue: null, hard: true, resetDay: 1, tz: 'UTC', alerts: [0.8] };
    upsertBudget(fast.db, { ...budget, monthlyNano: 100_000_000_000 });
    fast.publish(T);
    engine.deliver();
    slow.merge(T + 1000);
    expect(listBudgets(slow.db)).toEqual([expect.objectContaining({ monthlyNano: 100_000_000_000, hard: true })]);
    // A minute later (real time) the user lowers it on the slow device: it is the latest change.
    upsertBudget(slow.db, { ...budget, monthlyNano: 50_000_000_000 });
    slow.publish(T + 60_000);
    engine.deliver();
    fast.merge(T + 61_000);
    expect(listBudgets(fast.db)[0]!.monthlyNano).toBe(50_000_000_000);
    // Merging its own old value back (an old segment seen again) changes nothing.
    slow.merge(T + 62_000);
    expect(listBudgets(slow.db)[0]!.monthlyNano).toBe(50_000_000_000);
    // And the fast device's next publish does not send the merged budget back as its own.
    expect(fast.publish(T + 70_000).shared).toBe(0);
  });

  it('a provider report polled on two devices counts once', () => {
    const a = devices.device();
    const b = devices.device();
    const bucket = { kind: 'cost' as const, bucketStart: T - 86_400_000, bucketEnd: T };
    const row = { ...bucket, model: 'claude-sonnet-4', inputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: 0, requests: null, costNano: 5_000_000 };
    replaceBuckets(a.db, 'anthropic', [bucket], [row], T);
    replaceBuckets(b.db, 'anthropic', [bucket], [row], T + 60_000);
    a.publish();
    b.publish();
    new SimulatedSyncEngine([a.view, b.view]).deliver();
    a.merge();
    b.merge();
    for (const d of [a, b]) {
      expect(d.db.prepare('SELECT COUNT(*) AS n, SUM(cost_nano) AS c FROM provider_usage').get()).toEqual({ n: 1, c: 5_000_000 });
    }
  });

  it('a device that goes away leaves its rows; the others go on', () => {
    const a = devices.device();
    const b = devices.device();
    const c = devices.device();
    const engine = new SimulatedSyncEngine([a.view, b.view, c.view]);
    insertUsage(c.db, [usage({ time: T, costNano: 9_000 })]);
    c.publish();
    engine.deliver();
    a.merge();
    b.merge();
    // c is gone: its ledger and its copy of the folder with it.
    c.db.close();
    fs.rmSync(c.view, { recursive: true, force: true });
    const rest = new SimulatedSyncEngine([a.view, b.view]);
    insertUsage(a.db, [usage({ time: T + 5, costNano: 1_000 })]);
    a.publish();
    rest.deliver();
    b.merge();
    expect(totals(a.db)).toMatchObject({ n: 2, cost: 10_000 });
    expect(totals(b.db)).toEqual(totals(a.db));
    const status = syncStatus(b.db);
    expect(status.devices.map((d) => d.rows).sort()).toEqual([0, 1, 1]);
  });
});
