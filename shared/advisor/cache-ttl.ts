/**
 * 5-minute cache writes that expired before they were used again: 1-hour writes would have kept them.
 *
 * Formula (per tag, provider and model; the api-billed, answered calls of the month, oldest first):
 *   an expired re-write: a call with a 5-minute write that came more than 5 minutes and at most an hour
 *     after the call before it (its entry had expired; a 1-hour entry would still have been there);
 *   E  = the tokens of those re-writes (at least MIN_EXPIRED_REWRITES of them);
 *   K  = every other 5-minute write token (they would become 1-hour writes, at 2× instead of 1.25× input);
 *   saving = E × (5-minute write rate − cache-read rate) − K × (1-hour write rate − 5-minute write rate).
 */
import { formatCount, formatCountOf, formatUsd } from '../format.js';
import type { AdvisorCall } from './advisor-input.js';
import { CACHE_1H_MS, CACHE_5M_MS, MIN_EXPIRED_REWRITES, MIN_MONTHLY_SAVING_NANO } from './advisor-rules.js';
import { evidenceOf, finding, sumNano, tagName, tokenCost } from './call-groups.js';
import type { FindingRule } from './finding-context.js';
import { rateWords } from './prompt-caching.js';

export const cacheTtlFinding: FindingRule = (g, { facts }) => {
  const rates = facts.rates(g.provider, g.model);
  if (!rates) return null;
  const calls = g.calls.filter((c) => c.billing === 'api' && c.status === 'ok');
  const rewrites: AdvisorCall[] = [];
  let expired = 0;
  let other = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    if (c.cacheWrite5mTokens === 0) continue;
    const gap = i === 0 ? Infinity : c.time - calls[i - 1]!.time;
    if (gap > CACHE_5M_MS && gap <= CACHE_1H_MS) {
      rewrites.push(c);
      expired += c.cacheWrite5mTokens;
    } else {
      other += c.cacheWrite5mTokens;
    }
  }
  if (rewrites.length < MIN_EXPIRED_REWRITES) return null;
  const gained = tokenCost(expired, rates.cacheWrite5m) - tokenCost(expired, rates.cacheRead);
  const extra = tokenCost(other, rates.cacheWrite1h) - tokenCost(other, rates.cacheWrite5m);
  const saving = gained - extra;
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;

  return finding(g, {
    kind: 'cache-ttl',
    title: `Use 1-hour cache writes for ${tagName(g.tag)} (${g.model})`,
    monthlyNano: saving,
    currentNano: sumNano(rewrites),
    change:
      `The cache expired between calls that came 5 to 60 minutes apart, and the prefix was written again each time: ` +
      `write it with "ttl": "1h" (cache_control: {"type": "ephemeral", "ttl": "1h"}), ${rateWords(rates.cacheWrite1h)} a write instead of ${rateWords(rates.cacheWrite5m)}, read at ${rateWords(rates.cacheRead)}.`,
    formula:
      `${formatCount(expired)} re-written tokens × (${rateWords(rates.cacheWrite5m)} − ${rateWords(rates.cacheRead)}) = ${formatUsd(gained)}; ` +
      `− ${formatCount(other)} other 5-minute write tokens × (${rateWords(rates.cacheWrite1h)} − ${rateWords(rates.cacheWrite5m)}) = ${formatUsd(extra)}; saving ${formatUsd(saving)}`,
    evidence: evidenceOf(rewrites, [
      `${formatCountOf(rewrites.length, 'call')} re-wrote an expired 5-minute cache entry 5 to 60 minutes after the call before`,
      `${formatCount(expired)} tokens re-written; ${formatCount(other)} other 5-minute write tokens`,
    ]),
  });
};
