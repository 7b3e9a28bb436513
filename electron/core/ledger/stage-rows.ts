/**
 * Binding many rows into a staging table (a temp table with no index, from which one INSERT …
 * SELECT moves them into usage: bulk-insert.ts). One statement per row costs a step, a reset and
 * a trip through better-sqlite3 for each; an INSERT of 64 rows' VALUES binds the same values with
 * a 64th of those. Measured on 78,653 rows of 22 columns: 600–690 ms one by one, 380–460 ms 64 at
 * a time (10 at a time 415–460 ms; 200, 380–460 ms).
 */
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';

/** Rows per statement: well under SQLite's 32,766 bound parameters for a usage row's 40 columns. */
const ROWS_PER_STATEMENT = 64;

export type StagedRow = readonly (string | number | bigint | null)[];

/** Inserts `rows`, each with a value per column of `columns`, into `table` (inside the caller's transaction). */
export function stageRows(db: Db, table: string, columns: readonly string[], rows: readonly StagedRow[]): void {
  const width = columns.length;
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  let i = 0;
  if (rows.length >= ROWS_PER_STATEMENT) {
    const many = cachedStatement(db, head + new Array<string>(ROWS_PER_STATEMENT).fill(one).join(', '));
    const values = new Array<StagedRow[number]>(ROWS_PER_STATEMENT * width);
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      let k = 0;
      for (let r = i; r < i + ROWS_PER_STATEMENT; r++) {
        const row = rows[r]!;
        if (row.length !== width) throw new RangeError(`a staged row has ${row.length} values for ${width} columns`);
        for (let c = 0; c < width; c++) values[k++] = row[c]!;
      }
      many.run(values);
    }
  }
  if (i === rows.length) return;
  const single = cachedStatement(db, head + one);
  for (; i < rows.length; i++) single.run(rows[i]);
}
