/**
 * Long prompts sent again and again with no cache reads or writes: turn on prompt caching.
 *
 * Formula (per tag, provider and model; the api-billed, answered calls of the month):
 *   the calls: input ≥ MIN_CACHEABLE_TOKENS, no cache read or write; at least MIN_UNCACHED_CALLS of them,
 *     in a group that never used the cache;
 *   P  = the shortest of their inputs: the longest prefix they can all share (we do not see the
 *        prompts: this is the estimate that errs low);
 *   W  = cache writes needed = 1 + the calls that came more than 5 minutes after the one before
 *        (a 5-minute entry is refreshed by each read);  R = N − W reads;
 *   saving = N·P at the input rate − (R·P at the cache-read rate + W·P at the 5-minute write rate).
 * Rates are the model's base (short-context) rates, the user's overrides applied.
 */
import { formatCount, formatCountOf, formatTokens, formatUsd } from '../format.js';
import type { AdvisorCall } from './advisor-input.js';
import { CACHE_5M_MS, MIN_CACHEABLE_TOKENS, MIN_MONTHLY_SAVING_NANO, MIN_UNCACHED_CALLS } from './advisor-rules.js';
import { evidenceOf, finding, sumNano, tagName, tokenCost } from './call-groups.js';
import type { FindingRule } from './finding-context.js';

const usesCache = (c: AdvisorCall) => c.cacheReadTokens > 0 || c.cacheWrite5mTokens > 0 || c.cacheWrite1hTokens > 0;

export const promptCachingFinding: FindingRule = (g, { facts }) => {
  const how = facts.provider(g.provider)?.promptCaching;
  const rates = facts.rates(g.provider, g.model);
  if (!how || !rates || rates.cacheRead >= rates.input) return null;
  const answered = g.calls.filter((c) => c.billing === 'api' && c.status === 'ok');
  if (answered.some(usesCache)) return null;
  const calls = answered.filter((c) => c.inputTokens >= MIN_CACHEABLE_TOKENS);
  if (calls.length < MIN_UNCACHED_CALLS) return null;

  const n = calls.length;
  const prefix = Math.min(...calls.map((c) => c.inputTokens));
  let writes = 1;
  for (let i = 1; i < n; i++) if (calls[i]!.time - calls[i - 1]!.time > CACHE_5M_MS) writes++;
  const reads = n - writes;
  const now = tokenCost(n * prefix, rates.input);
  const cached = tokenCost(reads * prefix, rates.cacheRead) + tokenCost(writes * prefix, rates.cacheWrite5m);
  const saving = now - cached;
  if (saving < MIN_MONTHLY_SAVING_NANO) return null;

  return finding(g, {
    kind: 'prompt-caching',
    title: `Turn on prompt caching for ${tagName(g.tag)} (${g.model})`,
    monthlyNano: saving,
    currentNano: sumNano(calls),
    change: `Cache the prompt's fixed beginning: ${how}. Repeated prefixes are then read at ${rateWords(rates.cacheRead)} instead of ${rateWords(rates.input)}.`,
    formula:
      `${formatCount(n)} calls × ${formatCount(prefix)} prefix tokens at ${rateWords(rates.input)} = ${formatUsd(now)}; ` +
      `cached: ${formatCount(reads)} reads × ${formatCount(prefix)} at ${rateWords(rates.cacheRead)} + ${formatCount(writes)} writes × ${formatCount(prefix)} at ${rateWords(rates.cacheWrite5m)} = ${formatUsd(cached)}; ` +
      `saving ${formatUsd(saving)}`,
    evidence: evidenceOf(calls, [
      `${formatCountOf(n, 'call')} of at least ${formatTokens(prefix)} input tokens each, none with a cache read or write`,
      `the shortest input (${formatCount(prefix)} tokens) is taken as the repeated prefix: the estimate errs low`,
      `${formatCountOf(writes, 'gap')} of more than 5 minutes between calls, each costing a new cache write`,
    ]),
  });
};

export function rateWords(usdPerMTok: number): string {
  return `$${Number(usdPerMTok.toPrecision(6))}/MTok`;
}
