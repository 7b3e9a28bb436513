/**
 * What a set of token counts costs at given per-kind rates: for re-pricing calls on another model
 * (the planner's reprice, the advisor's smaller-model finding). Each kind is rounded once, exactly.
 */
import type { Nano } from '../money.js';
import type { TokenCounts } from '../usage.js';
import { costNano } from './exact-cost.js';
import type { KindRates } from './model-rates.js';

export interface RepriceRates extends KindRates {
  webSearchPerThousand: number;
  requestFeePerThousand: number;
}

/** `tokens` (sums over `requests` calls) at `rates`, halved for batch (tool and request fees too, as the reprice always did). */
export function costAtRates(tokens: TokenCounts, requests: number, rates: RepriceRates, batch = false): Nano {
  const tok = (units: number, usdPerMTok: number): Nano => costNano(units, usdPerMTok, 1_000_000, batch);
  return (
    tok(tokens.inputTokens, rates.input) +
    tok(tokens.cacheWrite5mTokens, rates.cacheWrite5m) +
    tok(tokens.cacheWrite1hTokens, rates.cacheWrite1h) +
    tok(tokens.cacheReadTokens, rates.cacheRead) +
    tok(tokens.outputTokens, rates.output) +
    tok(tokens.reasoningTokens, rates.reasoning) +
    costNano(tokens.webSearchRequests, rates.webSearchPerThousand, 1_000, batch) +
    costNano(requests, rates.requestFeePerThousand, 1_000, batch)
  );
}
