/**
 * The conservative estimate for a model the price data does not know is an upper bound for each
 * kind of token: never below what the app charges that kind for any current model of the provider
 * (of every provider, when the provider is unknown too), never $0, and in the order every provider
 * bills in: reasoning at least output (it is billed as output), a 1-hour cache write at least a
 * 5-minute one, which is at least input, which is at least a cache read.
 */
import { describe, expect, it } from 'vitest';
import { DATA_PROVIDERS } from '../../shared/pricing/price-data.js';
import { quoteUsage } from '../../shared/pricing/index.js';
import type { AppliedRates } from '../../shared/pricing/model-rates.js';

const KINDS = ['input', 'output', 'reasoning', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;
/** Short requests, and long ones past every long-context threshold in the data. */
const TOTAL_INPUTS = [1_000, 300_000, 2_000_000];
/** '' is how the CLI asks when no --provider is given; 'ollama' is not in the data at all. */
const PROVIDERS = [...DATA_PROVIDERS.map((p) => p.id), '', 'ollama'];

function fallbackAt(provider: string, totalInput: number): AppliedRates {
  const { breakdown, rates } = quoteUsage({ provider, model: 'no-such-model-xyz', tokens: { inputTokens: totalInput } });
  expect(breakdown).toMatchObject({ priced: false, costSource: 'fallback', matchedModel: null });
  return rates;
}

describe('the estimate for an unknown model', () => {
  it.each(PROVIDERS)('of %j bills each kind in the order providers do, none of them free', (provider) => {
    for (const totalInput of TOTAL_INPUTS) {
      const r = fallbackAt(provider, totalInput);
      const at = `${provider || '(no provider)'} at ${totalInput} input tokens`;
      for (const kind of KINDS) expect(r[kind], `${kind}, ${at}`).toBeGreaterThan(0);
      expect(r.reasoning, at).toBeGreaterThanOrEqual(r.output);
      expect(r.cacheWrite1h, at).toBeGreaterThanOrEqual(r.cacheWrite5m);
      expect(r.cacheWrite5m, at).toBeGreaterThanOrEqual(r.input);
      expect(r.input, at).toBeGreaterThanOrEqual(r.cacheRead);
      expect(r.webSearchPerThousand, at).toBeGreaterThan(0);
    }
  });

  it.each(DATA_PROVIDERS.map((p) => p.id))('of %j is at least what any current model of it charges, kind by kind', (provider) => {
    const models = DATA_PROVIDERS.find((p) => p.id === provider)!.models.filter((m) => !m.deprecated);
    for (const totalInput of TOTAL_INPUTS) {
      const bound = fallbackAt(provider, totalInput);
      const everyProvider = fallbackAt('', totalInput);
      for (const model of models) {
        const { breakdown, rates } = quoteUsage({ provider, model: model.id, tokens: { inputTokens: totalInput } });
        if (!breakdown.priced) continue;
        for (const kind of KINDS) {
          const at = `${provider}/${model.id} ${kind} at ${totalInput} input tokens`;
          expect(bound[kind], at).toBeGreaterThanOrEqual(rates[kind]);
          expect(everyProvider[kind], at).toBeGreaterThanOrEqual(rates[kind]);
        }
        expect(bound.webSearchPerThousand, `${provider}/${model.id} web search`).toBeGreaterThanOrEqual(rates.webSearchPerThousand);
      }
    }
  });
});
