import type { Migration } from './migration.js';

/**
 * A provider's cost report broken down, beside provider_usage's per-model totals: one row per
 * bucket, model, cost type (tokens, web_search, code_execution, ...), context window and token type,
 * as Anthropic's cost reports give them. The reconciliation says from these which kind of cost a gap
 * is in (electron/core/reconcile/gaps-by-kind.ts). A bucket read again replaces its lines.
 */
export const migration009: Migration = {
  version: 9,
  name: 'provider-cost-lines',
  sql: `
CREATE TABLE provider_cost_lines (
  provider TEXT NOT NULL,
  bucket_start INTEGER NOT NULL,
  bucket_end INTEGER NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  cost_type TEXT NOT NULL DEFAULT '',
  context_window TEXT NOT NULL DEFAULT '',
  token_type TEXT NOT NULL DEFAULT '',
  cost_nano INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (provider, bucket_start, model, cost_type, context_window, token_type)
) STRICT;
`,
};
