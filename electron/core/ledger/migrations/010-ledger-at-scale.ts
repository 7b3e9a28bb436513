import type { Migration } from './migration.js';

/**
 * A ledger that answers in milliseconds at a million rows (issue 13).
 *
 * Keyset pagination: the Requests page reads the newest rows matching one filter through an index
 * on (filter column, time); the row id, the last column of every index, breaks ties, so
 * `ORDER BY time DESC, id DESC LIMIT n` stops after n rows whatever the ledger's size.
 * (provider, time) and the partial (tag, time) exist since migration 1.
 *
 * Coarser rollups beside usage_rollup (15-minute buckets by provider, model, billing, source, tag):
 * - usage_rollup_day: UTC days, with status too (a status filter is answered from the rollups);
 * - usage_rollup_month: UTC calendar months, the same keys;
 * - usage_totals, usage_totals_day, usage_totals_month: 15-minute buckets, UTC days and months
 *   without keys, for the unfiltered sums (charts, the glance, budgets): one row per bucket.
 * A range is read as whole months, then whole days, then whole 15-minute buckets, then rows at
 * its ends (aggregate.ts), so a month in any time zone, or all time with a filter, is a few
 * thousand rollup rows instead of a million usage rows.
 *
 * The triggers keep all four in step with usage, except for rows a bulk write has not summed
 * yet: while rollup_pending holds a row (only ever inside a write transaction, see
 * bulk-write.ts), rows with id >= from_id are left to that write, which sums them in one
 * statement per table before it commits. Updates touch the rollups only when a summed column
 * changes.
 */

const SUMS = [
  'input_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
  'output_tokens',
  'reasoning_tokens',
  'web_search_requests',
  'cost_nano',
] as const;

/** The rollups this migration maintains: usage_rollup (migration 1) and the five new ones. */
interface Table {
  name: string;
  /** Bucket of a usage row `r` (NEW or OLD). */
  bucket: (r: string) => string;
  keys: readonly string[];
  /** usage_totals counts spend (API and batch cost) itself: it has no billing key to tell it by. */
  spend: boolean;
}

const DIMS = ['provider', 'model', 'billing', 'source', 'tag'];
const MONTH_START = (r: string) => `unixepoch(${r}.time / 1000, 'unixepoch', 'start of month') * 1000`;

const TABLES: Table[] = [
  { name: 'usage_rollup', bucket: (r) => `${r}.time - (${r}.time % 900000)`, keys: DIMS, spend: false },
  { name: 'usage_rollup_day', bucket: (r) => `${r}.time - (${r}.time % 86400000)`, keys: [...DIMS, 'status'], spend: false },
  { name: 'usage_rollup_month', bucket: MONTH_START, keys: [...DIMS, 'status'], spend: false },
  { name: 'usage_totals', bucket: (r) => `${r}.time - (${r}.time % 900000)`, keys: [], spend: true },
  { name: 'usage_totals_day', bucket: (r) => `${r}.time - (${r}.time % 86400000)`, keys: [], spend: true },
  { name: 'usage_totals_month', bucket: MONTH_START, keys: [], spend: true },
];

const MEASURES = ['requests', ...SUMS];

function keyValue(r: string, key: string): string {
  return key === 'tag' ? `COALESCE(${r}.tag, '')` : `${r}.${key}`;
}

function measuresOf(t: Table): string[] {
  return [...MEASURES, ...(t.spend ? ['spend_nano'] : []), 'unpriced'];
}

function valueOf(r: string, measure: string): string {
  if (measure === 'requests') return '1';
  if (measure === 'unpriced') return `1 - ${r}.priced`;
  if (measure === 'spend_nano') return `CASE WHEN ${r}.billing = 'subscription' THEN 0 ELSE ${r}.cost_nano END`;
  return `${r}.${measure}`;
}

function addRow(t: Table): string {
  const columns = ['bucket', ...t.keys, ...measuresOf(t)];
  const values = [t.bucket('NEW'), ...t.keys.map((k) => keyValue('NEW', k)), ...measuresOf(t).map((m) => valueOf('NEW', m))];
  const sets = measuresOf(t).map((m) => `${m} = ${m} + excluded.${m}`);
  return `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT DO UPDATE SET ${sets.join(', ')};`;
}

function subtractRow(t: Table): string {
  const where = [`bucket = ${t.bucket('OLD')}`, ...t.keys.map((k) => `${k} = ${keyValue('OLD', k)}`)].join(' AND ');
  const sets = measuresOf(t).map((m) => `${m} = ${m} - (${valueOf('OLD', m)})`);
  return `UPDATE ${t.name} SET ${sets.join(', ')} WHERE ${where};\n  DELETE FROM ${t.name} WHERE ${where} AND requests = 0;`;
}

/** The row is summed in the rollups unless a bulk write is under way and the row is its own. */
const SUMMED = (r: string) => `${r}.id < COALESCE((SELECT from_id FROM rollup_pending WHERE id = 1), 9223372036854775807)`;

/** Columns whose change moves a row between buckets or changes a sum. */
const WATCHED = ['id', 'time', ...DIMS, 'status', ...SUMS, 'priced'];

function table(t: Table): string {
  const columns = [
    'bucket INTEGER NOT NULL',
    ...t.keys.map((k) => `${k} TEXT NOT NULL`),
    ...measuresOf(t).map((m) => `${m} INTEGER NOT NULL`),
    `PRIMARY KEY (${['bucket', ...t.keys].join(', ')})`,
  ];
  return `CREATE TABLE ${t.name} (\n  ${columns.join(',\n  ')}\n) STRICT, WITHOUT ROWID;`;
}

const NEW_TABLES = TABLES.filter((t) => t.name !== 'usage_rollup');

function sums(measures: readonly string[], from: (m: string) => string): string {
  return measures.map((m) => `SUM(${from(m)})`).join(', ');
}

export const migration010: Migration = {
  version: 10,
  name: 'ledger-at-scale',
  sql: `
CREATE INDEX usage_model_time ON usage (model, time);
CREATE INDEX usage_billing_time ON usage (billing, time);
CREATE INDEX usage_source_time ON usage (source, time);
CREATE INDEX usage_status_time ON usage (status, time);

CREATE TABLE rollup_pending (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  from_id INTEGER NOT NULL
) STRICT;

${NEW_TABLES.map(table).join('\n\n')}

-- What the ledger holds already: days from the rows (they have the status), months from the days,
-- totals from the 15-minute rollup (about a quarter as many rows as usage), coarser totals from those.
INSERT INTO usage_rollup_day
SELECT time - (time % 86400000), ${DIMS.map((k) => keyValue('u', k)).join(', ')}, status, COUNT(*), ${sums(SUMS, (m) => `u.${m}`)}, SUM(1 - priced)
FROM usage u GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO usage_rollup_month
SELECT unixepoch(bucket / 1000, 'unixepoch', 'start of month') * 1000, ${DIMS.join(', ')}, status, ${sums(MEASURES, (m) => m)}, SUM(unpriced)
FROM usage_rollup_day GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO usage_totals
SELECT bucket, ${sums(MEASURES, (m) => m)}, SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END), SUM(unpriced)
FROM usage_rollup GROUP BY bucket;

INSERT INTO usage_totals_day
SELECT bucket - (bucket % 86400000), ${sums([...MEASURES, 'spend_nano', 'unpriced'], (m) => m)}
FROM usage_totals GROUP BY 1;

INSERT INTO usage_totals_month
SELECT unixepoch(bucket / 1000, 'unixepoch', 'start of month') * 1000, ${sums([...MEASURES, 'spend_nano', 'unpriced'], (m) => m)}
FROM usage_totals_day GROUP BY 1;

DROP TRIGGER usage_rollup_insert;
DROP TRIGGER usage_rollup_delete;
DROP TRIGGER usage_rollup_update;

CREATE TRIGGER usage_rollup_insert AFTER INSERT ON usage WHEN ${SUMMED('NEW')} BEGIN
  ${TABLES.map(addRow).join('\n  ')}
END;

CREATE TRIGGER usage_rollup_delete AFTER DELETE ON usage WHEN ${SUMMED('OLD')} BEGIN
  ${TABLES.map(subtractRow).join('\n  ')}
END;

-- An update is a delete of the old row and an insert of the new one, as far as sums go.
CREATE TRIGGER usage_rollup_update_old AFTER UPDATE OF ${WATCHED.join(', ')} ON usage WHEN ${SUMMED('OLD')} BEGIN
  ${TABLES.map(subtractRow).join('\n  ')}
END;

CREATE TRIGGER usage_rollup_update_new AFTER UPDATE OF ${WATCHED.join(', ')} ON usage WHEN ${SUMMED('NEW')} BEGIN
  ${TABLES.map(addRow).join('\n  ')}
END;
`,
};
