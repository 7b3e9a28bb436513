import { describe, expect, it } from 'vitest';
import type { WorkloadRow } from '../../shared/api/contract-budgets.js';
import { onModel, priceScenario, priceWorkload, requestTokens } from '../../shared/planner/scenario.js';
import { validateWorkloads } from '../../shared/planner/workload-validate.js';

const USD = 1_000_000_000;

function row(partial: Partial<WorkloadRow>): WorkloadRow {
  return { name: 'w', provider: 'anthropic', model: 'claude-haiku-4-5', requestsPerMonth: 1, inputTokens: 0, outputTokens: 0, cachedShare: 0, batchShare: 0, ...partial };
}

describe('scenario pricing: the worked examples', () => {
  it('Haiku 4.5, 10,000 × (12,000 / 500) = $145, and $72.50 through batch', () => {
    const base = row({ requestsPerMonth: 10_000, inputTokens: 12_000, outputTokens: 500 });
    expect(priceWorkload(base).monthlyNano).toBe(145 * USD);
    expect(priceWorkload({ ...base, batchShare: 1 }).monthlyNano).toBe(72.5 * USD);
    expect(priceWorkload({ ...base, batchShare: 0.5 }).monthlyNano).toBe(108.75 * USD);
  });

  it('Sonnet 4.6, 100,000 × (2,000 / 500) = $1,350, split by kind', () => {
    const cost = priceWorkload(row({ model: 'claude-sonnet-4-6', requestsPerMonth: 100_000, inputTokens: 2_000, outputTokens: 500 }));
    expect(cost).toMatchObject({ monthlyNano: 1_350 * USD, inputNano: 600 * USD, outputNano: 750 * USD, cacheReadNano: 0, cacheWriteNano: 0, priced: true });
  });

  it('a 5,000-token Sonnet system prompt sent 1,000 times a day costs $13.50 less a day read from cache', () => {
    const day = (cachedShare: number) => priceWorkload(row({ model: 'claude-sonnet-4', requestsPerMonth: 1_000, inputTokens: 5_000, cachedShare })).monthlyNano;
    expect(day(0) - day(1)).toBe(13.5 * USD);
  });
});

describe('scenario pricing: the cache assumption', () => {
  it('Anthropic: the cached share is read, the rest of the input written for the next call', () => {
    const r = row({ model: 'claude-sonnet-4', requestsPerMonth: 1_000, inputTokens: 10_000, cachedShare: 0.8 });
    expect(requestTokens(r)).toEqual({ inputTokens: 0, cacheReadTokens: 8_000, cacheWrite5mTokens: 2_000, outputTokens: 0 });
    // 8M reads at $0.30/M + 2M writes at $3.75/M.
    expect(priceWorkload(r)).toMatchObject({ cacheReadNano: 2.4 * USD, cacheWriteNano: 7.5 * USD, monthlyNano: 9.9 * USD });
  });

  it('no caching: no reads, no writes', () => {
    expect(requestTokens(row({ inputTokens: 1_000 }))).toEqual({ inputTokens: 1_000, cacheReadTokens: 0, cacheWrite5mTokens: 0, outputTokens: 0 });
  });

  it('OpenAI caches automatically and bills no writes', () => {
    const r = row({ provider: 'openai', model: 'gpt-4o', requestsPerMonth: 1_000, inputTokens: 10_000, cachedShare: 0.5 });
    expect(requestTokens(r)).toEqual({ inputTokens: 5_000, cacheReadTokens: 5_000, cacheWrite5mTokens: 0, outputTokens: 0 });
    expect(priceWorkload(r).cacheWriteNano).toBe(0);
  });
});

describe('scenario pricing: totals and models', () => {
  it('sums rows exactly; an unknown model is counted conservatively and flagged', () => {
    const rows = [row({ requestsPerMonth: 10_000, inputTokens: 12_000, outputTokens: 500 }), row({ name: 'mystery', model: 'no-such-model-x', requestsPerMonth: 10, inputTokens: 1_000, outputTokens: 100 })];
    const result = priceScenario(rows);
    expect(result.unpriced).toBe(1);
    expect(result.rows[1]).toMatchObject({ priced: false, matchedModel: null });
    expect(result.rows[1]!.monthlyNano).toBeGreaterThan(0);
    expect(result.totalNano).toBe(result.rows[0]!.monthlyNano + result.rows[1]!.monthlyNano);
  });

  it('the same workloads on another model, for side-by-side columns', () => {
    const rows = [row({ requestsPerMonth: 10_000, inputTokens: 12_000, outputTokens: 500 })];
    const other = priceScenario(onModel(rows, 'anthropic', 'claude-sonnet-4-6'));
    expect(other.rows[0]!.model).toBe('claude-sonnet-4-6');
    expect(other.totalNano).toBe(3 * 145 * USD);
  });

  it('user price overrides apply', () => {
    const overrides = [{ provider: 'anthropic', model: 'claude-haiku-4-5', inputPerMTok: 2, outputPerMTok: 10 }];
    expect(priceWorkload(row({ requestsPerMonth: 1_000, inputTokens: 1_000, outputTokens: 1_000 }), overrides).monthlyNano).toBe(12 * USD);
  });
});

describe('workload validation', () => {
  it('normalises and fills defaults', () => {
    expect(validateWorkloads([{ provider: 'Anthropic', model: ' claude-haiku-4-5 ', requestsPerMonth: 5, inputTokens: 1, outputTokens: 2 }])).toEqual([
      { name: 'Workload 1', provider: 'anthropic', model: 'claude-haiku-4-5', requestsPerMonth: 5, inputTokens: 1, outputTokens: 2, cachedShare: 0, batchShare: 0 },
    ]);
  });

  it.each([
    [{}, 'rows must be a list'],
    [[{ provider: 'anthropic', model: 'm', requestsPerMonth: -1, inputTokens: 1, outputTokens: 1 }], 'rows[0].requestsPerMonth'],
    [[{ provider: 'anthropic', model: 'm', requestsPerMonth: 1, inputTokens: 1.5, outputTokens: 1 }], 'rows[0].inputTokens'],
    [[{ provider: 'anthropic', model: 'm', requestsPerMonth: 1, inputTokens: 1, outputTokens: 1, cachedShare: 80 }], 'share from 0 to 1'],
    [[{ provider: 'anthropic', model: '', requestsPerMonth: 1, inputTokens: 1, outputTokens: 1 }], 'rows[0].model'],
    [[{ provider: 'an thropic', model: 'm', requestsPerMonth: 1, inputTokens: 1, outputTokens: 1 }], 'rows[0].provider'],
    [[{ provider: 'anthropic', model: 'm', requestsPerMonth: 1, inputTokens: 1, outputTokens: 1, price: 3 }], 'unknown field "price"'],
  ])('refuses %j', (rows, message) => {
    expect(() => validateWorkloads(rows)).toThrow(message);
  });
});
