import type { PlanPeriodBreakEven } from '../../../../shared/api/contract-subscriptions.js';
import { formatUsd } from '../../../../shared/format.js';
import { formatDay } from '../../lib/dates';

/** When the plan paid (or will pay) for itself, in words. */
export function paidOffText(p: PlanPeriodBreakEven): string {
  if (!p.active) return 'not subscribed yet';
  if (p.paidOffOn) return `paid for itself on ${formatDay(p.paidOffOn)}`;
  if (p.projectedPaidOffOn) return `pays for itself by ${formatDay(p.projectedPaidOffOn)} at this pace`;
  if (p.period.status === 'current') return `on pace for ${formatUsd(p.projectedNano)} of ${formatUsd(p.priceNano)} this period`;
  return 'did not pay for itself';
}

export function savingClass(nano: number, running = false): string {
  // A running period's shortfall is not a loss yet.
  return nano >= 0 ? 'text-ok' : running ? 'text-warn' : 'text-danger';
}

/** Under the saving figure: a running period is not over, so a shortfall is "so far". */
export function savingCaption(p: PlanPeriodBreakEven): string {
  // "−$97.94 to break even" read as a negative amount still to go; it is how far short it is.
  if (p.period.status === 'current') return p.savingNano >= 0 ? 'saved so far' : 'short of breaking even so far';
  return p.savingNano >= 0 ? 'saved' : 'cost more than the API';
}
