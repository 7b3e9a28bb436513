/**
 * The tier and mode variants of a model's price (price-rules.ts), in words, for `tokentally prices`:
 * what the same call would cost on OpenAI's priority or flex tier, in Anthropic's fast mode, or with
 * US-only inference. Only variants that exist for the model are listed.
 */
import { formatUsd } from '../format.js';
import { NANO_PER_USD } from '../money.js';
import { ANTHROPIC_FAST_MODE, OPENAI_PRIORITY_PRICES, US_INFERENCE_MULTIPLIER } from './price-rules.js';

const usd = (perMTok: number): string => formatUsd(Math.round(perMTok * NANO_PER_USD));

/** `dataProvider` and `modelId` as the price data matched them (null: unknown model, no variants). */
export function priceVariants(dataProvider: string | null, modelId: string | null): string[] {
  if (modelId === null) return [];
  const out: string[] = [];
  if (dataProvider === 'openai') {
    const p = OPENAI_PRIORITY_PRICES[modelId];
    out.push(
      p
        ? `Priority tier (service_tier "priority"/"fast"): ${usd(p.input)} input, ${usd(p.cacheRead)} cached, ${usd(p.output)} output per MTok` +
            (p.long ? `; long context ${usd(p.long.input)} / ${usd(p.long.cacheRead)} / ${usd(p.long.output)}` : '; no long-context priority price published')
        : 'Priority tier: no published priority price for this model (a priority call is estimated high and marked unpriced)',
    );
    out.push('Flex tier (service_tier "flex"): Batch rates, 50% of every token line (--service-tier flex)');
  }
  if (dataProvider === 'anthropic') {
    const fast = ANTHROPIC_FAST_MODE.find((f) => f.modelId === modelId);
    if (fast) out.push(`Fast mode (speed "fast"): ${fast.factor}× every token rate (--speed fast)`);
    out.push(`US-only inference (inference_geo "us", where the model accepts it): ${US_INFERENCE_MULTIPLIER}× every token rate (--inference-geo us)`);
  }
  return out;
}
