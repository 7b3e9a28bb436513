/**
 * A tag nobody waits on, at full price: send it through the provider's Batch API (or OpenAI's flex tier).
 *
 * Formula (per tag, provider and model):
 *   the tag is not interactive: none of its calls streamed and at least half came off-hours (before
 *     08:00, from 20:00, weekends, in the user's zone), and it made at least MIN_BATCH_CALLS calls;
 *   the calls: api-billed, answered, priced, at the standard tier and speed (flex is already half price; fast
 *     and priority are the fast-mode finding's);
 *   saving = ½ × Σ (cost − web-search fees): Batch and flex halve every token rate, never tool fees.
 */
import { formatCountOf, formatPercent, formatUsd } from '../format.js';
import { openAiTier, isFastSpeed } from '../pricing/price-rules.js';
import { costNano } from '../pricing/index.js';
import { MIN_BATCH_CALLS, MIN_MONTHLY_SAVING_NANO } from './advisor-rules.js';
import { evidenceOf, finding, sumNano, tagName } from './call-groups.js';
import type { FindingRule } from './finding-context.js';

export const batchFinding: FindingRule = (g, { facts, traits }) => {
  const how = facts.provider(g.provider)?.halfPriceAsync;
  if (!how || traits.interactive || traits.calls < MIN_BATCH_CALLS) return null;
  const rates = facts.rates(g.provider, g.model);
  if (!rates) return null;
  const calls = g.calls.filter((c) => c.billing === 'api' && c.status === 'ok' && c.priced && c.costNano > 0 && openAiTier(c.serviceTier) === 'standard' && !isFastSpeed(c.speed));
  if (calls.length === 0) return null;
  let tokensNano = 0;
  let feesNano = 0;
  for (const c of calls) {
    const fee = Math.min(c.costNano, costNano(c.webSearchRequests, rates.webSearchPerThousand, 1_000, false));
    feesNano += fee;
    tokensNano += c.costNano - fee;
  }
  const saving = Math.floor(tokensNano / 2);
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;

  return finding(g, {
    kind: 'batch',
    title: `Batch ${tagName(g.tag)} at half price (${g.model})`,
    monthlyNano: saving,
    currentNano: sumNano(calls),
    change: `Nobody waits on these calls: send them through ${how}.`,
    formula: `½ × (${formatUsd(tokensNano + feesNano)} cost − ${formatUsd(feesNano)} web-search fees) = ${formatUsd(saving)}`,
    evidence: evidenceOf(calls, [
      `${formatCountOf(traits.calls, 'call')} tagged ${tagName(g.tag)} this month, none streamed`,
      `${formatPercent(traits.offHours / traits.calls)} of them off-hours (before 08:00, from 20:00 or at weekends)`,
      `${formatCountOf(calls.length, 'call')} of ${g.model} at the standard tier, ${formatUsd(sumNano(calls))}`,
    ]),
  });
};
