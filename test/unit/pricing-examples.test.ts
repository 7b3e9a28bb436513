// The worked examples of issue 2, to the cent (and to the nano-dollar).
import { describe, expect, it } from 'vitest';
import { priceUsage, type PriceArgs } from '../../shared/pricing/index.js';
import { usdToNano } from '../../shared/money.js';

const AT = new Date('2026-06-01T12:00:00Z');

/** N identical requests: each is priced on its own (tiers are per request), then the integers are summed. */
function costOf(args: Omit<PriceArgs, 'at'>, requests = 1): number {
  const one = priceUsage({ ...args, at: AT }).totalNano;
  expect(Number.isSafeInteger(one * requests)).toBe(true);
  return one * requests;
}

describe('worked examples (USD)', () => {
  it('Haiku 3.5, 2,000 in / 500 out = 0.0036', () => {
    const b = priceUsage({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022', tokens: { inputTokens: 2000, outputTokens: 500 }, at: AT });
    expect(b.totalNano).toBe(usdToNano(0.0036));
    expect(b).toMatchObject({ priced: true, costSource: 'computed', matchedModel: 'claude-3-5-haiku-latest' });
    expect(b.inputNano).toBe(usdToNano(0.0016));
    expect(b.outputNano).toBe(usdToNano(0.002));
  });

  it('Sonnet 4, 5,000 / 2,000 = 0.045', () => {
    expect(costOf({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', tokens: { inputTokens: 5000, outputTokens: 2000 } })).toBe(
      usdToNano(0.045),
    );
  });

  it('Opus 4, 20,000 / 5,000 = 0.675', () => {
    expect(costOf({ provider: 'anthropic', model: 'claude-opus-4-20250514', tokens: { inputTokens: 20000, outputTokens: 5000 } })).toBe(
      usdToNano(0.675),
    );
  });

  it('Sonnet 4.6, 100,000 requests × (2,000 / 500) = 1,350', () => {
    const total = costOf({ provider: 'anthropic', model: 'claude-sonnet-4-6', tokens: { inputTokens: 2000, outputTokens: 500 } }, 100_000);
    expect(total).toBe(usdToNano(1350));
  });

  it('Haiku 4.5, 10,000 × (12,000 / 500) = 145, and 72.50 through batch', () => {
    const args = { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', tokens: { inputTokens: 12000, outputTokens: 500 } };
    expect(costOf(args, 10_000)).toBe(usdToNano(145));
    expect(costOf({ ...args, batch: true }, 10_000)).toBe(usdToNano(72.5));
  });

  it('Opus 4.7, 1,000 × (50,000 / 8,000) = 450', () => {
    expect(costOf({ provider: 'anthropic', model: 'claude-opus-4-7', tokens: { inputTokens: 50000, outputTokens: 8000 } }, 1000)).toBe(
      usdToNano(450),
    );
  });

  it('a 5,000-token Sonnet system prompt sent 1,000 times a day costs 13.50 less per day read from cache', () => {
    for (const model of ['claude-sonnet-4-20250514', 'claude-sonnet-4-5', 'claude-sonnet-4-6']) {
      const uncached = costOf({ provider: 'anthropic', model, tokens: { inputTokens: 5000 } }, 1000);
      const cached = costOf({ provider: 'anthropic', model, tokens: { cacheReadTokens: 5000 } }, 1000);
      expect(uncached).toBe(usdToNano(15));
      expect(cached).toBe(usdToNano(1.5));
      expect(uncached - cached).toBe(usdToNano(13.5));
    }
  });
});
