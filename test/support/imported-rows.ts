import { openDatabase } from '../../electron/core/ledger/index.js';

/** The ledger's rows with what an import decides (provider, billing, tag, key, tokens, cost), in time order. */
export function importedRows(dataDir: string): Record<string, unknown>[] {
  const db = openDatabase(dataDir);
  try {
    return db
      .prepare(
        `SELECT time, provider, model, billing, source, tag, external_id AS externalId, input_tokens AS inputTokens, cache_read_tokens AS cacheReadTokens,
           output_tokens AS outputTokens, reasoning_tokens AS reasoningTokens, cost_nano AS costNano, priced FROM usage ORDER BY time, id`,
      )
      .all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}
