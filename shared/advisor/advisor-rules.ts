/**
 * The advisor's thresholds, in one place. Each says why it is where it is: a finding must stand
 * on enough calls to be a pattern, and be worth the user's time.
 */
import { NANO_PER_USD } from '../money.js';

/** The calls looked at: the last 30 days, "a month of your own calls" (figures are not extrapolated). */
export const ADVISOR_DAYS = 30;

/** No finding below $1 a month: not worth a change. */
export const MIN_MONTHLY_SAVING_NANO = NANO_PER_USD;

/**
 * A prompt prefix shorter than this is not counted as cacheable. The providers' minimums run from
 * 512 to 4,096 tokens by model (Anthropic: 4,096 for Opus 4.5/4.6 and Haiku 4.5, 1,024 for Sonnet 4.x;
 * OpenAI and Gemini 1,024; platform.claude.com prompt-caching table via docs.litellm.ai, 2026-10-07,
 * checked 2026-12-07): the largest, so a suggested prefix can be cached on every model.
 */
export const MIN_CACHEABLE_TOKENS = 4_096;
/** A cache entry lives 5 minutes after its last use (refreshed by every read), or 1 hour with "ttl": "1h". */
export const CACHE_5M_MS = 5 * 60_000;
export const CACHE_1H_MS = 60 * 60_000;
/** Calls without caching that make a prompt-caching finding. */
export const MIN_UNCACHED_CALLS = 10;
/** Re-writes of an expired 5-minute entry that make a cache-ttl finding. */
export const MIN_EXPIRED_REWRITES = 3;

/** A tag is not interactive when none of its calls streamed and at least this share came off-hours. */
export const OFF_HOURS_SHARE = 0.5;
/** Off-hours: before 08:00, from 20:00, and weekends, in the user's zone. */
export const WORK_HOURS = { start: 8, end: 20 } as const;
/** "High volume": a tag needs this many calls in the month before Batch is worth the plumbing. */
export const MIN_BATCH_CALLS = 100;
/** Fast-mode / priority calls that make a finding. */
export const MIN_FAST_CALLS = 3;

/** Calls of a tag and model that make a smaller-model finding. */
export const MIN_SMALL_CALLS = 20;
/** "Small inputs and short outputs": the 90th percentile of total input and of output (with reasoning) at most these. */
export const SMALL_INPUT_TOKENS = 5_000;
export const SHORT_OUTPUT_TOKENS = 500;
/** A smaller model: at most a third of the current model's input and output rates (one tier down: Sonnet → Haiku). */
export const SMALLER_RATE_RATIO = 1 / 3;

/** Billed failures that make a finding; a failure followed by a call of the same tag and model within this span was retried. */
export const MIN_BILLED_FAILURES = 3;
export const RETRY_SPAN_MS = 2 * 60_000;

/** Calls listed as evidence (the count is always the whole). */
export const EVIDENCE_IDS = 20;
