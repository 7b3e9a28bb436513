/**
 * The runaway-loop guard's settings and their defaults. A tag's spend rate is its spend in the last
 * RATE_WINDOW_MS, scaled to an hour; its baseline, its usual busy hour, is the 90th percentile of its
 * hours with any spend over the last BASELINE_HOURS. Either signal raises the alarm:
 *  - rate: the rate above both `multiplier` × the baseline and the user's floor (`floorUsdPerHour`);
 *    a tag with too little history (fewer than MIN_BASELINE_HOURS active hours) is held to the floor;
 *  - repeat: the same request (same provider and model, same bytes) `repeatCount` times within
 *    `repeatWindowSeconds`.
 */
export const RATE_WINDOW_MS = 15 * 60_000;
/** The window is scaled to an hour: spend in the last 15 minutes × 4. */
export const RATE_SCALE = 3_600_000 / RATE_WINDOW_MS;
export const BASELINE_HOURS = 7 * 24;
/** The usual busy hour: this percentile of the active hours (see loop-guard.ts for why not the median). */
export const BASELINE_PERCENTILE = 0.9;
export const MIN_BASELINE_HOURS = 3;
/** After an alarm, the same tag alarms again at the earliest this much later (unless it was resumed). */
export const ALARM_COOLDOWN_MS = 60 * 60_000;
/** Distinct requests remembered per tag for the repeat signal (the oldest are forgotten first). */
export const MAX_REMEMBERED_REQUESTS = 256;
