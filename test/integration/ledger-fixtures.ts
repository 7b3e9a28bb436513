import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { ZERO_TOKENS, type NewUsageRecord } from '../../shared/usage.js';
import { useTempDirs } from '../support/temp-dir.js';

/** A usage record with explicit, hand-checkable numbers (no price data involved). */
export function usage(partial: Partial<NewUsageRecord> & { time: number }): NewUsageRecord {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    billing: 'api',
    source: 'proxy',
    tag: null,
    status: 'ok',
    stream: false,
    ...ZERO_TOKENS,
    inputTokens: 100,
    outputTokens: 10,
    costNano: 1_000,
    priced: true,
    costSource: 'computed',
    priceVersion: 'test',
    latencyMs: 500,
    ttftMs: null,
    requestId: null,
    externalId: null,
    endpoint: '/v1/messages',
    httpStatus: 200,
    errorMessage: null,
    ...partial,
  };
}

/** Opens ledgers in fresh temp dirs and closes them after each test. */
export function useLedgers(): { open(): Db; dir(): string } {
  const tempDir = useTempDirs();
  return {
    dir: tempDir,
    open: () => openDatabase(tempDir()),
  };
}

type RollupRow = Record<string, string | number>;

/** usage_rollup as stored, and as recomputed from usage with GROUP BY: the triggers must keep them equal. */
export function rollupVersusRecomputed(db: Database.Database): { stored: RollupRow[]; recomputed: RollupRow[] } {
  const order = 'ORDER BY bucket, provider, model, billing, source, tag';
  const stored = db.prepare(`SELECT * FROM usage_rollup ${order}`).all() as RollupRow[];
  const recomputed = db
    .prepare(
      `SELECT time - (time % 900000) AS bucket, provider, model, billing, source, COALESCE(tag, '') AS tag,
         COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(cache_write_5m_tokens) AS cache_write_5m_tokens,
         SUM(cache_write_1h_tokens) AS cache_write_1h_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
         SUM(output_tokens) AS output_tokens, SUM(reasoning_tokens) AS reasoning_tokens,
         SUM(web_search_requests) AS web_search_requests, SUM(cost_nano) AS cost_nano, SUM(1 - priced) AS unpriced
       FROM usage GROUP BY 1, 2, 3, 4, 5, 6 ${order}`,
    )
    .all() as RollupRow[];
  return { stored, recomputed };
}
