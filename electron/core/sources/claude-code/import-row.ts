/**
 * An imported message as the import binds it into the ledger: the values of its row's
 * IMPORT_BOUND_COLUMNS, in that order (usage-row.ts; the columns every imported row holds alike
 * are written as literals). The parse workers hand rows over in this form: an array of plain
 * values crosses threads for a fraction of what an object with two dozen named fields costs, and
 * the writing thread binds it as it comes.
 */
import type { NewUsageRecord } from '../../../../shared/usage.js';
import { TOKEN_FIELDS } from '../../../../shared/usage.js';
import { IMPORT_BOUND_COLUMNS, importRowValues, TOKEN_COLUMNS } from '../../ledger/usage-row.js';

export type ImportRow = readonly (string | number | null)[];

const at = (column: string) => (IMPORT_BOUND_COLUMNS as readonly string[]).indexOf(column);
const TIME_AT = at('time');
const KEY_AT = at('external_id');
const TOKEN_AT = TOKEN_FIELDS.map((f) => at(TOKEN_COLUMNS[f]));

/** The record as an import row; it must be shaped like an import (importedRecord) and have an external id. */
export function toImportRow(record: NewUsageRecord): ImportRow {
  const row = importRowValues(record);
  if (row === null || !record.externalId) throw new RangeError(`not an imported message: ${record.provider}/${record.model} at ${record.time}`);
  return row;
}

/** The message's de-duplication key (external_id). */
export function importRowKey(row: ImportRow): string {
  return row[KEY_AT] as string;
}

export function importRowTime(row: ImportRow): number {
  return row[TIME_AT] as number;
}

/** All its tokens, as totalTokens counts them: the more complete copy of a message has more. */
export function importRowTotal(row: ImportRow): number {
  let sum = 0;
  for (const i of TOKEN_AT) sum += row[i] as number;
  return sum;
}
