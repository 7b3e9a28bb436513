/**
 * Calls cut before they finished (a client timeout, a dropped stream, an error mid-answer) are billed
 * for the tokens already produced, and usually made again.
 *
 * Formula (per tag, provider and model): the api-billed calls with status "incomplete" and a cost;
 *   at least MIN_BILLED_FAILURES of them; saving = Σ their cost (paid for no usable answer).
 *   "Retried": followed by a call of the same tag and model within RETRY_SPAN_MS (shown as evidence).
 */
import { formatCount, formatCountOf, formatUsd } from '../format.js';
import { MIN_BILLED_FAILURES, MIN_MONTHLY_SAVING_NANO, RETRY_SPAN_MS } from './advisor-rules.js';
import { evidenceOf, finding, sumNano, tagName } from './call-groups.js';
import type { FindingRule } from './finding-context.js';

export const billedFailuresFinding: FindingRule = (g) => {
  const failed: typeof g.calls = [];
  let retried = 0;
  g.calls.forEach((c, i) => {
    if (c.billing !== 'api' || c.status !== 'incomplete' || c.costNano <= 0) return;
    failed.push(c);
    const next = g.calls[i + 1];
    if (next && next.time - c.time <= RETRY_SPAN_MS) retried++;
  });
  if (failed.length < MIN_BILLED_FAILURES) return null;
  const saving = sumNano(failed);
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;
  const reasons = new Map<string, number>();
  for (const c of failed) if (c.errorMessage) reasons.set(c.errorMessage, (reasons.get(c.errorMessage) ?? 0) + 1);
  const common = [...reasons].sort((a, b) => b[1] - a[1])[0];

  return finding(g, {
    kind: 'billed-failures',
    title: `Stop paying for cut calls of ${tagName(g.tag)} (${g.model})`,
    monthlyNano: saving,
    currentNano: saving,
    change:
      'These calls stopped before their answer was complete and were billed for what was produced. ' +
      'Give the client a longer timeout (or stream, so a slow answer is not cut), lower max_tokens where the answers run long, and retry with a backoff rather than at once.',
    formula: `Σ cost of ${formatCountOf(failed.length, 'cut call')} = ${formatUsd(saving)}`,
    evidence: evidenceOf(failed, [
      `${formatCountOf(failed.length, 'call')} cut before the end and billed, ${formatUsd(saving)}`,
      `${formatCount(retried)} of them made again within 2 minutes`,
      ...(common ? [`most often: ${common[0]} (${formatCountOf(common[1], 'time')})`] : []),
    ]),
  });
};
