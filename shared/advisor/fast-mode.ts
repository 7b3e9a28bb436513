/**
 * Fast mode (Anthropic `speed: "fast"`) or the priority tier (OpenAI `service_tier: "priority"`) on a
 * tag nobody waits on: pay the standard rate.
 *
 * Formula (per tag, provider and model): the tag is not interactive (see batch.ts); its api-billed,
 *   priced calls made in fast mode or at the priority tier, at least MIN_FAST_CALLS of them;
 *   saving = Σ (cost − the same call priced without the speed mode and tier), priced as every call is
 *   (shared/pricing/price-rules.ts: fast mode multiplies every token rate, priority has its own list).
 */
import { formatCountOf, formatUsd } from '../format.js';
import { isFastSpeed, openAiTier } from '../pricing/price-rules.js';
import { MIN_FAST_CALLS, MIN_MONTHLY_SAVING_NANO } from './advisor-rules.js';
import { evidenceOf, finding, sumNano, tagName } from './call-groups.js';
import type { FindingRule } from './finding-context.js';

export const fastModeFinding: FindingRule = (g, { facts, traits }) => {
  if (traits.interactive) return null;
  const calls = g.calls.filter((c) => c.billing === 'api' && c.status === 'ok' && c.priced && c.costNano > 0 && (isFastSpeed(c.speed) || openAiTier(c.serviceTier) === 'priority'));
  if (calls.length < MIN_FAST_CALLS) return null;
  let standard = 0;
  for (const c of calls) {
    standard += facts.priceNano({
      provider: c.provider,
      model: c.model,
      tokens: c,
      inferenceGeo: c.inferenceGeo,
      at: new Date(c.time),
    });
  }
  const current = sumNano(calls);
  const saving = current - standard;
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;
  const fast = calls.filter((c) => isFastSpeed(c.speed)).length;
  const mode = fast === calls.length ? 'fast mode' : fast === 0 ? 'the priority tier' : 'fast mode or the priority tier';

  return finding(g, {
    kind: 'fast-mode',
    title: `Drop ${mode} for ${tagName(g.tag)} (${g.model})`,
    monthlyNano: saving,
    currentNano: current,
    change:
      `Nobody waits on these calls (none streamed, mostly off-hours), yet they ran in ${mode}: ` +
      'leave out speed: "fast" (Anthropic) or service_tier: "priority" (OpenAI) for this tag.',
    formula: `${formatUsd(current)} in ${mode} − ${formatUsd(standard)} at the standard rate = ${formatUsd(saving)}`,
    evidence: evidenceOf(calls, [
      `${formatCountOf(calls.length, 'call')} of ${g.model} in ${mode}, ${formatUsd(current)}`,
      `${formatCountOf(traits.calls, 'call')} tagged ${tagName(g.tag)}, none streamed, mostly off-hours`,
    ]),
  });
};
