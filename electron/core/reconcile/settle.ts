/**
 * How long a provider takes to include a moment in its cost report. Anthropic documents about
 * five minutes; OpenAI documents nothing, so an hour is assumed. A bucket fetched sooner after
 * its end than this is "still filling": its figure covers [start, fetchedAt − settle).
 */
const REPORT_SETTLE_MS: Readonly<Record<string, number>> = Object.freeze({
  anthropic: 5 * 60_000,
  openai: 60 * 60_000,
});

const DEFAULT_SETTLE_MS = 60 * 60_000;

export function settleMs(provider: string): number {
  return REPORT_SETTLE_MS[provider] ?? DEFAULT_SETTLE_MS;
}
