/**
 * What a full plan window is worth in API prices, from what was seen filling it: between two
 * snapshots of the same window (same reset), the subscription calls logged in between cost so
 * much at API rates and moved `used` by so much; summed over every such pair of the period,
 * value of a full window = Σ cost ÷ Σ Δused. Pairs across a reset, or where `used` fell (the
 * vendor reset the window early), are left out. Below MIN_OBSERVED_USED of observed change the
 * estimate is not given: whole-percent rounding alone would swing it by tens of percent.
 *
 * Usage the ledger never saw (claude.ai chat, another machine) fills the window too: the value
 * then reads low. Said where it is shown.
 */
import type { Nano } from '../money.js';

/** Less observed change than this (10 points of a window) is "too little seen". */
const MIN_OBSERVED_USED = 0.1;
/** Two snapshots belong to the same window cycle when their resets are this close. */
const SAME_RESET_MS = 30 * 60_000;

export interface ValueSnapshot {
  at: number;
  used: number;
  resetsAt: number | null;
}

export interface PricedCall {
  time: number;
  costNano: Nano;
}

export interface WindowValue {
  /** Window cycles (resets) in which a change was seen. */
  cycles: number;
  /** Σ Δused over the pairs counted. */
  observedUsed: number;
  /** API-priced cost of the calls between those pairs. */
  costNano: Nano;
  /** costNano ÷ observedUsed: a full window's worth; null when too little was seen. */
  fullWindowNano: Nano | null;
  enough: boolean;
}

/** `snapshots` of one window sorted by time; `calls` (the provider's subscription calls) sorted by time. */
export function windowValue(snapshots: readonly ValueSnapshot[], calls: readonly PricedCall[]): WindowValue {
  const prefix = prefixSums(calls);
  let observedUsed = 0;
  let costNano = 0;
  const cycles = new Set<number>();
  for (let i = 1; i < snapshots.length; i++) {
    const a = snapshots[i - 1]!;
    const b = snapshots[i]!;
    if (!sameCycle(a, b) || b.used < a.used || b.at <= a.at) continue;
    observedUsed += b.used - a.used;
    costNano += costBetween(calls, prefix, a.at, b.at);
    if (b.used > a.used) cycles.add(b.resetsAt ?? 0);
  }
  const enough = observedUsed >= MIN_OBSERVED_USED && costNano > 0;
  return { cycles: cycles.size, observedUsed, costNano, fullWindowNano: enough ? Math.round(costNano / observedUsed) : null, enough };
}

function sameCycle(a: ValueSnapshot, b: ValueSnapshot): boolean {
  if (a.resetsAt === null || b.resetsAt === null) return false;
  return Math.abs(a.resetsAt - b.resetsAt) <= SAME_RESET_MS;
}

function prefixSums(calls: readonly PricedCall[]): number[] {
  const out = [0];
  for (const c of calls) out.push(out[out.length - 1]! + c.costNano);
  return out;
}

/** Index of the first call with time > t. */
function after(calls: readonly PricedCall[], t: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid]!.time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cost of the calls in (from, to]. */
function costBetween(calls: readonly PricedCall[], prefix: readonly number[], from: number, to: number): number {
  return prefix[after(calls, to)]! - prefix[after(calls, from)]!;
}
