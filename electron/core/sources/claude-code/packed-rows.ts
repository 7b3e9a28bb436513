/**
 * A file's import rows packed for the trip from a parse worker to the writing thread. Posted as
 * arrays, each of a row's two dozen values is cloned on its own, and each string is copied and
 * made again on the writing thread (the model, the project, the session and the price version
 * alike on every row of a file): receiving a message-dense history that way cost the writing
 * thread about 0.7–1 s of its 200 MB (npm run bench:import's dense corpus), against about 0.1 s
 * packed. Packed, the numbers travel in one Float64Array (moved, not copied), each cell says what
 * it holds in one Int32Array (moved too), and each distinct string travels once.
 */
import type { ImportRow } from './import-row.js';

export interface PackedRows {
  count: number;
  /** Values per row. */
  width: number;
  /** Cell i's number, where cells[i] is NUMBER. */
  numbers: Float64Array;
  /** Per cell: NUMBER, NULL, or STRING + the index of its text in strings. */
  cells: Int32Array;
  strings: string[];
}

const NUMBER = 0;
const NULL = 1;
const STRING = 2;

/**
 * The rows packed, or null when they cannot be (rows of different lengths, a value that is not a
 * number, a string or null): the caller then sends them as they are.
 */
export function packRows(rows: readonly ImportRow[]): PackedRows | null {
  const count = rows.length;
  const width = count > 0 ? rows[0]!.length : 0;
  const numbers = new Float64Array(count * width);
  const cells = new Int32Array(count * width);
  const strings: string[] = [];
  const known = new Map<string, number>();
  let cell = 0;
  for (const row of rows) {
    if (row.length !== width) return null;
    for (const value of row) {
      if (typeof value === 'number') {
        numbers[cell] = value;
        cells[cell] = NUMBER;
      } else if (value === null) {
        cells[cell] = NULL;
      } else if (typeof value === 'string') {
        let at = known.get(value);
        if (at === undefined) {
          at = strings.length;
          strings.push(value);
          known.set(value, at);
        }
        cells[cell] = STRING + at;
      } else {
        return null;
      }
      cell++;
    }
  }
  return { count, width, numbers, cells, strings };
}

/** The buffers packRows made, to move with the message rather than copy. */
export function packedTransfers(packed: PackedRows): ArrayBuffer[] {
  return [packed.numbers.buffer as ArrayBuffer, packed.cells.buffer as ArrayBuffer];
}

/** The rows again, value for value. */
export function unpackRows(packed: PackedRows): ImportRow[] {
  const { count, width, numbers, cells, strings } = packed;
  const rows: ImportRow[] = new Array<ImportRow>(count);
  let cell = 0;
  for (let r = 0; r < count; r++) {
    const row: (string | number | null)[] = new Array<string | number | null>(width);
    for (let c = 0; c < width; c++, cell++) {
      const kind = cells[cell]!;
      row[c] = kind === NUMBER ? numbers[cell]! : kind === NULL ? null : strings[kind - STRING]!;
    }
    rows[r] = row;
  }
  return rows;
}
