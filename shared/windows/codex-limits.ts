/**
 * Codex's plan windows, from the `rate_limits` of a session log's token_count event:
 *
 *   "rate_limits": { "limit_id": "codex", "primary": { "used_percent": 7.0, "window_minutes": 300,
 *     "resets_at": 1763483205 }, "secondary": { "used_percent": 77.0, "window_minutes": 10080,
 *     "resets_at": 1763606387 }, "credits": …, "plan_type": "plus" }
 *
 * used_percent is 0..100; resets_at is epoch seconds; versions before 0.5x sent
 * `resets_in_seconds` instead, counted from the event's timestamp.
 * Sources (checked 2026-12-07): openai/codex codex-rs/protocol/src/protocol.rs (RateLimitSnapshot
 * {limit_id, limit_name, primary, secondary, credits, plan_type, rate_limit_reached_type},
 * RateLimitWindow {used_percent, window_minutes, resets_at: "Unix timestamp (seconds since
 * epoch)"}); a recorded codex 0.58.0 event of 2025-11-18 (tankygranny05/md-collections); the
 * `resets_in_seconds` shape in older third-party readers (RateLimit {used_percent,
 * resets_in_seconds, window_minutes}); openai/codex#5255 (2025-10-16, timestamps added because
 * relative resets drifted on resume).
 *
 * A window is named by its length (300 min → "5h", 10080 → "7d"), and, when Codex reports more
 * than its main limit, suffixed with the limit's id. Codex sends no status: a window at 100% is
 * taken as refused ("rejected").
 */
import type { WindowReading } from '../api/contract-windows.js';
import { asObject, text } from '../usage-parse/json-fields.js';
import { parseResetTime, percentToFraction } from './reading-values.js';
import { nameForMinutes, windowMinutesOf } from './window-names.js';

const MAIN_LIMIT = 'codex';

/** The windows in a token_count's rate_limits; `eventTime` (epoch ms) anchors relative resets. Empty when none are readable. */
export function readCodexRateLimits(value: unknown, eventTime: number): WindowReading[] {
  const limits = asObject(value);
  if (!limits) return [];
  const limitId = text(limits.limit_id);
  const suffix = limitId && limitId !== MAIN_LIMIT ? `_${limitId.toLowerCase()}` : '';
  const out: WindowReading[] = [];
  for (const slot of ['primary', 'secondary'] as const) {
    const w = asObject(limits[slot]);
    if (!w) continue;
    const used = percentToFraction(w.used_percent);
    if (used === null) continue;
    const minutes = typeof w.window_minutes === 'number' && w.window_minutes > 0 ? Math.round(w.window_minutes) : null;
    const window = (minutes !== null ? nameForMinutes(minutes) : slot) + suffix;
    out.push({
      window,
      used,
      resetsAt: resetOf(w, eventTime),
      status: used >= 1 ? 'rejected' : null,
      windowMinutes: minutes ?? windowMinutesOf(window),
    });
  }
  return out;
}

function resetOf(w: Record<string, unknown>, eventTime: number): number | null {
  const absolute = parseResetTime(w.resets_at);
  if (absolute !== null) return absolute;
  const relative = w.resets_in_seconds;
  if (typeof relative === 'number' && Number.isFinite(relative) && relative >= 0 && Number.isFinite(eventTime)) return eventTime + Math.round(relative * 1000);
  return null;
}
