/**
 * A scenario that starts from real usage: one workload per model of the last days, with its calls
 * scaled to a 30-day month and each call's average tokens. Pure: the ledger's sums are given.
 * A workload's input is every input token of a call (uncached, cache writes and cache reads) with
 * the cached share apart, as the planner's rows hold it (scenario.ts prices the parts again).
 */
import type { WorkloadRow } from '../api/contract-budgets.js';
import { MAX_WORKLOADS } from './workload-validate.js';

/** One model's sums over the days read. */
export interface ModelSums {
  provider: string;
  model: string;
  requests: number;
  batchRequests: number;
  inputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  /** Output with reasoning: both are billed as output. */
  outputTokens: number;
}

const MONTH_DAYS = 30;

export function workloadsFromUsage(sums: readonly ModelSums[], days: number): WorkloadRow[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number of at least 1, got ${days}`);
  return [...sums]
    .filter((s) => s.requests > 0)
    .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model))
    .slice(0, MAX_WORKLOADS)
    .map((s) => {
      const allInput = s.inputTokens + s.cacheWriteTokens + s.cacheReadTokens;
      return {
        name: s.model,
        provider: s.provider,
        model: s.model,
        requestsPerMonth: Math.round((s.requests * MONTH_DAYS) / days),
        inputTokens: Math.round(allInput / s.requests),
        outputTokens: Math.round(s.outputTokens / s.requests),
        cachedShare: allInput > 0 ? round3(s.cacheReadTokens / allInput) : 0,
        batchShare: round3(s.batchRequests / s.requests),
      };
    });
}

/** Shares to three places: a row a person reads and edits. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
