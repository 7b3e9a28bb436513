/**
 * A costly model on calls with small inputs and short outputs: try a smaller model.
 *
 * Formula (per tag, provider and model; the api-billed, answered, priced calls of the month):
 *   at least MIN_SMALL_CALLS calls whose 90th percentile of total input is ≤ SMALL_INPUT_TOKENS and of
 *     output (reasoning included) ≤ SHORT_OUTPUT_TOKENS;
 *   the smaller model: of the provider's offered models, those whose input and output rates are both at
 *     most a third of this model's, the dearest of them (the nearest tier down);
 *   saving = Σ cost − the same tokens re-priced at the smaller model's rates
 *     (each token kind's sum at its rate, web searches and request fees at its fees: shared/pricing/cost-at-rates.ts).
 */
import { formatCount, formatCountOf, formatUsd } from '../format.js';
import { TOKEN_FIELDS, totalInputTokens, ZERO_TOKENS } from '../usage.js';
import { costAtRates, type PerMTokRates } from '../pricing/index.js';
import type { AdvisorCall } from './advisor-input.js';
import { MIN_MONTHLY_SAVING_NANO, MIN_SMALL_CALLS, SHORT_OUTPUT_TOKENS, SMALL_INPUT_TOKENS, SMALLER_RATE_RATIO } from './advisor-rules.js';
import { evidenceOf, finding, percentile, sumNano, tagName } from './call-groups.js';
import type { FindingContext, FindingRule } from './finding-context.js';
import { rateWords } from './prompt-caching.js';

export const smallerModelFinding: FindingRule = (g, ctx) => {
  const rates = ctx.facts.rates(g.provider, g.model);
  if (!rates) return null;
  const calls = g.calls.filter((c) => c.billing === 'api' && c.status === 'ok' && c.priced);
  if (calls.length < MIN_SMALL_CALLS) return null;
  const p90Input = percentile(calls.map(totalInputTokens), 0.9);
  const p90Output = percentile(
    calls.map((c) => c.outputTokens + c.reasoningTokens),
    0.9,
  );
  if (p90Input > SMALL_INPUT_TOKENS || p90Output > SHORT_OUTPUT_TOKENS) return null;
  const smaller = smallerModel(g.provider, g.model, rates, ctx);
  if (!smaller) return null;

  const current = sumNano(calls);
  const repriced = repricedAt(calls, smaller.rates);
  const saving = current - repriced;
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;

  return finding(g, {
    kind: 'smaller-model',
    title: `Try ${smaller.model} for ${tagName(g.tag)} (now ${g.model})`,
    monthlyNano: saving,
    currentNano: current,
    change:
      `These calls are small (90% of them under ${formatCount(SMALL_INPUT_TOKENS)} input and ${formatCount(SHORT_OUTPUT_TOKENS)} output tokens): ` +
      `try ${smaller.model} (${rateWords(smaller.rates.input)} in, ${rateWords(smaller.rates.output)} out, against ${rateWords(rates.input)} and ${rateWords(rates.output)}) and check that its answers do.`,
    formula: `${formatUsd(current)} on ${g.model} − ${formatUsd(repriced)} for the same tokens on ${smaller.model} = ${formatUsd(saving)}`,
    evidence: evidenceOf(calls, [
      `${formatCountOf(calls.length, 'call')} of ${g.model}, ${formatUsd(current)}`,
      `90th percentile: ${formatCount(p90Input)} input tokens, ${formatCount(p90Output)} output tokens`,
    ]),
  });
};

/** The dearest offered model whose input and output rates are both at most a third of this one's. */
function smallerModel(provider: string, model: string, rates: PerMTokRates, ctx: FindingContext): { model: string; rates: PerMTokRates } | null {
  let best: { model: string; rates: PerMTokRates } | null = null;
  for (const candidate of ctx.facts.provider(provider)?.models ?? []) {
    if (candidate === model) continue;
    const r = ctx.facts.rates(provider, candidate);
    if (!r || r.matchedModel === rates.matchedModel) continue;
    if (r.input > rates.input * SMALLER_RATE_RATIO + 1e-12 || r.output > rates.output * SMALLER_RATE_RATIO + 1e-12) continue;
    if (!best || r.output > best.rates.output || (r.output === best.rates.output && r.input > best.rates.input)) best = { model: candidate, rates: r };
  }
  return best;
}

function repricedAt(calls: readonly AdvisorCall[], r: PerMTokRates): number {
  const sums = { ...ZERO_TOKENS };
  for (const c of calls) for (const field of TOKEN_FIELDS) sums[field] += c[field];
  return costAtRates(sums, calls.length, r);
}
