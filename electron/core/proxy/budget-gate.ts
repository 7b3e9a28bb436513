import type { Budget, BudgetKey } from '../../../shared/api/contract.js';
import { capRefuses } from '../../../shared/budget/hard-cap.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { budgetMatches, scopeDef, type ScopedCall } from '../../../shared/budget/scope.js';
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
  | { allowed: true; settle(actualNano: Nano, seq?: number): void }
  | { allowed: false; message: string; budget: BudgetKey; spentNano: Nano; capNano: Nano; resetsAt: number };

/** Asked before every spending call is forwarded. settle() is called once with what the call cost (and its number at the writer). */
export interface BudgetGate {
  admit(req: GateRequest): GateDecision;
}

const NOTHING_TO_SETTLE = Object.freeze({ allowed: true as const, settle(): void {} });

/** A hard budget and what the ledger held for it when the snapshot was read. */
interface GateBudget {
  budget: Budget;
  /** The period the spend is for (its start, epoch ms). */
  periodStartMs: number;
  spentNano: Nano;
}

/**
 * What the ledger said, read in one transaction off the proxy's thread (engine/gate-snapshot.ts):
 * the hard budgets with their spend, and how far the writer had got (the last call it
 * committed), so the gate knows exactly which of the calls it settled that spend already holds.
 */
export interface GateSnapshot {
  budgets: GateBudget[];
  progress: { run: string; seq: number } | null;
  liftedUntil: number | null;
  /** Key labels, for refusals of key budgets. */
  keyLabels: Record<string, string>;
  /** When it was read (epoch ms). */
  at: number;
}

export interface HardCapGate extends BudgetGate {
  /** A fresh snapshot: settled calls it holds stop being counted here. */
  update(snapshot: GateSnapshot): void;
  /** Calls the writer kept in the recovery file: not in the ledger's spend until imported. */
  spilled(seqs: readonly number[]): void;
  /** The recovery file was imported at `at`: snapshots read after that hold those calls. */
  recovered(at: number): void;
  /** Whether a snapshot has arrived (the core opens the proxy only after the first). */
  readonly ready: boolean;
}

export interface HardCapGateOptions {
  now(): number;
  /** This start's id at the writer: only its calls' numbers are compared with a snapshot's progress. */
  run: string;
}

interface Charge extends ScopedCall {
  nano: Nano;
}

interface Settled extends Charge {
  at: number;
  /** The call's number at the writer; undefined when it has none (counted until its period ends). */
  seq: number | undefined;
  /** In the recovery file, not in the ledger: counted until a snapshot read after its import. */
  keptAside: boolean;
  recoveredAt: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Hard monthly caps (of any budget scope: overall, provider, tag, API key) on pay-as-you-go calls;
 * subscription calls are never held. A call is refused when the spend of its period, plus what
 * calls in flight may still cost, plus what this call may cost, would pass a cap: the cap is never
 * crossed by more than the error of the estimate. In-flight reservations keep a burst of parallel
 * calls from all slipping under the cap at once.
 *
 * The spend is the ledger's (a snapshot pushed from the engine thread: no query runs here) plus
 * the calls settled since that the snapshot does not hold yet, each counted exactly once: a call
 * is dropped from here when a snapshot shows the writer committed it.
 */
export function createHardCapGate(options: HardCapGateOptions): HardCapGate {
  const inFlight = new Set<Charge>();
  let settled: Settled[] = [];
  let snapshot: GateSnapshot | null = null;

  const inLedger = (s: GateSnapshot, e: Settled): boolean => {
    if (e.keptAside) return e.recoveredAt !== null && s.at > e.recoveredAt;
    return e.seq !== undefined && s.progress !== null && s.progress.run === options.run && e.seq <= s.progress.seq;
  };

  return {
    get ready() {
      return snapshot !== null;
    },
    update(next) {
      snapshot = next;
      const oldest = next.at - 40 * DAY_MS;
      settled = settled.filter((e) => !inLedger(next, e) && e.at >= oldest);
    },
    spilled(seqs) {
      const kept = new Set(seqs);
      for (const e of settled) if (e.seq !== undefined && kept.has(e.seq)) e.keptAside = true;
    },
    recovered(at) {
      for (const e of settled) if (e.keptAside && e.recoveredAt === null) e.recoveredAt = at;
    },
    admit(req) {
      if (req.billing === 'subscription' || snapshot === null) return NOTHING_TO_SETTLE;
      const s = snapshot;
      const caps = s.budgets.filter((b) => b.budget.hard && budgetMatches(b.budget, req));
      if (caps.length === 0) return NOTHING_TO_SETTLE;

      const now = options.now();
      const estimate = Math.max(0, Math.round(req.estimateNano()));
      const lifted = s.liftedUntil !== null && now < s.liftedUntil;

      for (const { budget: b, periodStartMs, spentNano } of lifted ? [] : caps) {
        const period = budgetPeriod(now, b.resetDay, b.tz);
        // A snapshot of the previous period says nothing of this one (it rolled over since).
        const current = periodStartMs === period.startMs;
        let spent = current ? spentNano : 0;
        for (const e of settled) {
          if (e.at >= period.startMs && budgetMatches(b, e) && !(current && inLedger(s, e))) spent += e.nano;
        }
        let reserved = 0;
        for (const c of inFlight) if (budgetMatches(b, c)) reserved += c.nano;
        // The one decision `budget check`, the glance and the tray ask too (for an ordinary call).
        if (capRefuses({ capNano: b.monthlyNano, spentNano: spent + reserved, callNano: estimate, lifted: false })) {
          return {
            allowed: false,
            message: refusal(b, spent, reserved, estimate, period.next, s.keyLabels),
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
        settle(actualNano, seq) {
          if (done) return;
          done = true;
          inFlight.delete(charge);
          if (actualNano > 0) {
            settled.push({ provider: req.provider, tag: req.tag, keyRef: req.keyRef, nano: actualNano, at: options.now(), seq, keptAside: false, recoveredAt: null });
          }
        },
      };
    },
  };
}

function refusal(b: Budget, spent: Nano, reserved: Nano, estimate: Nano, resetDay: string, labels: Record<string, string>): string {
  const what = scopeDef(b.scope).phrase(b.scopeValue, { key: (ref) => labels[ref] ?? null });
  const room = Math.max(0, b.monthlyNano - spent - reserved);
  const inFlight = reserved > 0 ? ` Calls still running may cost up to ${formatUsd(reserved)} more.` : '';
  const call = estimate > room ? ` This call could cost up to ${formatUsd(estimate)}, more than the ${formatUsd(room)} left.` : '';
  return (
    `blocked by the hard ${what} of ${formatUsd(b.monthlyNano)}: ${formatUsd(spent)} spent this period.${inFlight}${call} ` +
    `It resets on ${resetDay} (${b.tz}). Raise or remove the cap in Tokentally's budgets, or lift it for an hour in Tokentally's glance.`
  );
}
