import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stageRows } from '../../electron/core/ledger/stage-rows.js';

describe('stageRows: many rows per INSERT into a staging table', () => {
  for (const count of [0, 1, 63, 64, 65, 64 * 3 + 7]) {
    it(`stages ${count} rows, each value in its place and in order`, () => {
      const db = new Database(':memory:');
      db.exec('CREATE TEMP TABLE stage (a, b, c)');
      const rows = Array.from({ length: count }, (_, i) => [i, `text ${i}`, i % 3 === 0 ? null : i * 0.5]);
      stageRows(db, 'temp.stage', ['a', 'b', 'c'], rows);
      expect(db.prepare('SELECT a, b, c FROM temp.stage ORDER BY rowid').raw().all()).toEqual(rows);
      db.close();
    });
  }

  it('refuses a row with too few or too many values instead of shifting the rest', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TEMP TABLE stage (a, b)');
    const rows = Array.from({ length: 70 }, (_, i) => [i, i]);
    rows[10] = [10];
    expect(() => stageRows(db, 'temp.stage', ['a', 'b'], rows)).toThrow(/1 values for 2 columns/);
    rows[10] = [10, 10];
    rows[68] = [68, 68, 68];
    expect(() => stageRows(db, 'temp.stage', ['a', 'b'], rows)).toThrow(/Too many parameter values/i);
    db.close();
  });
});
