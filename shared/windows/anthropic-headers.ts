/**
 * Anthropic's plan windows, read off a response's headers. Responses to subscription (OAuth)
 * calls carry, per window, `anthropic-ratelimit-unified-<window>-utilization` (a spent fraction
 * 0..1), `-reset` (epoch seconds) and `-status` (allowed | allowed_warning | rejected), plus for
 * the account `anthropic-ratelimit-unified-status`, `-reset`, `-representative-claim` (the binding
 * window: five_hour | seven_day | seven_day_opus | seven_day_sonnet | overage) and extra-usage
 * fields (`-overage-status`, `-overage-disabled-reason`, `-fallback-percentage`).
 *
 * Sources (checked 2026-12-07; none of this is in Anthropic's public docs):
 * - anthropics/claude-code#12829 (2025-12-01): `-representative-claim: five_hour`, per-window status;
 * - anthropics/claude-code#29604 (2026-03-01): the header family Claude Code reads (utilization,
 *   reset, surpassed-threshold, status allowed/allowed_warning/rejected, overage-status,
 *   representative-claim);
 * - askalf/dario#141 (2026-04-25): per-model weekly windows appear as
 *   `anthropic-ratelimit-unified-7d_sonnet-{utilization,status,reset}`, reset `1777154400` (epoch s);
 * - anomalyco/opencode#49499 (2026-09-17): a recorded response with `5h-utilization: 0.42`,
 *   `7d-utilization: 0.30`, `status: allowed`.
 * - `anthropic-organization-id`: "the ID of the organization that the API key or access token used
 *   in the request belongs to" (platform.claude.com/docs/en/api/overview, fetched 2026-09-26):
 *   it tells one subscription account from another without touching the token.
 *
 * Window names are read generically (whatever sits between the prefix and a known field), so a
 * window Anthropic adds tomorrow is kept, not dropped. A reset is accepted as epoch seconds or
 * ISO 8601.
 */
import type { WindowReading } from '../api/contract-windows.js';
import { parseFraction, parseResetTime } from './reading-values.js';
import { windowMinutesOf, windowName } from './window-names.js';

export const UNIFIED_PREFIX = 'anthropic-ratelimit-unified-';
const ORGANIZATION_HEADER = 'anthropic-organization-id';

/** Per-window fields kept; others (surpassed-threshold, disabled-reason…) are not stored. */
const FIELDS = ['utilization', 'reset', 'status'] as const;
type Field = (typeof FIELDS)[number];

export interface UnifiedHeaders {
  /** The organization id, or null when the response did not carry one. */
  account: string | null;
  /** anthropic-ratelimit-unified-status. */
  status: string | null;
  /** The binding window, normalised ('5h', '7d'…). */
  binding: string | null;
  windows: WindowReading[];
}

/**
 * Read the unified headers from a raw header list (name, value, name, value… as Node gives it).
 * Returns null when the response carries none of them.
 */
export function readUnifiedHeaders(raw: readonly string[]): UnifiedHeaders | null {
  let found = false;
  let account: string | null = null;
  let status: string | null = null;
  let binding: string | null = null;
  let overallReset: number | null = null;
  const windows = new Map<string, Partial<Record<Field, string>>>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!.trim();
    if (name === ORGANIZATION_HEADER) {
      if (value !== '') account = value;
      continue;
    }
    if (!name.startsWith(UNIFIED_PREFIX)) continue;
    found = true;
    const rest = name.slice(UNIFIED_PREFIX.length);
    if (rest === 'status') status = value || null;
    else if (rest === 'reset') overallReset = parseResetTime(value);
    else if (rest === 'representative-claim') binding = value ? windowName(value) : null;
    else {
      const field = FIELDS.find((f) => rest.length > f.length + 1 && rest.endsWith(`-${f}`));
      if (!field) continue;
      const window = windowName(rest.slice(0, rest.length - field.length - 1));
      const entry = windows.get(window) ?? {};
      entry[field] = value;
      windows.set(window, entry);
    }
  }
  if (!found) return null;

  const readings: WindowReading[] = [...windows].map(([window, f]) => ({
    window,
    used: f.utilization === undefined ? null : parseFraction(f.utilization),
    resetsAt: f.reset === undefined ? null : parseResetTime(f.reset),
    status: f.status || null,
    windowMinutes: windowMinutesOf(window),
  }));
  if (binding !== null) {
    const bound = readings.find((r) => r.window === binding);
    if (bound) {
      // The account-wide reset and status are the binding window's, where it does not send its own.
      bound.resetsAt ??= overallReset;
      bound.status ??= status;
    } else if (overallReset !== null || status !== null) {
      readings.push({ window: binding, used: null, resetsAt: overallReset, status, windowMinutes: windowMinutesOf(binding) });
    }
  }
  return { account, status, binding, windows: readings };
}
