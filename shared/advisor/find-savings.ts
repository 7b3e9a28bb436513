/**
 * The savings advisor: every finding rule over every group of the month's calls. A finding always has
 * a dollar figure (at least MIN_MONTHLY_SAVING_NANO) and the calls behind it; unpriced models make none.
 * Each rule's formula is written beside it, in its own module, and in the README.
 */
import type { SavingsFinding } from '../api/contract-advisor.js';
import type { AdvisorInput } from './advisor-input.js';
import { ADVISOR_DAYS } from './advisor-rules.js';
import { batchFinding } from './batch.js';
import { billedFailuresFinding } from './billed-failures.js';
import { cacheTtlFinding } from './cache-ttl.js';
import { groupCalls, tagTraits } from './call-groups.js';
import { fastModeFinding } from './fast-mode.js';
import type { FindingRule } from './finding-context.js';
import { promptCachingFinding } from './prompt-caching.js';
import { smallerModelFinding } from './smaller-model.js';

const RULES: readonly FindingRule[] = [promptCachingFinding, batchFinding, smallerModelFinding, cacheTtlFinding, billedFailuresFinding, fastModeFinding];

/** The window the advisor reads: the last ADVISOR_DAYS days before `now`. */
export function advisorWindow(now: number): { from: number; to: number } {
  return { from: now - ADVISOR_DAYS * 86_400_000, to: now };
}

/** Findings over the calls of the window, largest saving first. Subscription calls are not spend: they make none. */
export function findSavings(input: AdvisorInput): SavingsFinding[] {
  const { from, to } = advisorWindow(input.now);
  const calls = input.calls.filter((c) => c.time >= from && c.time <= to && c.billing !== 'subscription');
  const traits = tagTraits(calls, input.tz);
  const out: SavingsFinding[] = [];
  for (const group of groupCalls(calls)) {
    const ctx = { facts: input.facts, traits: traits.get(group.tag)! };
    for (const rule of RULES) {
      const f = rule(group, ctx);
      if (f) out.push(f);
    }
  }
  return out.sort((a, b) => b.monthlyNano - a.monthlyNano || a.id.localeCompare(b.id));
}
