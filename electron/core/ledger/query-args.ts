/** Checks shared by the ledger's queries: their arguments may come straight from the UI or the CLI. */
import { ApiError, type Day } from '../../../shared/api/contract.js';
import { canonicalTimeZone, isValidTimeZone, parseDay } from '../../../shared/time/zoned.js';
import { errorMessage } from '../../../shared/error-message.js';

export function badRequest(message: string): never {
  throw new ApiError('bad_request', message);
}

export function zoneArg(tz: unknown): string {
  if (!isValidTimeZone(tz)) badRequest(`unknown time zone: ${JSON.stringify(tz)} (expected an IANA name such as Europe/Berlin)`);
  return canonicalTimeZone(tz);
}

export function dayArg(name: string, v: unknown): Day {
  try {
    return parseDay(v);
  } catch (err) {
    return badRequest(`${name}: ${errorMessage(err)}`);
  }
}

/** undefined, null and '' (a cleared input box) mean "not given". */
export function optionalDayArg(name: string, v: unknown): Day | undefined {
  return v === undefined || v === null || v === '' ? undefined : dayArg(name, v);
}

export function checkOrder(since: Day | undefined, until: Day | undefined): void {
  if (since && until && since > until) badRequest(`since (${since}) is after until (${until})`);
}
