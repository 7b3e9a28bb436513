/**
 * provider_cost_lines: a provider's cost report broken down (Anthropic: model, cost type, context
 * window, token type), one row per bucket and line, beside provider_usage's per-model totals. A
 * bucket read again replaces its lines, like provider_usage.
 */
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export interface CostLine {
  bucketStart: number;
  bucketEnd: number;
  model: string;
  /** As the report names it: tokens, web_search, code_execution, ... ('' when it does not say). */
  costType: string;
  contextWindow: string;
  tokenType: string;
  costNano: number;
}

/** Call inside the poll's transaction, with the cost buckets the poll read. */
export function replaceCostLines(db: Db, provider: string, bucketStarts: readonly number[], lines: readonly CostLine[], fetchedAt: number): void {
  const clear = cachedStatement(db, 'DELETE FROM provider_cost_lines WHERE provider = ? AND bucket_start = ?');
  for (const start of bucketStarts) clear.run(provider, start);
  const insert = cachedStatement(
    db,
    `INSERT INTO provider_cost_lines (provider, bucket_start, bucket_end, model, cost_type, context_window, token_type, cost_nano, fetched_at)
     VALUES (@provider, @bucketStart, @bucketEnd, @model, @costType, @contextWindow, @tokenType, @costNano, @fetchedAt)
     ON CONFLICT (provider, bucket_start, model, cost_type, context_window, token_type) DO UPDATE SET cost_nano = cost_nano + excluded.cost_nano`,
  );
  for (const line of lines) insert.run({ ...line, provider, fetchedAt });
}

export function costLinesBetween(db: Db, q: { provider: string; from: number; to: number }): CostLine[] {
  return cachedStatement(
    db,
    `SELECT bucket_start AS bucketStart, bucket_end AS bucketEnd, model, cost_type AS costType, context_window AS contextWindow,
       token_type AS tokenType, cost_nano AS costNano
     FROM provider_cost_lines WHERE provider = @provider AND bucket_start >= @from AND bucket_start < @to ORDER BY bucket_start`,
  ).all(q) as CostLine[];
}
