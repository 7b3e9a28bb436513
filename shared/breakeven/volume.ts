/**
 * The monthly volume at which a plan becomes cheaper than the API for a given workload: the
 * number of calls whose API cost reaches the plan's price. Sonnet at 5,000 input and 2,000 output
 * tokens a call costs $0.045, so a $20 plan breaks even at 445 calls a month.
 */
import { ApiError, type PriceOverride } from '../api/contract.js';
import type { VolumeBreakEven, VolumeQuery } from '../api/contract-subscriptions.js';
import type { Nano } from '../money.js';
import { findPlan } from '../plans/catalog.js';
import { priceUsage } from '../pricing/index.js';
import { errorMessage } from '../error-message.js';

const DAYS_PER_MONTH = 30;

/** Smallest whole number of calls costing at least the price; null when a call costs nothing. */
export function callsToBreakEven(priceNano: Nano, costPerCallNano: Nano): number | null {
  if (!(costPerCallNano > 0)) return null;
  return Math.ceil(priceNano / costPerCallNano);
}

export function volumeBreakEven(q: VolumeQuery, overrides: readonly PriceOverride[] = [], at?: Date): VolumeBreakEven {
  if (typeof q !== 'object' || q === null) throw new ApiError('bad_request', 'the workload must be an object');
  if (typeof q.model !== 'string' || q.model.trim() === '') throw new ApiError('bad_request', 'model is required');
  const plan = q.plan === undefined ? undefined : findPlan(q.plan);
  if (q.plan !== undefined && !plan) throw new ApiError('bad_request', `unknown plan "${String(q.plan)}"`);
  const priceNano = q.monthlyNano ?? plan?.monthlyNano;
  if (priceNano === undefined) throw new ApiError('bad_request', 'give a plan or a monthlyNano price');
  if (!Number.isSafeInteger(priceNano) || priceNano < 0) throw new ApiError('bad_request', 'monthlyNano must be a whole number of nano-dollars, 0 or more');
  let cost;
  try {
    cost = priceUsage({ provider: q.provider ?? plan?.provider ?? '', model: q.model.trim(), tokens: q.tokensPerCall ?? {}, overrides, at });
  } catch (err) {
    throw new ApiError('bad_request', `tokensPerCall: ${errorMessage(err)}`);
  }
  const calls = callsToBreakEven(priceNano, cost.totalNano);
  return {
    model: q.model.trim(),
    matchedModel: cost.matchedModel,
    priced: cost.priced,
    costPerCallNano: cost.totalNano,
    priceNano,
    callsPerMonth: calls,
    callsPerDay: calls === null ? null : Math.ceil(calls / DAYS_PER_MONTH),
  };
}
