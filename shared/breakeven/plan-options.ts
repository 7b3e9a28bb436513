/**
 * For API users: what each catalog plan would have changed over a calendar month, from the month's
 * API spend on the plan's provider. Claude plans are set against Anthropic spend, ChatGPT plans
 * against OpenAI spend. A plan only covers work done in its vendor's apps and agents (Claude Code,
 * Codex) and within its usage limits, so a saving here is an upper bound, not a promise.
 */
import type { PlanInfo, PlanOption } from '../api/contract-subscriptions.js';
import type { Nano } from '../money.js';
import type { ProviderId } from '../usage.js';
import { PLAN_CATALOG } from '../plans/catalog.js';

export interface ProviderSpend {
  spendNano: Nano;
  requests: number;
}

export interface PlanOptionsInput {
  spend: ReadonlyMap<ProviderId, ProviderSpend>;
  /** The month's bounds, epoch ms [startMs, endMs). */
  startMs: number;
  endMs: number;
  nowMs: number;
  /** The plans to weigh (the catalog with the user's corrections); default: the catalog. */
  catalog?: readonly PlanInfo[];
}

export function planOptions(input: PlanOptionsInput): PlanOption[] {
  const { startMs, endMs, nowMs } = input;
  const running = nowMs > startMs && nowMs < endMs;
  return (input.catalog ?? PLAN_CATALOG).map((plan) => {
    const spend = input.spend.get(plan.provider) ?? { spendNano: 0, requests: 0 };
    const projected = running ? Math.round((spend.spendNano * (endMs - startMs)) / (nowMs - startMs)) : spend.spendNano;
    return {
      plan: plan.id,
      name: plan.name,
      provider: plan.provider,
      priceNano: plan.monthlyNano,
      apiSpendNano: spend.spendNano,
      apiRequests: spend.requests,
      projectedApiSpendNano: projected,
      savingNano: projected - plan.monthlyNano,
    };
  });
}
