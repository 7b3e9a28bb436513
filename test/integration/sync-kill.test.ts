/**
 * kill -9 in the middle of publishing and of merging (a real child process, killed at random
 * moments again and again, then let finish): afterwards every call is on both devices, once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { mergeFolder } from '../../electron/core/sync/merge.js';
import { publishPending } from '../../electron/core/sync/publish.js';
import { setSyncFolder } from '../../electron/core/sync/sync-folder.js';
import { seededRandom } from '../support/seeded-random.js';
import { useTempDirs } from '../support/temp-dir.js';
import { expectRollupsExact, usage } from './ledger-fixtures.js';

const tempDir = useTempDirs();
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(ROOT, 'test/support/sync-kill-child.ts');
const T = Date.UTC(2026, 11, 1);
const ROWS = 3_000;

/** Runs the child and kills it (SIGKILL) `afterMs` after it starts working; true if it finished first. */
function runAndKill(mode: 'publish' | 'merge', dataDir: string, afterMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (timer === null && out.includes('working')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(false);
      else if (code === 0) resolve(true);
      else reject(new Error(`child failed (${code}):\n${out}`));
    });
  });
}

function counts(db: Db, where = '1 = 1') {
  return db
    .prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT source || ':' || external_id) AS ids, COALESCE(SUM(cost_nano), 0) AS cost FROM usage WHERE ${where}`)
    .get() as { n: number; ids: number; cost: number };
}

/** One figure read from a ledger between kills. */
function progress(dir: string, sql: string): number {
  const db = openDatabase(dir);
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function seedDevice(dir: string, folder: string, rows: number): void {
  const db = openDatabase(dir);
  setSyncFolder(db, folder);
  const rnd = seededRandom(17);
  insertUsage(db, Array.from({ length: rows }, (_, i) => usage({ time: T + i * 1000, costNano: 1 + Math.floor(rnd() * 1_000_000) })));
  db.close();
}

describe('kill -9 during sync', () => {
  it('while publishing: nothing lost, nothing doubled', async () => {
    const folder = tempDir();
    const a = tempDir();
    seedDevice(a, folder, ROWS);
    const rnd = seededRandom(3);
    let finished = false;
    const killedAt: number[] = [];
    for (let round = 0; round < 8 && !finished; round++) {
      finished = await runAndKill('publish', a, 5 + Math.floor(rnd() * 150));
      if (!finished) killedAt.push(progress(a, 'SELECT published_id AS n FROM sync_self'));
    }
    // At least one kill landed part-way: some rows published, not all.
    expect(killedAt.some((n) => n > 0 && n < ROWS)).toBe(true);
    const dbA = openDatabase(a);
    publishPending(dbA, { now: Date.now(), tempDir: path.join(a, 'sync-outgoing') });
    const b = openDatabase(tempDir());
    setSyncFolder(b, folder);
    mergeFolder(b, { now: Date.now() });
    expect(counts(b)).toEqual({ n: ROWS, ids: ROWS, cost: counts(dbA).cost });
    expect(mergeFolder(b, { now: Date.now() }).problems).toEqual([]);
    expectRollupsExact(b);
    dbA.close();
    b.close();
  }, 120_000);

  it('while merging: nothing lost, nothing doubled, the rollups exact', async () => {
    const folder = tempDir();
    const a = tempDir();
    seedDevice(a, folder, ROWS);
    const dbA = openDatabase(a);
    publishPending(dbA, { now: Date.now(), tempDir: path.join(a, 'sync-outgoing'), maxRecords: 10 });
    const expected = counts(dbA);
    dbA.close();
    const b = tempDir();
    const dbB0 = openDatabase(b);
    setSyncFolder(dbB0, folder);
    dbB0.close();
    const rnd = seededRandom(5);
    let finished = false;
    const killedAt: number[] = [];
    for (let round = 0; round < 8 && !finished; round++) {
      finished = await runAndKill('merge', b, 5 + Math.floor(rnd() * 150));
      if (!finished) killedAt.push(progress(b, 'SELECT COUNT(*) AS n FROM sync_merged'));
    }
    // At least one kill landed part-way: some segments merged, not all.
    expect(killedAt.some((n) => n > 0 && n < ROWS / 10)).toBe(true);
    const dbB = openDatabase(b);
    mergeFolder(dbB, { now: Date.now() });
    expect(counts(dbB)).toEqual(expected);
    expectRollupsExact(dbB);
    dbB.close();
  }, 120_000);
});
