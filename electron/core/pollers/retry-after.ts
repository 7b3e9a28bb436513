/** Longest wait a retry-after is believed for; beyond that a typo or a clock skew is more likely. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/**
 * The wait a `retry-after` header asks for, in ms: delta-seconds or an HTTP date (RFC 9110).
 * Null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.ceil(Number(text) * 1000), MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
