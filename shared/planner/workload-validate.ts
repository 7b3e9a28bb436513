/** The check every scenario row passes (UI, HTTP, saved plans alike); ApiError('bad_request') names the field. */
import { ApiError } from '../api/contract.js';
import type { WorkloadRow } from '../api/contract-budgets.js';
import { normalizeProviderName } from '../keys/provider-name.js';
import { errorMessage } from '../error-message.js';

export const MAX_WORKLOADS = 100;
const MAX_REQUESTS = 1_000_000_000;
const MAX_TOKENS = 10_000_000;
const FIELDS = ['name', 'provider', 'model', 'requestsPerMonth', 'inputTokens', 'outputTokens', 'cachedShare', 'batchShare'] as const;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function count(v: unknown, what: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) bad(`${what} must be a whole number from 0 to ${max.toLocaleString('en-US')}`);
  return v;
}

function share(v: unknown, what: string): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) bad(`${what} must be a share from 0 to 1 (0.25 = 25%)`);
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') bad(`${what} must be non-empty text`);
  if (v.length > 200) bad(`${what} is longer than 200 characters`);
  return v.trim();
}

export function validateWorkloads(rows: unknown): WorkloadRow[] {
  if (!Array.isArray(rows)) bad('rows must be a list of workloads');
  if (rows.length > MAX_WORKLOADS) bad(`a scenario has at most ${MAX_WORKLOADS} rows`);
  return rows.map((row, i) => {
    const at = `rows[${i}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) bad(`${at} must be an object`);
    const r = row as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!(FIELDS as readonly string[]).includes(key)) bad(`${at}: unknown field "${key}" (expected ${FIELDS.join(', ')})`);
    let provider: string;
    try {
      provider = normalizeProviderName(text(r.provider, `${at}.provider`));
    } catch (err) {
      return bad(`${at}.provider: ${errorMessage(err).replace(/^[^:]*must be non-empty text$/, 'is required')}`);
    }
    return {
      name: r.name === undefined || r.name === '' ? `Workload ${i + 1}` : text(r.name, `${at}.name`),
      provider,
      model: text(r.model, `${at}.model`),
      requestsPerMonth: count(r.requestsPerMonth, `${at}.requestsPerMonth`, MAX_REQUESTS),
      inputTokens: count(r.inputTokens, `${at}.inputTokens`, MAX_TOKENS),
      outputTokens: count(r.outputTokens, `${at}.outputTokens`, MAX_TOKENS),
      cachedShare: share(r.cachedShare, `${at}.cachedShare`),
      batchShare: share(r.batchShare, `${at}.batchShare`),
    };
  });
}
