import { describe, expect, it } from 'vitest';
import { workloadsFromUsage } from '../../shared/planner/from-usage.js';
import { validateWorkloads } from '../../shared/planner/workload-validate.js';

describe('a scenario from the last days of real usage', () => {
  const sums = [
    { provider: 'anthropic', model: 'claude-sonnet-4-5', requests: 300, batchRequests: 0, inputTokens: 300_000, cacheWriteTokens: 600_000, cacheReadTokens: 2_100_000, outputTokens: 450_000 },
    { provider: 'openai', model: 'gpt-4.1-mini', requests: 1500, batchRequests: 500, inputTokens: 3_000_000, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 300_000 },
    { provider: 'openai', model: 'never-called', requests: 0, batchRequests: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0 },
  ];

  it('gives one workload per model: calls a 30-day month, average tokens a call, cached and batch shares', () => {
    const rows = workloadsFromUsage(sums, 15);
    expect(rows).toEqual([
      { name: 'gpt-4.1-mini', provider: 'openai', model: 'gpt-4.1-mini', requestsPerMonth: 3000, inputTokens: 2000, outputTokens: 200, cachedShare: 0, batchShare: 0.333 },
      { name: 'claude-sonnet-4-5', provider: 'anthropic', model: 'claude-sonnet-4-5', requestsPerMonth: 600, inputTokens: 10_000, outputTokens: 1500, cachedShare: 0.7, batchShare: 0 },
    ]);
    // What it gives is a scenario the planner takes as it is.
    expect(validateWorkloads(rows)).toEqual(rows);
  });

  it('refuses a period of no days', () => {
    expect(() => workloadsFromUsage(sums, 0)).toThrow(/days/);
  });
});
