/**
 * The hard cap's one decision: would the proxy's gate refuse a call? The gate asks it for every
 * call (with that call's worst-case estimate); `budget check`, the glance and the tray ask it for an
 * ordinary call (ordinaryCallNano), so "hard cap reached" means exactly "calls are being refused".
 * Pure: where the spend figure comes from (ledger, provider reports, in-flight reservations) is
 * the caller's business.
 */
import type { Nano } from '../money.js';

export interface CapQuestion {
  capNano: Nano;
  /** Spend counted against the cap in the current period (recorded plus whatever the caller adds). */
  spentNano: Nano;
  /** What the call may cost. */
  callNano: Nano;
  /** The user lifted the caps for now: nothing is refused. */
  lifted: boolean;
}

export function capRefuses(q: CapQuestion): boolean {
  if (q.lifted) return false;
  return q.spentNano >= q.capNano || q.spentNano + Math.max(0, q.callNano) > q.capNano;
}

/** How many of the scope's latest calls describe "an ordinary call". */
export const ORDINARY_CALL_SAMPLE = 20;

/**
 * An ordinary call's cost: the median of the latest calls' costs (the gate's estimate of a call is
 * its worst case, never below what such a call costs). With no calls yet, 0: then only a used-up
 * cap refuses.
 */
export function ordinaryCallNano(recentCostsNano: readonly Nano[]): Nano {
  const costs = recentCostsNano.filter((c) => c > 0).sort((a, b) => a - b);
  if (costs.length === 0) return 0;
  return costs[Math.floor((costs.length - 1) / 2)]!;
}
