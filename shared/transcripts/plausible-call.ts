/**
 * What one model call read from a local log (Claude Code transcript, Codex or Gemini CLI session)
 * can plausibly say. A log is written by another program and may be damaged, hand-edited or
 * written by a buggy version: a call whose figures are impossible is skipped on its own, counted
 * as a malformed line, so that it neither stops the import of everything else nor sits in the
 * ledger as a cost or a day that breaks the reports.
 */
import { TOKEN_FIELDS, type TokenCounts } from '../usage.js';

/**
 * The most tokens of one kind (and web searches) one call can hold: 10 billion. The largest
 * context windows are a few million tokens (10M at most so far), and a call cannot read, write to
 * the cache or produce more than its context holds; this is a thousand times that, yet small
 * enough that every count is an exact integer and their sum (seven kinds) stays far below 2^53.
 * Larger figures (4e15, 2^53 + 1, 1e300) are damage, not usage.
 */
const MAX_CALL_TOKENS = 10_000_000_000;

/** Each count is a whole number from 0 to MAX_CALL_TOKENS. */
export function isPlausibleTokens(tokens: TokenCounts): boolean {
  for (const field of TOKEN_FIELDS) {
    const n = tokens[field];
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CALL_TOKENS) return false;
  }
  return true;
}

/**
 * How far after the import's own clock a call may be dated: one day. The tools write their logs
 * with the clock of the machine the import runs on, so a call from the future is a damaged line
 * (a year 9999 breaks every daily report), not usage; a day leaves room for a log copied from a
 * machine whose clock runs ahead, and for time zones written wrongly.
 */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * The latest plausible time when the caller gives no clock: the start of 2100. The import passes
 * its own (now + FUTURE_SLACK_MS, see latestCallTime); this only keeps a parser used on its own
 * from accepting a year 9999.
 */
export const LATEST_CALL_TIME = Date.UTC(2100, 0, 1);

/** The latest time a call read at `now` may carry. */
export function latestCallTime(now: number): number {
  return now + FUTURE_SLACK_MS;
}

/** A real instant (epoch ms) from 1970 on, and not after `latest`. */
export function isPlausibleTime(time: number, latest: number = LATEST_CALL_TIME): boolean {
  return Number.isFinite(time) && time >= 0 && time <= latest;
}
