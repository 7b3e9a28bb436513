/**
 * What Claude Code passes a status-line command on stdin, read defensively (every field may be
 * missing; an older or newer Claude Code sends fewer or more). Documented fields, checked
 * 2026-12-07 against code.claude.com/docs/en/statusline (the docs' JSON example, mirrored by
 * spybara.com's docs history) and guides quoting it (snipz.brevy.dev, wmedia.es 2026-06-29):
 *
 *   { "hook_event_name": "Status", "session_id": "…", "transcript_path": "…", "cwd": "…",
 *     "model": {"id": "claude-opus-4-1", "display_name": "Opus"},
 *     "workspace": {"current_dir": "…", "project_dir": "…"}, "version": "2.1.90",
 *     "cost": {"total_cost_usd": 0.42, "total_duration_ms": 180000, …},
 *     "context_window": {…},
 *     "rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 1738425600},
 *                     "seven_day": {"used_percentage": 41.2, "resets_at": 1738857600}} }
 *
 * cost.total_cost_usd is Claude Code's own estimate of the session at list prices (for a
 * subscriber, what it would have cost on the API). rate_limits comes since v2.1.80 (changelog,
 * 2026-03-19), for Claude.ai subscribers after the session's first response; its parsing lives
 * with the other plan-window readers (shared/windows/claude-code-limits.ts).
 */
import type { WindowReading } from '../api/contract-windows.js';
import { usdToNano, type Nano } from '../money.js';
import { asObject, text } from '../usage-parse/json-fields.js';
import { readStatusLineRateLimits } from '../windows/claude-code-limits.js';

export interface StatusLineInput {
  sessionId: string | null;
  /** model.display_name, else model.id; null when not sent. */
  model: string | null;
  /** workspace.current_dir, else cwd. */
  directory: string | null;
  /** cost.total_cost_usd in nano-dollars; null when not sent (or not a finite, non-negative number). */
  sessionCostNano: Nano | null;
  /** The plan windows of rate_limits (5-hour, weekly…); empty when not sent. */
  windows: WindowReading[];
}

const EMPTY_STATUS_INPUT: StatusLineInput = Object.freeze({ sessionId: null, model: null, directory: null, sessionCostNano: null, windows: [] });

/** The fields Tokentally uses of the parsed stdin object; anything else reads as absent. */
export function readStatusLineInput(parsed: unknown): StatusLineInput {
  const o = asObject(parsed);
  if (!o) return EMPTY_STATUS_INPUT;
  const model = asObject(o.model);
  const cost = asObject(o.cost)?.total_cost_usd;
  return {
    sessionId: text(o.session_id),
    model: text(model?.display_name) ?? text(model?.id),
    directory: text(asObject(o.workspace)?.current_dir) ?? text(o.cwd),
    sessionCostNano: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? usdToNano(cost) : null,
    windows: asObject(o.rate_limits) ? readStatusLineRateLimits(o) : [],
  };
}
