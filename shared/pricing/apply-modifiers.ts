/**
 * Steps 3-5 of price-rules.ts on one request's rates: OpenAI service tier, Anthropic speed mode,
 * Anthropic region. Batch and flex halving (step 6) is left to the cost arithmetic, which halves
 * exactly; this only reports that flex asks for it.
 */
import type { AppliedRates } from './model-rates.js';
import {
  ANTHROPIC_FAST_MODE,
  FAST_MODE_UNKNOWN_FACTOR,
  OPENAI_PRIORITY_PRICES,
  PRIORITY_UNKNOWN_FACTOR,
  US_INFERENCE_MULTIPLIER,
  isFastSpeed,
  isUsOnlyInference,
  openAiTier,
  type PriceModifiers,
} from './price-rules.js';

export interface Modified {
  rates: AppliedRates;
  /** Token rates are billed at half (OpenAI flex = Batch rates). */
  flex: boolean;
  /** False when a rule had to estimate (a tier or mode with no published price for this model). */
  exact: boolean;
  /** One line per rule applied, for the request detail and `tokentally prices`. */
  notes: string[];
}

export interface ModifierContext {
  /** The call is priced from OpenAI's list (its `service_tier` values mean OpenAI's tiers). */
  openAiFamily: boolean;
  /** The price data's model id, or null when the model is unknown. */
  modelId: string | null;
  /** The user's price override set the base rates. */
  override: boolean;
}

function scaleTokens(r: AppliedRates, factor: number): AppliedRates {
  if (factor === 1) return r;
  return {
    ...r,
    input: r.input * factor,
    output: r.output * factor,
    reasoning: r.reasoning * factor,
    cacheRead: r.cacheRead * factor,
    cacheWrite5m: r.cacheWrite5m * factor,
    cacheWrite1h: r.cacheWrite1h * factor,
  };
}

function priority(r: AppliedRates, ctx: ModifierContext, notes: string[]): { rates: AppliedRates; exact: boolean } {
  if (ctx.override) {
    notes.push('OpenAI priority: your price override is used as is');
    return { rates: r, exact: true };
  }
  const list = ctx.modelId === null ? undefined : OPENAI_PRIORITY_PRICES[ctx.modelId];
  const prices = list === undefined ? undefined : r.longContext ? list.long : list;
  if (prices === undefined) {
    notes.push(
      `OpenAI priority: no published priority price for ${ctx.modelId ?? 'this model'}${list && r.longContext ? ' at long context' : ''}; ` +
        `estimated at ${PRIORITY_UNKNOWN_FACTOR}× standard`,
    );
    return { rates: scaleTokens(r, PRIORITY_UNKNOWN_FACTOR), exact: false };
  }
  // Cache writes keep their ratio to input (OpenAI bills them at 1.25× the uncached input rate).
  const writeRatio5m = r.input > 0 ? r.cacheWrite5m / r.input : 1.25;
  const writeRatio1h = r.input > 0 ? r.cacheWrite1h / r.input : 2;
  notes.push('OpenAI priority: priority price list (openai.com/api-priority-processing, checked 2026-12-07)');
  return {
    rates: {
      ...r,
      input: prices.input,
      cacheRead: prices.cacheRead,
      output: prices.output,
      reasoning: prices.output,
      cacheWrite5m: prices.input * writeRatio5m,
      cacheWrite1h: prices.input * writeRatio1h,
    },
    exact: true,
  };
}

export function applyModifiers(rates: AppliedRates, m: PriceModifiers, ctx: ModifierContext): Modified {
  const notes: string[] = [];
  let r = rates;
  let exact = true;
  let flex = false;

  if (ctx.openAiFamily) {
    const tier = openAiTier(m.serviceTier);
    if (tier === 'flex') {
      flex = true;
      notes.push('OpenAI flex: billed at Batch rates (50% of tokens)');
    } else if (tier === 'priority') {
      const p = priority(r, ctx, notes);
      r = p.rates;
      exact &&= p.exact;
    }
  }

  if (isFastSpeed(m.speed)) {
    const rule = ctx.modelId === null ? undefined : ANTHROPIC_FAST_MODE.find((f) => f.modelId === ctx.modelId);
    if (rule) {
      notes.push(`Fast mode: ${rule.factor}× every token rate (${rule.source})`);
      r = scaleTokens(r, rule.factor);
    } else {
      notes.push(`Fast mode: no published fast-mode price for ${ctx.modelId ?? 'this model'}; estimated at ${FAST_MODE_UNKNOWN_FACTOR}×`);
      r = scaleTokens(r, FAST_MODE_UNKNOWN_FACTOR);
      exact = false;
    }
  }

  if (isUsOnlyInference(m.inferenceGeo)) {
    notes.push(`US-only inference: ${US_INFERENCE_MULTIPLIER}× every token rate`);
    r = scaleTokens(r, US_INFERENCE_MULTIPLIER);
  }
  return { rates: r, flex, exact, notes };
}
