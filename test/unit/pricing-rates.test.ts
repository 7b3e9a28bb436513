import { describe, expect, it } from 'vitest';
import { ratesFor } from '../../shared/pricing/index.js';

const AT = new Date('2026-06-01T12:00:00Z');

describe('ratesFor (USD per million tokens)', () => {
  it('gives every kind of a flat-priced model', () => {
    expect(ratesFor('anthropic', 'claude-haiku-4-5-20251001', AT)).toEqual({
      source: 'data',
      matchedModel: 'claude-haiku-4-5',
      input: 1,
      output: 5,
      reasoning: 5,
      cacheRead: 0.1,
      cacheWrite5m: 1.25,
      cacheWrite1h: 2,
      webSearchPerThousand: 10,
      requestFeePerThousand: 0,
    });
  });

  it('describes the long-context tier with its threshold', () => {
    const r = ratesFor('anthropic', 'claude-sonnet-4-5', AT);
    expect(r?.input).toBe(3);
    expect(r?.longContext).toEqual({ threshold: 200_000, input: 6, output: 22.5, reasoning: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 });
  });

  it('follows the date: Sonnet 4.6 has no tier since 2026-03-13', () => {
    expect(ratesFor('anthropic', 'claude-sonnet-4-6', new Date('2026-01-01T00:00:00Z'))?.longContext?.threshold).toBe(200_000);
    expect(ratesFor('anthropic', 'claude-sonnet-4-6', AT)?.longContext).toBeUndefined();
  });

  it('derives what the data lacks: OpenAI cache writes at 1.25× / 2× input', () => {
    const r = ratesFor('openai', 'gpt-4o', AT);
    expect(r).toMatchObject({ input: 2.5, cacheRead: 1.25, cacheWrite5m: 3.125, cacheWrite1h: 5, output: 10 });
  });

  it('applies overrides, and is null for a model nobody prices', () => {
    const overrides = [{ provider: 'local', model: 'llama3', inputPerMTok: 0.1, outputPerMTok: 0.2 }];
    expect(ratesFor('local', 'llama3', AT, overrides)).toMatchObject({ source: 'override', input: 0.1, output: 0.2, cacheRead: 0.1 });
    expect(ratesFor('local', 'llama3', AT)).toBeNull();
    expect(ratesFor('anthropic', 'claude-opus-9', AT)).toBeNull();
  });
});
