import type { UsageRecord } from './usage.js';

/**
 * Whether a call's tokens are an estimate rather than the provider's figures: a stream cut before
 * the provider reported its usage (electron/core/proxy/call-record.ts says "estimated" in the
 * row's errorMessage, with what the estimate was made from). The request detail shows it.
 */
export function isEstimatedUsage(r: Pick<UsageRecord, 'status' | 'errorMessage'>): boolean {
  return r.status === 'incomplete' && r.errorMessage !== null && /\bestimated\b/.test(r.errorMessage);
}
