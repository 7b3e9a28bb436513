import { randomUUID } from 'node:crypto';
import {
  BILLING_MODES,
  TOKEN_FIELDS,
  USAGE_SOURCES,
  USAGE_STATUSES,
  type CostSource,
  type NewUsageRecord,
  type UsageRecord,
} from '../../../shared/usage.js';

/** Columns of the usage table in insert order; the named parameters match UsageRow's keys. */
export const USAGE_COLUMNS = [
  'time',
  'provider',
  'model',
  'billing',
  'source',
  'tag',
  'status',
  'stream',
  'input_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'cache_read_tokens',
  'output_tokens',
  'reasoning_tokens',
  'web_search_requests',
  'cost_nano',
  'priced',
  'cost_source',
  'price_version',
  'latency_ms',
  'ttft_ms',
  'request_id',
  'external_id',
  'endpoint',
  'http_status',
  'error_message',
  'service_tier',
  'speed',
  'inference_geo',
  'web_fetch_requests',
  'byok',
  'key_ref',
  'project',
  'project_name',
  'session_id',
  'device',
] as const;

export type UsageRow = { id: number } & Record<(typeof USAGE_COLUMNS)[number], string | number | null>;

/** The usage column of each token count. */
export const TOKEN_COLUMNS: Readonly<Record<(typeof TOKEN_FIELDS)[number], string>> = {
  inputTokens: 'input_tokens',
  cacheWrite5mTokens: 'cache_write_5m_tokens',
  cacheWrite1hTokens: 'cache_write_1h_tokens',
  cacheReadTokens: 'cache_read_tokens',
  outputTokens: 'output_tokens',
  reasoningTokens: 'reasoning_tokens',
  webSearchRequests: 'web_search_requests',
};

/** The token count columns, in TOKEN_FIELDS order. */
export const TOKEN_COLUMNS_SQL: readonly string[] = TOKEN_FIELDS.map((f) => TOKEN_COLUMNS[f]);

/** SELECT list giving rows that rowToRecord understands. */
export const USAGE_SELECT = `id, ${USAGE_COLUMNS.join(', ')}`;

const COST_SOURCES: readonly CostSource[] = ['computed', 'provider', 'override', 'fallback'];
function fail(record: NewUsageRecord, what: string): never {
  throw new RangeError(`invalid usage record (${String(record?.provider)}/${String(record?.model)}): ${what}`);
}

function isCount(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function optionalCount(record: NewUsageRecord, name: string, v: unknown): void {
  if (v !== null && v !== undefined && !isCount(v)) fail(record, `${name} must be a non-negative integer or null, got ${String(v)}`);
}

function optionalText(record: NewUsageRecord, name: string, v: unknown): void {
  if (v !== null && v !== undefined && typeof v !== 'string') fail(record, `${name} must be text or null`);
}

/**
 * Checks what the schema cannot (non-negative integer counts, a time after 1970: the rollup's
 * bucket arithmetic assumes it) and what it would reject less legibly. Throws a RangeError.
 */
export function validateNewUsageRecord(record: NewUsageRecord): void {
  if (typeof record !== 'object' || record === null) throw new RangeError('invalid usage record: not an object');
  if (!isCount(record.time)) fail(record, `time must be epoch milliseconds, got ${String(record.time)}`);
  if (typeof record.provider !== 'string' || record.provider === '') fail(record, 'provider is missing');
  if (typeof record.model !== 'string' || record.model === '') fail(record, 'model is missing');
  if (!BILLING_MODES.includes(record.billing)) fail(record, `billing must be one of ${BILLING_MODES.join(', ')}`);
  if (!USAGE_SOURCES.includes(record.source)) fail(record, `source must be one of ${USAGE_SOURCES.join(', ')}`);
  if (!USAGE_STATUSES.includes(record.status)) fail(record, `status must be one of ${USAGE_STATUSES.join(', ')}`);
  if (!COST_SOURCES.includes(record.costSource)) fail(record, `costSource must be one of ${COST_SOURCES.join(', ')}`);
  if (typeof record.stream !== 'boolean') fail(record, 'stream must be true or false');
  if (typeof record.priced !== 'boolean') fail(record, 'priced must be true or false');
  for (const field of TOKEN_FIELDS) {
    if (!isCount(record[field])) fail(record, `${field} must be a non-negative integer, got ${String(record[field])}`);
  }
  if (!isCount(record.costNano)) fail(record, `costNano must be a non-negative integer, got ${String(record.costNano)}`);
  if (typeof record.priceVersion !== 'string') fail(record, 'priceVersion must be text');
  optionalCount(record, 'latencyMs', record.latencyMs);
  optionalCount(record, 'ttftMs', record.ttftMs);
  optionalCount(record, 'httpStatus', record.httpStatus);
  optionalText(record, 'tag', record.tag);
  optionalText(record, 'requestId', record.requestId);
  optionalText(record, 'externalId', record.externalId);
  optionalText(record, 'endpoint', record.endpoint);
  optionalText(record, 'errorMessage', record.errorMessage);
  optionalText(record, 'serviceTier', record.serviceTier);
  optionalText(record, 'speed', record.speed);
  optionalText(record, 'inferenceGeo', record.inferenceGeo);
  optionalCount(record, 'webFetchRequests', record.webFetchRequests);
  if (record.byok !== undefined && typeof record.byok !== 'boolean') fail(record, 'byok must be true or false');
  optionalText(record, 'keyRef', record.keyRef);
  optionalText(record, 'project', record.project);
  optionalText(record, 'projectName', record.projectName);
  optionalText(record, 'sessionId', record.sessionId);
  optionalText(record, 'device', record.device);
}

/**
 * The record's values in USAGE_COLUMNS order, for a statement with positional parameters: binding
 * by position is several times cheaper than by name for a row this wide.
 */
export function recordToValues(r: NewUsageRecord): (string | number | null)[] {
  const p = recordToParams(r);
  return USAGE_COLUMNS.map((c) => p[c]);
}

/**
 * Columns every imported row (sources/imported-record.ts) holds the same value in: an import's
 * insert writes them as SQL literals and binds only the other columns, about half of them.
 */
const IMPORT_FIXED: Partial<Record<(typeof USAGE_COLUMNS)[number], string | number | null>> = {
  billing: 'subscription',
  source: 'import',
  status: 'ok',
  stream: 1,
  latency_ms: null,
  ttft_ms: null,
  http_status: null,
  error_message: null,
  service_tier: null,
  speed: null,
  inference_geo: null,
  web_fetch_requests: 0,
  byok: 0,
  key_ref: null,
};
const IMPORT_FIXED_ENTRIES = Object.entries(IMPORT_FIXED) as [(typeof USAGE_COLUMNS)[number], string | number | null][];
/** The columns an import's insert binds, in importRowValues' order. */
export const IMPORT_BOUND_COLUMNS = USAGE_COLUMNS.filter((c) => !(c in IMPORT_FIXED));

function sqlLiteral(v: string | number | null): string {
  if (v === null) return 'NULL';
  return typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;
}

/** A SELECT list giving USAGE_COLUMNS from a table of IMPORT_BOUND_COLUMNS: the fixed columns as literals. */
export const IMPORT_SELECT_LIST = USAGE_COLUMNS.map((c) => (c in IMPORT_FIXED ? sqlLiteral(IMPORT_FIXED[c]!) : c)).join(', ');

/** The values an import binds for the record (IMPORT_BOUND_COLUMNS order), or null when it is not shaped like an import. */
export function importRowValues(r: NewUsageRecord): (string | number | null)[] | null {
  const p = recordToParams(r);
  for (const [column, value] of IMPORT_FIXED_ENTRIES) if (p[column] !== value) return null;
  return IMPORT_BOUND_COLUMNS.map((c) => p[c]);
}

/** Named parameters for the insert statement. */
export function recordToParams(r: NewUsageRecord): Omit<UsageRow, 'id'> {
  return {
    time: r.time,
    provider: r.provider,
    model: r.model,
    billing: r.billing,
    source: r.source,
    // An empty tag is no tag: the rollup folds both into '', so usage must not tell them apart either.
    tag: r.tag ? r.tag : null,
    status: r.status,
    stream: r.stream ? 1 : 0,
    input_tokens: r.inputTokens,
    cache_write_5m_tokens: r.cacheWrite5mTokens,
    cache_write_1h_tokens: r.cacheWrite1hTokens,
    cache_read_tokens: r.cacheReadTokens,
    output_tokens: r.outputTokens,
    reasoning_tokens: r.reasoningTokens,
    web_search_requests: r.webSearchRequests,
    cost_nano: r.costNano,
    priced: r.priced ? 1 : 0,
    cost_source: r.costSource,
    price_version: r.priceVersion,
    latency_ms: r.latencyMs ?? null,
    ttft_ms: r.ttftMs ?? null,
    request_id: r.requestId ?? null,
    // Every row has a global id, (source, external_id) (migration 14): a row without an id of its
    // source's own (a proxied call) gets a random one, which is as stable as it is stored once.
    external_id: r.externalId ?? timeOrderedId(r.time),
    endpoint: r.endpoint ?? null,
    http_status: r.httpStatus ?? null,
    error_message: r.errorMessage ?? null,
    service_tier: r.serviceTier ?? null,
    speed: r.speed ?? null,
    inference_geo: r.inferenceGeo ?? null,
    web_fetch_requests: r.webFetchRequests ?? 0,
    byok: r.byok ? 1 : 0,
    key_ref: r.keyRef ?? null,
    project: r.project ?? null,
    project_name: r.projectName ?? null,
    session_id: r.sessionId ?? null,
    device: r.device ?? null,
  };
}

const SELECTED = ['id', ...USAGE_COLUMNS] as const;

/** A row read in raw mode (its values in USAGE_SELECT order) as a record. */
export function valuesToRecord(values: readonly unknown[]): UsageRecord {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < SELECTED.length; i++) row[SELECTED[i]!] = values[i];
  return rowToRecord(row as UsageRow);
}

export function rowToRecord(row: UsageRow): UsageRecord {
  return {
    id: row.id,
    time: row.time as number,
    provider: row.provider as string,
    model: row.model as string,
    billing: row.billing as UsageRecord['billing'],
    source: row.source as UsageRecord['source'],
    tag: row.tag as string | null,
    status: row.status as UsageRecord['status'],
    stream: row.stream === 1,
    inputTokens: row.input_tokens as number,
    cacheWrite5mTokens: row.cache_write_5m_tokens as number,
    cacheWrite1hTokens: row.cache_write_1h_tokens as number,
    cacheReadTokens: row.cache_read_tokens as number,
    outputTokens: row.output_tokens as number,
    reasoningTokens: row.reasoning_tokens as number,
    webSearchRequests: row.web_search_requests as number,
    costNano: row.cost_nano as number,
    priced: row.priced === 1,
    costSource: row.cost_source as CostSource,
    priceVersion: row.price_version as string,
    latencyMs: row.latency_ms as number | null,
    ttftMs: row.ttft_ms as number | null,
    requestId: row.request_id as string | null,
    externalId: row.external_id as string | null,
    endpoint: row.endpoint as string | null,
    httpStatus: row.http_status as number | null,
    errorMessage: row.error_message as string | null,
    serviceTier: (row.service_tier as string | null) ?? null,
    speed: (row.speed as string | null) ?? null,
    inferenceGeo: (row.inference_geo as string | null) ?? null,
    webFetchRequests: (row.web_fetch_requests as number | null) ?? 0,
    byok: row.byok === 1,
    keyRef: row.key_ref as string | null,
    project: (row.project as string | null) ?? null,
    projectName: (row.project_name as string | null) ?? null,
    sessionId: (row.session_id as string | null) ?? null,
    device: (row.device as string | null) ?? null,
  };
}

/**
 * A UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then random bits) for a call made at
 * `time`. Random but in time order: a ledger's (source, external_id) index takes each new row near
 * the last one instead of on a random page of the whole index, which is what a merge of another
 * device's year of calls (a million rows into an index of millions) would otherwise rewrite.
 */
export function timeOrderedId(time: number): string {
  const ms = Math.max(0, Math.min(Math.floor(time), 0xffff_ffff_ffff)).toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx; its random bits after the version nibble.
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`;
}

