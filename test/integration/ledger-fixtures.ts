import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { ZERO_TOKENS, type NewUsageRecord } from '../../shared/usage.js';
import { PROXIED_CALL } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

/** A usage record with explicit, hand-checkable numbers (no price data involved). */
export function usage(partial: Partial<NewUsageRecord> & { time: number }): NewUsageRecord {
  return {
    ...PROXIED_CALL,
    model: 'claude-sonnet-4',
    ...ZERO_TOKENS,
    inputTokens: 100,
    outputTokens: 10,
    costNano: 1_000,
    priced: true,
    costSource: 'computed',
    priceVersion: 'test',
    latencyMs: 500,
    ...partial,
  };
}

/** Random token counts, cost and priced flag for a usage record, from a seeded generator. */
export function randomFigures(rnd: () => number): Pick<
  NewUsageRecord,
  'priced' | 'inputTokens' | 'cacheWrite5mTokens' | 'cacheWrite1hTokens' | 'cacheReadTokens' | 'outputTokens' | 'reasoningTokens' | 'webSearchRequests' | 'costNano'
> {
  return {
    priced: rnd() > 0.2,
    inputTokens: Math.floor(rnd() * 5000),
    cacheWrite5mTokens: Math.floor(rnd() * 100),
    cacheWrite1hTokens: Math.floor(rnd() * 100),
    cacheReadTokens: Math.floor(rnd() * 1000),
    outputTokens: Math.floor(rnd() * 900),
    reasoningTokens: Math.floor(rnd() * 90),
    webSearchRequests: Math.floor(rnd() * 3),
    costNano: Math.floor(rnd() * 10_000_000),
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

const SUMMED = `COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, SUM(cache_write_5m_tokens) AS cache_write_5m_tokens,
  SUM(cache_write_1h_tokens) AS cache_write_1h_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
  SUM(output_tokens) AS output_tokens, SUM(reasoning_tokens) AS reasoning_tokens,
  SUM(web_search_requests) AS web_search_requests, SUM(cost_nano) AS cost_nano`;
const KEYS = "provider, model, billing, source, COALESCE(tag, '') AS tag";

/**
 * Every rollup (migrations 1 and 10) as stored, and as recomputed from usage with a plain GROUP BY,
 * written here independently of the ledger's own SQL: triggers and bulk writes must keep them equal.
 */
function allRollupsVersusRecomputed(db: Database.Database): Record<string, { stored: RollupRow[]; recomputed: RollupRow[] }> {
  const order = 'ORDER BY 1, 2, 3, 4, 5, 6, 7';
  const monthOf = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  const days = db
    .prepare(`SELECT time - (time % 86400000) AS bucket, ${KEYS}, status, ${SUMMED}, SUM(1 - priced) AS unpriced FROM usage GROUP BY 1, 2, 3, 4, 5, 6, 7 ${order}`)
    .all() as RollupRow[];
  // Months summed in JS from the days, with Date.UTC: no SQL date function involved.
  const months = new Map<string, RollupRow>();
  for (const day of days) {
    const bucket = monthOf(day.bucket as number);
    const key = JSON.stringify([bucket, day.provider, day.model, day.billing, day.source, day.tag, day.status]);
    const seen = months.get(key);
    if (!seen) months.set(key, { ...day, bucket });
    else for (const [k, v] of Object.entries(day)) if (typeof v === 'number' && k !== 'bucket') seen[k] = (seen[k] as number) + v;
  }
  const sortRows = (rows: RollupRow[]) =>
    rows.sort((a, b) => {
      for (const k of ['bucket', 'provider', 'model', 'billing', 'source', 'tag', 'status']) {
        if (a[k]! < b[k]!) return -1;
        if (a[k]! > b[k]!) return 1;
      }
      return 0;
    });
  const stored = (table: string) => sortRows(db.prepare(`SELECT * FROM ${table}`).all() as RollupRow[]);
  return {
    usage_rollup: rollupVersusRecomputed(db),
    usage_rollup_day: { stored: stored('usage_rollup_day'), recomputed: sortRows(days) },
    usage_rollup_month: { stored: stored('usage_rollup_month'), recomputed: sortRows([...months.values()]) },
    usage_totals: { stored: stored('usage_totals'), recomputed: totalsBy((time) => time - (time % 900_000)) },
    usage_totals_day: { stored: stored('usage_totals_day'), recomputed: totalsBy((time) => time - (time % 86_400_000)) },
    usage_totals_month: { stored: stored('usage_totals_month'), recomputed: totalsBy(monthOf) },
  };

  /** Keyless totals per bucket, summed in JS over the rows. */
  function totalsBy(bucketOf: (time: number) => number): RollupRow[] {
    const rows = db.prepare('SELECT * FROM usage').all() as Record<string, number | string | null>[];
    const out = new Map<number, RollupRow>();
    for (const r of rows) {
      const bucket = bucketOf(r.time as number);
      const t = out.get(bucket) ?? { bucket, requests: 0, input_tokens: 0, cache_write_5m_tokens: 0, cache_write_1h_tokens: 0, cache_read_tokens: 0,
        output_tokens: 0, reasoning_tokens: 0, web_search_requests: 0, cost_nano: 0, spend_nano: 0, unpriced: 0 };
      for (const k of Object.keys(t)) if (k !== 'bucket' && k !== 'requests' && k !== 'spend_nano' && k !== 'unpriced') t[k] = (t[k] as number) + (r[k] as number);
      t.requests = (t.requests as number) + 1;
      t.spend_nano = (t.spend_nano as number) + (r.billing === 'subscription' ? 0 : (r.cost_nano as number));
      t.unpriced = (t.unpriced as number) + 1 - (r.priced as number);
      out.set(bucket, t);
    }
    return sortRows([...out.values()]);
  }
}

/** Asserts every rollup equals its GROUP BY over usage. */
export function expectRollupsExact(db: Database.Database): void {
  for (const [table, { stored, recomputed }] of Object.entries(allRollupsVersusRecomputed(db))) expect(stored, table).toEqual(recomputed);
}
