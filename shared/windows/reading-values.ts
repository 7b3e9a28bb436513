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

/** A percentage 0..100 (Codex's used_percent, the status line's used_percentage) as a fraction 0..1. */
export function percentToFraction(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  // n / 100 with the percentage's 4 decimals kept exactly (41.2 → 0.412, not 0.41200000000000003).
  return Number.isFinite(n) ? parseFraction(Math.round(n * 10_000) / 1_000_000) : null;
}
