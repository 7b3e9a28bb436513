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
