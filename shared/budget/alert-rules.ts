/**
 * Which alerts a budget's pacing calls for. Pure; the ledger keeps one row per budget, period,
 * kind and threshold, so asking again raises nothing new.
 *
 * - threshold: spend reached t% of the budget, for each t in the budget's alerts (any spend
 *   against a zero budget reaches every threshold).
 * - projection: the robust projection passes the budget while spend is still under it, judged
 *   only once there is a whole day of history (a first hour's burst projects nonsense).
 * - cap: a hard budget is used up: calls are refused from now on.
 */
import type { Budget } from '../api/contract.js';
import type { AlertKind, Pacing } from '../api/contract-budgets.js';
import { formatUsd } from '../format.js';
import type { BudgetPeriod } from './period.js';
import { budgetLabel } from './scope.js';
import { HARD_CAP_REFUSING, isUsedUp, overBudgetText } from './budget-label-text.js';

export interface AlertCandidate {
  kind: AlertKind;
  /** Percent of the budget (100 for projection and cap). */
  threshold: number;
  message: string;
}

/** How much an alert matters: the one notified when several arrive at once. */
export function alertRank(a: Pick<AlertCandidate, 'kind' | 'threshold'>): number {
  return a.kind === 'cap' ? 10_000 : a.kind === 'threshold' ? a.threshold : 0.5;
}

/** The budget's alert thresholds (percent) that spend has reached; any spend reaches all of a zero budget's. */
export function reachedThresholds(thresholds: readonly number[], pacing: Pick<Pacing, 'spentNano' | 'budgetNano'>): number[] {
  const { spentNano: spent, budgetNano: cap } = pacing;
  return thresholds.filter((t) => (cap > 0 ? spent / cap >= t / 100 : spent > 0));
}

export function dueAlerts(budget: Budget, pacing: Pacing, period: BudgetPeriod): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const label = budgetLabel(budget);
  const { spentNano: spent, budgetNano: cap } = pacing;
  const used = `${formatUsd(spent)} of ${formatUsd(cap)}`;
  const left = period.daysLeft <= 1 ? 'last day of the period' : `${period.daysLeft} days left`;

  const over = overBudgetText(spent, cap);
  if (over !== null) {
    // Used up: the real state, once (threshold 100 is one alert per period), never "90% used".
    // A hard budget says it in its cap alert below.
    if (!budget.hard) out.push({ kind: 'threshold', threshold: 100, message: `${label}: ${over}, ${used}, ${left}.` });
  } else {
    for (const t of reachedThresholds(budget.alerts, pacing)) {
      out.push({ kind: 'threshold', threshold: t, message: `${label}: ${t}% used (${used}), ${left}.` });
    }
  }
  if (cap > 0 && spent < cap && pacing.median7dNano !== null && pacing.projectedRobustNano > cap) {
    const runsOut = pacing.runsOutOn ? `; at this pace it runs out on ${pacing.runsOutOn}` : '';
    out.push({
      kind: 'projection',
      threshold: 100,
      message: `${label}: on course to end the period at ${formatUsd(pacing.projectedRobustNano)}, over its ${formatUsd(cap)}${runsOut}.`,
    });
  }
  if (budget.hard && isUsedUp(spent, cap)) {
    out.push({
      kind: 'cap',
      threshold: 100,
      message: `${label}: ${over ?? 'over budget'}, ${HARD_CAP_REFUSING} (${used}) until ${period.next} (${budget.tz}).`,
    });
  }
  return out;
}
