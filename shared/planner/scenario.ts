/**
 * The planner's calculator: what workloads cost a month. Pure; priced per request with
 * shared/pricing (so long-context tiers, overrides and the unpriced fallback apply as they do to
 * real calls), then multiplied by the requests.
 *
 * Cache assumption: `cachedShare` of each request's input is read from the cache. A token must be
 * written before it can be read, so in a caching workload (cachedShare > 0) the rest of the input
 * is priced as a cache write (5-minute rate): exact for conversations and agents, where each turn
 * reads the context so far and writes its new part for the next turn; for a fixed prompt written
 * once and read many times it overstates the writes (by at most the 0.25× write surcharge on the
 * uncached part), which errs on the safe side. Providers whose caching is automatic and free to
 * write (everyone but Anthropic's Claude models) get no writes. `batchShare` of the requests go
 * through the batch API at 50%.
 */
import type { PriceOverride } from '../api/contract.js';
import type { ScenarioResult, WorkloadCost, WorkloadRow } from '../api/contract-budgets.js';
import type { Nano } from '../money.js';
import { quoteUsage } from '../pricing/index.js';
import type { TokenCounts } from '../usage.js';

export { onModel } from './on-model.js';

/** Whether a provider bills cache writes (Anthropic's explicit prompt caching, also via gateways). */
function billsCacheWrites(provider: string, model: string): boolean {
  return provider === 'anthropic' || /claude/i.test(model);
}

/** Token counts of one request of the workload (disjoint kinds). */
export function requestTokens(row: WorkloadRow): Pick<TokenCounts, 'inputTokens' | 'cacheReadTokens' | 'cacheWrite5mTokens' | 'outputTokens'> {
  const reads = Math.round(row.inputTokens * row.cachedShare);
  const writes = row.cachedShare > 0 && billsCacheWrites(row.provider, row.model) ? row.inputTokens - reads : 0;
  return { inputTokens: row.inputTokens - reads - writes, cacheReadTokens: reads, cacheWrite5mTokens: writes, outputTokens: row.outputTokens };
}

export function priceWorkload(row: WorkloadRow, overrides: readonly PriceOverride[] = []): WorkloadCost {
  const tokens = requestTokens(row);
  const batched = Math.round(row.requestsPerMonth * row.batchShare);
  const direct = row.requestsPerMonth - batched;
  const quote = (batch: boolean) => quoteUsage({ provider: row.provider, model: row.model, tokens, batch, overrides }).breakdown;
  const full = quote(false);
  const half = quote(true);
  const times = (a: Nano, b: Nano) => a * direct + b * batched;
  const inputNano = times(full.inputNano, half.inputNano);
  const cacheReadNano = times(full.cacheReadNano, half.cacheReadNano);
  const cacheWriteNano = times(full.cacheWrite5mNano + full.cacheWrite1hNano, half.cacheWrite5mNano + half.cacheWrite1hNano);
  const outputNano = times(full.outputNano + full.reasoningNano, half.outputNano + half.reasoningNano);
  return {
    name: row.name,
    provider: row.provider,
    model: row.model,
    matchedModel: full.matchedModel,
    priced: full.priced,
    // The total, not the parts' sum: request fees and web search belong to it too.
    monthlyNano: times(full.totalNano, half.totalNano),
    inputNano,
    cacheReadNano,
    cacheWriteNano,
    outputNano,
    perRequestNano: full.totalNano,
  };
}

export function priceScenario(rows: readonly WorkloadRow[], overrides: readonly PriceOverride[] = []): ScenarioResult {
  const priced = rows.map((row) => priceWorkload(row, overrides));
  return {
    rows: priced,
    totalNano: priced.reduce((sum, r) => sum + r.monthlyNano, 0),
    unpriced: priced.filter((r) => !r.priced).length,
  };
}

