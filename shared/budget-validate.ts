/**
 * The one check every budget passes before it is stored, whichever way it came in (UI, HTTP, CLI).
 * Returns a normalised copy: scopeValue null for the overall budget, canonical zone name, alert
 * thresholds sorted without repeats. Throws ApiError('bad_request') naming the offending field.
 */
import { ApiError, type Budget } from './api/contract.js';
import { validateBudgetKey } from './budget/scope.js';
import { canonicalTimeZone, isValidTimeZone } from './time/zoned.js';

const FIELDS = ['scope', 'scopeValue', 'monthlyNano', 'hard', 'resetDay', 'tz', 'alerts'] as const;
const MAX_ALERTS = 10;
/** Alerts above 100% warn about overspending a soft budget; beyond 10× is surely a typo. */
const MAX_ALERT_PERCENT = 1000;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

export { validateBudgetKey };

export function validateBudget(budget: unknown): Budget {
  const key = validateBudgetKey(budget);
  const b = budget as Record<string, unknown>;
  for (const field of Object.keys(b)) {
    if (!(FIELDS as readonly string[]).includes(field)) bad(`budget: unknown field "${field}" (expected ${FIELDS.join(', ')})`);
  }
  if (!Number.isSafeInteger(b.monthlyNano) || (b.monthlyNano as number) < 0) {
    bad('budget monthlyNano must be a whole number of nano-dollars, 0 or more');
  }
  if (typeof b.hard !== 'boolean') bad('budget hard must be true or false');
  if (!Number.isInteger(b.resetDay) || (b.resetDay as number) < 1 || (b.resetDay as number) > 28) {
    bad(`budget resetDay must be a day of the month from 1 to 28, got ${JSON.stringify(b.resetDay)}`);
  }
  if (!isValidTimeZone(b.tz)) bad(`budget tz: unknown time zone ${JSON.stringify(b.tz)} (use an IANA name such as Europe/Berlin)`);
  if (!Array.isArray(b.alerts)) bad('budget alerts must be a list of percentages, e.g. [50, 80, 100]');
  if (b.alerts.length > MAX_ALERTS) bad(`a budget has at most ${MAX_ALERTS} alerts`);
  for (const a of b.alerts) {
    if (typeof a !== 'number' || !Number.isFinite(a) || a <= 0 || a > MAX_ALERT_PERCENT) {
      bad(`budget alerts are percentages above 0 and at most ${MAX_ALERT_PERCENT}, got ${JSON.stringify(a)}`);
    }
  }
  const alerts = [...new Set(b.alerts as number[])].sort((x, y) => x - y);
  return {
    ...key,
    monthlyNano: b.monthlyNano as number,
    hard: b.hard,
    resetDay: b.resetDay as number,
    tz: canonicalTimeZone(b.tz),
    alerts,
  };
}
