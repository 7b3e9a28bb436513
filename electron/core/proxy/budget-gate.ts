import type { Budget, BudgetKey } from '../../../shared/api/contract.js';
import { capRefuses } from '../../../shared/budget/hard-cap.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { budgetMatches, scopeDef, type ScopedCall, type ScopeNames } from '../../../shared/budget/scope.js';
import { formatUsd } from '../../../shared/format.js';
import type { Nano } from '../../../shared/money.js';
import type { BillingMode } from '../../../shared/usage.js';

export interface GateRequest extends ScopedCall {
  billing: BillingMode;
  /**
   * Most this call may cost. A function, because reading it means parsing the request body:
   * the gate only asks when a hard cap applies to the call.
   */
  estimateNano: () => Nano;
}

export type GateDecision =
  | { allowed: true; settle(actualNano: Nano): void }
  | { allowed: false; message: string; budget: BudgetKey; spentNano: Nano; capNano: Nano; resetsAt: number };

/** Asked before every spending call is forwarded. settle() is called once with what the call cost. */
export interface BudgetGate {
  admit(req: GateRequest): GateDecision;
}

const NOTHING_TO_SETTLE = Object.freeze({ allowed: true as const, settle(): void {} });

/** A gate that lets everything through (no budgets, or tests). */
export const OPEN_GATE: BudgetGate = { admit: () => NOTHING_TO_SETTLE };

export interface HardCapGateOptions {
  budgets: () => readonly Budget[];
  /** API + batch spend recorded in the ledger for this budget's scope, in the period containing `now`. */
  spentNano: (budget: Budget, now: number) => Nano;
  now: () => number;
  /**
   * How long a settled cost is counted by the gate itself, because the ledger may not show it yet
   * (the writer's flush interval plus spentCacheMs, with a margin). Meanwhile it may be counted
   * twice: the gate errs on the side of blocking, by at most the calls of this window.
   */
  settledHoldMs?: number;
  /** Ledger reads are cached this long per budget (they are sums over the period). */
  spentCacheMs?: number;
  /**
   * Until when the user lifted the caps (epoch ms), or null. While lifted, calls pass every cap
   * but still reserve their estimate, so the accounting is right the moment the lift ends.
   */
  liftedUntil?: () => number | null;
  /** How refusals name a provider or a key (its label); read only when a call is refused. */
  names?: () => ScopeNames;
}

interface Charge extends ScopedCall {
  nano: Nano;
}

interface Settled extends Charge {
  at: number;
}

/**
 * Hard monthly caps (of any budget scope: overall, provider, tag, API key) on pay-as-you-go calls; subscription calls are
 * never held. A call is refused when the spend of its period, plus what calls in flight may still
 * cost, plus what this call may cost, would pass a cap: the cap is never crossed by more than the
 * error of the estimate. In-flight reservations keep a burst of parallel calls from all slipping
 * under the cap at once.
 */
export function createHardCapGate(options: HardCapGateOptions): BudgetGate {
  const holdMs = options.settledHoldMs ?? 2_000;
  const cacheMs = options.spentCacheMs ?? 1_000;
  const inFlight = new Set<Charge>();
  const settled: Settled[] = [];
  const spentCache = new Map<string, { from: number; at: number; nano: Nano }>();


  const recorded = (b: Budget, from: number, now: number): Nano => {
    const key = `${b.scope}\u0000${b.scopeValue ?? ''}`;
    const hit = spentCache.get(key);
    if (hit && hit.from === from && now - hit.at < cacheMs && now >= hit.at) return hit.nano;
    const nano = options.spentNano(b, now);
    spentCache.set(key, { from, at: now, nano });
    return nano;
  };

  return {
    admit(req) {
      if (req.billing === 'subscription') return NOTHING_TO_SETTLE;
      const caps = options.budgets().filter((b) => b.hard && budgetMatches(b, req));
      if (caps.length === 0) return NOTHING_TO_SETTLE;

      const now = options.now();
      while (settled.length > 0 && now - settled[0]!.at > holdMs) settled.shift();
      const estimate = Math.max(0, Math.round(req.estimateNano()));
      const liftedUntil = options.liftedUntil?.() ?? null;
      const lifted = liftedUntil !== null && now < liftedUntil;

      for (const b of lifted ? [] : caps) {
        const period = budgetPeriod(now, b.resetDay, b.tz);
        let pending = 0;
        for (const c of inFlight) if (budgetMatches(b, c)) pending += c.nano;
        for (const s of settled) if (s.at >= period.startMs && budgetMatches(b, s)) pending += s.nano;
        const spent = recorded(b, period.startMs, now) + pending;
        if (capRefuses({ capNano: b.monthlyNano, spentNano: spent, callNano: estimate, lifted: false })) {
          return {
            allowed: false,
            message: refusal(b, spent, estimate, period.next, options.names?.()),
            budget: { scope: b.scope, scopeValue: b.scopeValue },
            spentNano: spent,
            capNano: b.monthlyNano,
            resetsAt: period.endMs,
          };
        }
      }

      const charge: Charge = { provider: req.provider, tag: req.tag, keyRef: req.keyRef, nano: estimate };
      inFlight.add(charge);
      let done = false;
      return {
        allowed: true,
        settle(actualNano) {
          if (done) return;
          done = true;
          inFlight.delete(charge);
          if (actualNano > 0) settled.push({ provider: req.provider, tag: req.tag, keyRef: req.keyRef, nano: actualNano, at: options.now() });
        },
      };
    },
  };
}

function refusal(b: Budget, spent: Nano, estimate: Nano, resetDay: string, names: ScopeNames | undefined): string {
  const what = scopeDef(b.scope).phrase(b.scopeValue, names);
  const room = Math.max(0, b.monthlyNano - spent);
  const call = estimate > room ? ` This call could cost up to ${formatUsd(estimate)}, more than the ${formatUsd(room)} left.` : '';
  return (
    `blocked by the hard ${what} of ${formatUsd(b.monthlyNano)}: ${formatUsd(spent)} spent this period.${call} ` +
    `It resets on ${resetDay} (${b.tz}). Raise or remove the cap in Tokentally's budgets, or lift it for an hour from the tray.`
  );
}
