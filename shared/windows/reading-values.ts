import type { WindowReading } from '../api/contract-windows.js';

/**
 * The two values every source sends in its own way: when a window resets and how much of it is
 * used. Anthropic's -reset header is epoch seconds in the responses recorded so far, but RFC 3339
 * strings are accepted too (the classic anthropic-ratelimit-*-reset headers use them, and so does
 * the OAuth usage endpoint's resets_at); Codex and the status line send epoch seconds.
 */

/** Epoch ms of a reset given as epoch seconds, epoch ms, or an ISO 8601 / RFC 3339 time; null if unreadable. */
export function parseResetTime(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    // Seconds until the year 5138; larger values can only be milliseconds.
    return Math.round(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value !== 'string') return null;
  const t = value.trim();
  if (t === '') return null;
  if (/^\d+(\.\d+)?$/.test(t)) return parseResetTime(Number(t));
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

/** A fraction 0..1 (Anthropic's -utilization), clamped; null if not a number. */
export function parseFraction(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return null;
  return Math.min(1, Math.max(0, n));
}

/** A percentage as sent (a number, or a number in a string); null if not a finite number. */
export function percentNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** A percentage 0..100 (Codex's used_percent, the status line's used_percentage) as a fraction 0..1. */
export function percentToFraction(value: unknown): number | null {
  const n = percentNumber(value);
  // n / 100 with the percentage's 4 decimals kept exactly (41.2 → 0.412, not 0.41200000000000003).
  return n !== null ? parseFraction(Math.round(n * 10_000) / 1_000_000) : null;
}

const MINUTE = 60_000;
/**
 * How far a reset may lie beyond the window's own length from the moment of the reading: two
 * hours. Resets come on the hour (resets_at 1738425600 is 16:00:00Z; ~/.claude.json says
 * "02:59:59Z"), so a window begun just after an hour resets up to an hour past its length, and the
 * clocks of this machine and the provider's servers may differ by a little more.
 */
const RESET_SLACK_MS = 120 * MINUTE;
/** The length assumed for a window whose name gives none (extra usage: billed by the month). */
const UNKNOWN_WINDOW_MINUTES = 31 * 24 * 60;

/**
 * Whether a reading's reset is one its window can have at `at` (epoch ms, when the figures were
 * read): within the window's length (plus RESET_SLACK_MS) from then, ahead or behind. A 5-hour
 * window resets within 5 hours; a reset in year 5138 or in 1970 is damage, and stored it would
 * make a window that never turns stale or one stale for ever. A reset that passed within the
 * length is kept: Claude Code goes on passing the last figures it had while it is idle, and the
 * window then reads as stale, as it is. No reset at all is no objection.
 */
export function isPlausibleReset(reading: WindowReading, at: number): boolean {
  if (reading.resetsAt === null) return true;
  const reach = (reading.windowMinutes ?? UNKNOWN_WINDOW_MINUTES) * MINUTE + RESET_SLACK_MS;
  return Math.abs(reading.resetsAt - at) <= reach;
}
