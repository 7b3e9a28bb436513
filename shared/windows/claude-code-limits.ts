/**
 * Claude Code's own copies of the plan windows, read-only (Tokentally never reads or stores the
 * login credentials; these carry percentages only).
 *
 * - The status-line command's stdin JSON, since Claude Code v2.1.80 (2026-03-19 changelog:
 *   "Added rate_limits field to statusline scripts … (5-hour and 7-day windows with
 *   used_percentage and resets_at)"), for Claude.ai subscribers after the session's first
 *   response: `"rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 1738425600},
 *   "seven_day": {…}}` — used_percentage 0..100, resets_at epoch seconds
 *   (code.claude.com/docs/en/statusline; nyosegawa.com 2026-03; stephenleo/cship#115 2026-03-21).
 *   v2.1.96 briefly dropped the field (anthropics/claude-code#45133), so its absence is normal.
 * - ~/.claude.json, key `cachedUsageUtilization`, refreshed by Claude Code during use and by
 *   `/usage`: `{"fetchedAtMs": 1787522765060, "utilization": {"five_hour": {"utilization": 2,
 *   "resets_at": "2026-08-24T02:59:59Z"}, "seven_day": {…}, "seven_day_opus"?: {…},
 *   "extra_usage": {"is_enabled": false}}}` — utilization a whole percentage
 *   (ridelink0/claude-code-usage-limits, how-it-works.md, 2026-08/09). The same file's
 *   `oauthAccount.organizationUuid` names the organization, as the proxy's
 *   anthropic-organization-id header does. Earlier versions kept the figures in memory only
 *   (anthropics/claude-code#42108, 2026-04-01): then there is nothing to read.
 */
import type { WindowReading } from '../api/contract-windows.js';
import { asObject, text } from '../usage-parse/json-fields.js';
import { parseResetTime, percentNumber, percentToFraction } from './reading-values.js';
import { windowMinutesOf, windowName } from './window-names.js';

/** The windows of a status-line input (the whole stdin object, or its rate_limits). */
export function readStatusLineRateLimits(input: unknown): WindowReading[] {
  const o = asObject(input);
  if (!o) return [];
  const limits = asObject(o.rate_limits) ?? o;
  return windowsOf(limits, 'used_percentage');
}

export interface ClaudeStateUsage {
  /** Epoch ms Claude Code fetched the figures. */
  at: number;
  /** oauthAccount.organizationUuid, or null. */
  account: string | null;
  windows: WindowReading[];
}

/** The cached figures in ~/.claude.json (parsed); null when the file has none. */
export function readClaudeStateUsage(state: unknown): ClaudeStateUsage | null {
  const o = asObject(state);
  const cached = asObject(o?.cachedUsageUtilization);
  if (!o || !cached) return null;
  const at = cached.fetchedAtMs;
  if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return null;
  const windows = windowsOf(asObject(cached.utilization) ?? {}, 'utilization');
  if (windows.length === 0) return null;
  return { at, account: text(asObject(o.oauthAccount)?.organizationUuid), windows };
}

/**
 * The highest used percentage read as a reading: 200. The docs say 0 to 100, but Claude Code
 * passes the server's utilization times 100 (its status-line builder: `used_percentage:
 * utilization * 100`, quoted in anthropics/claude-code#82656, 2026-07-30), which can pass 100 by
 * a rounding (100.00000000000001) or once a call ends beyond the limit: a capture of the status
 * line's input showed `"used_percentage": 105` (frontpage-app.vercel.app/newest/47806742, read
 * 2026-12-08). How far over it can go is not documented. Such a window reads as used up. Below 0,
 * or beyond twice the limit (500), is no reading: that window is left out, the others are kept.
 */
const MAX_USED_PERCENT = 200;

/** Every key whose value is {<percentField>: number, resets_at}: unknown windows are kept. */
function windowsOf(limits: Record<string, unknown>, percentField: string): WindowReading[] {
  const out: WindowReading[] = [];
  for (const [key, value] of Object.entries(limits)) {
    const w = asObject(value);
    if (!w) continue;
    const percent = percentNumber(w[percentField]);
    if (percent === null || percent < 0 || percent > MAX_USED_PERCENT) continue;
    const used = percentToFraction(percent)!;
    const window = windowName(key);
    out.push({ window, used, resetsAt: parseResetTime(w.resets_at), status: null, windowMinutes: windowMinutesOf(window) });
  }
  return out;
}
