/**
 * Break-even with no setup: every plan of the catalog against the usage a plan could cover, month
 * by month, without adding a plan in Settings first. What a plan covers is its provider's usage
 * billed as a subscription (imported Claude Code / Codex / Gemini CLI sessions, calls made with a
 * plan's login), priced at API rates. Calls made with an API key are never covered by a plan
 * (catalog.ts): they are shown apart, as usage that could move to one.
 *
 * "Cheapest for this usage" takes the lowest of paying API rates for the covered usage and each
 * plan's price, among plans one person can buy (per-seat team plans need several seats). A plan's
 * limits are not known in dollars, so a cheap plan is cheapest only if its limits allow the work:
 * the page says so. Pure: the month's sums are given.
 */
import type { PlanId, PlanInfo } from '../api/contract-subscriptions.js';
import type { Nano } from '../money.js';

export interface ProviderMonthUsage {
  /** Subscription usage at API rates: what a plan of the provider covers. */
  coveredNano: Nano;
  coveredRequests: number;
  /** API and batch spend: calls made with a key, which no plan covers. */
  apiNano: Nano;
  apiRequests: number;
}

/** @public Re-exported by the API contract (contract-subscriptions.ts) as part of its surface. */
export interface CatalogPlanMonth {
  plan: PlanId;
  name: string;
  priceNano: Nano;
  perSeat: boolean;
  /** coveredNano − priceNano: positive = the plan costs less than the covered usage at API rates. */
  savingNano: Nano;
}

/** @public Re-exported by the API contract (contract-subscriptions.ts) as part of its surface. */
export interface CatalogProviderMonth extends ProviderMonthUsage {
  provider: string;
  plans: CatalogPlanMonth[];
  /** The cheapest way to pay for the covered usage: a plan, or API rates (plan null) when no plan costs less. */
  cheapest: { plan: PlanId | null; name: string; costNano: Nano };
}

export interface CatalogMonth {
  /** "YYYY-MM". */
  month: string;
  /** The month is still running: figures so far. */
  current: boolean;
  providers: CatalogProviderMonth[];
}

export function catalogMonth(month: string, current: boolean, usage: ReadonlyMap<string, ProviderMonthUsage>, catalog: readonly PlanInfo[]): CatalogMonth {
  const providers: CatalogProviderMonth[] = [];
  for (const provider of [...new Set(catalog.map((p) => p.provider))]) {
    const u = usage.get(provider) ?? { coveredNano: 0, coveredRequests: 0, apiNano: 0, apiRequests: 0 };
    if (u.coveredRequests === 0 && u.apiRequests === 0) continue;
    const plans = catalog
      .filter((p) => p.provider === provider)
      .map((p) => ({ plan: p.id, name: p.name, priceNano: p.monthlyNano, perSeat: p.perSeat, savingNano: u.coveredNano - p.monthlyNano }));
    let cheapest: CatalogProviderMonth['cheapest'] = { plan: null, name: 'API rates', costNano: u.coveredNano };
    for (const p of plans) if (!p.perSeat && p.priceNano < cheapest.costNano) cheapest = { plan: p.plan, name: p.name, costNano: p.priceNano };
    providers.push({ provider, ...u, plans, cheapest });
  }
  return { month, current, providers };
}
