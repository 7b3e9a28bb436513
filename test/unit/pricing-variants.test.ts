// `tokentally prices` lists a model's tier and mode variants (price-rules.ts), only those it has.
import { describe, expect, it } from 'vitest';
import { priceVariants } from '../../shared/pricing/price-variants.js';
import { runCliCaptured } from '../support/run-cli.js';

describe('price variants', () => {
  it('OpenAI: the priority list (with its long-context prices when published) and flex', () => {
    expect(priceVariants('openai', 'gpt-5.6-sol')[0]).toBe(
      'Priority tier (service_tier "priority"/"fast"): $8.00 input, $0.80 cached, $40.00 output per MTok; long context $16.00 / $1.60 / $60.00',
    );
    expect(priceVariants('openai', 'o3')[0]).toMatch(/no published priority price/);
    expect(priceVariants('openai', 'gpt-5')[1]).toMatch(/^Flex tier .*Batch rates/);
  });
  it('Anthropic: fast mode where the model has it, US-only inference', () => {
    expect(priceVariants('anthropic', 'claude-opus-4-8')).toEqual([
      'Fast mode (speed "fast"): 2× every token rate (--speed fast)',
      'US-only inference (inference_geo "us", where the model accepts it): 1.1× every token rate (--inference-geo us)',
    ]);
    expect(priceVariants('anthropic', 'claude-haiku-4-5').some((l) => l.startsWith('Fast mode'))).toBe(false);
    expect(priceVariants(null, null)).toEqual([]);
  });
  it('prints them under the breakdown', async () => {
    const run = await runCliCaptured(['prices', 'gpt-5', '--input', '1000', '--data-dir', '/nonexistent-tokentally-dir']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Variants:\n  Priority tier (service_tier "priority"/"fast"): $2.50 input, $0.25 cached, $20.00 output per MTok');
  });
});
