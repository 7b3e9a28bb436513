import { describe, expect, it } from 'vitest';
import { formatBreakdown, normaliseTokens, priceUsage, quoteUsage } from '../../shared/pricing/index.js';

const AT = new Date('2026-06-01T12:00:00Z');

describe('formatBreakdown', () => {
  it('prints one line per token kind with tokens, $/MTok and cost, then the total', () => {
    const tokens = normaliseTokens({ inputTokens: 5000, cacheReadTokens: 20_000, outputTokens: 2000 });
    const { breakdown, rates } = quoteUsage({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', tokens, at: AT });
    const text = formatBreakdown(breakdown, tokens, rates);
    expect(text).toMatch(/^claude-sonnet-4-20250514 \(anthropic\) — matched claude-sonnet-4-0$/m);
    expect(text).toMatch(/^Input \(uncached\) +5,000 +\$3\.00 +\$0\.0150$/m);
    // One money rule for the column: the decimals its smallest cost needs, in every line.
    expect(text).toMatch(/^Cache write 5m +0 +\$3\.75 +\$0\.0000$/m);
    expect(text).toMatch(/^Cache write 1h +0 +\$6\.00 +\$0\.0000$/m);
    expect(text).toMatch(/^Cache read +20,000 +\$0\.30 +\$0\.0060$/m);
    expect(text).toMatch(/^Output +2,000 +\$15\.00 +\$0\.0300$/m);
    expect(text).toMatch(/^Total +\$0\.0510$/m);
    expect(text).toMatch(/^Price data: genai-prices@/m);
    expect(text).not.toMatch(/UNPRICED|Batch/);
  });

  it('shows rates after the batch discount, long context, web search', () => {
    const tokens = normaliseTokens({ inputTokens: 250_000, outputTokens: 1000, webSearchRequests: 4 });
    const { breakdown, rates } = quoteUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5', tokens, batch: true, at: AT });
    const text = formatBreakdown(breakdown, tokens, rates);
    expect(text).toMatch(/^Input \(uncached\) +250,000 +\$3\.00 +\$0\.750$/m);
    expect(text).toMatch(/^Web search +4 req +\$10\.00\/1K +\$0\.040$/m);
    expect(text).toMatch(/^Batch: 50% off/m);
    expect(text).toMatch(/^Long context:/m);
  });

  it('derives rates from cost ÷ tokens when none are given', () => {
    const tokens = normaliseTokens({ inputTokens: 2000, outputTokens: 500 });
    const b = priceUsage({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022', tokens, at: AT });
    const text = formatBreakdown(b, tokens);
    expect(text).toMatch(/^Input \(uncached\) +2,000 +\$0\.80 +\$0\.0016$/m);
    expect(text).toMatch(/^Cache read +0 +— +\$0\.0000$/m);
    expect(text).toMatch(/^Total +\$0\.0036$/m);
  });

  it('warns loudly about an unpriced model', () => {
    const tokens = normaliseTokens({ inputTokens: 1000 });
    const { breakdown, rates } = quoteUsage({ provider: 'anthropic', model: 'claude-opus-9', tokens, at: AT });
    const text = formatBreakdown(breakdown, tokens, rates);
    expect(text).toMatch(/UNPRICED: "claude-opus-9" is not in the price data\. .*conservative estimate.*anthropic's models/);
    expect(text).toMatch(/^Input \(uncached\) +1,000 +\$15\.00 +\$0\.015$/m);
  });

  it('says when the provider reported the cost', () => {
    const tokens = normaliseTokens({ inputTokens: 1000 });
    const b = priceUsage({ provider: 'openrouter', model: 'openai/gpt-4o', tokens, providerCostUsd: 0.01, at: AT });
    expect(formatBreakdown(b, tokens)).toMatch(/Cost reported by the provider/);
  });
});
