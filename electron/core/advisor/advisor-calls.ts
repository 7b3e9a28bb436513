/** The month of calls the advisor reads: a few columns of each spending row (subscription usage is not spend). */
import type { AdvisorCall } from '../../../shared/advisor/index.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

// Every column here is read by a rule in shared/advisor (the token counts price a call again).
const SELECT = `
SELECT id, time, provider, model, tag, billing, status, stream,
  input_tokens AS inputTokens, cache_write_5m_tokens AS cacheWrite5mTokens, cache_write_1h_tokens AS cacheWrite1hTokens,
  cache_read_tokens AS cacheReadTokens, output_tokens AS outputTokens, reasoning_tokens AS reasoningTokens,
  web_search_requests AS webSearchRequests, cost_nano AS costNano, priced, error_message AS errorMessage,
  service_tier AS serviceTier, speed, inference_geo AS inferenceGeo
FROM usage
WHERE time >= ? AND time <= ? AND billing != 'subscription' AND status != 'blocked'`;

type Row = Omit<AdvisorCall, 'stream' | 'priced'> & { stream: number | boolean; priced: number | boolean };

export function advisorCalls(db: Db, range: { from: number; to: number }): AdvisorCall[] {
  const rows = cachedStatement(db, SELECT).all(range.from, range.to) as Row[];
  // SQLite's 0/1 made booleans in place: a month at scale is a few hundred thousand rows, and a
  // copy of each (the spread this replaced) cost as much as reading them.
  for (const r of rows) {
    r.stream = r.stream === 1;
    r.priced = r.priced === 1;
  }
  return rows as AdvisorCall[];
}
