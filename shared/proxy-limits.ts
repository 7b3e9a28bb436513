/**
 * Bounds on what the proxy takes in: the largest request body per kind of endpoint, and how long
 * a body may stall. Each limit sits above what the providers accept themselves, so the proxy
 * never refuses a call the provider would take (checked 2026-12-07):
 *  - Anthropic: 32 MB for Messages and Token Counting, 256 MB for Message Batches, 500 MB for
 *    the Files API (https://docs.anthropic.com/en/api/overview, "Request size limits");
 *  - OpenAI: files up to 512 MB each, Batch input files up to 200 MB, Uploads in 64 MB parts
 *    (https://platform.openai.com/docs/api-reference/files/create); up to 50 MB of image bytes a
 *    request (https://platform.openai.com/docs/guides/images-vision), about 67 MB once base64
 *    in the JSON body;
 *  - Gemini: 20 MB of inline data a request; larger files go through the Files API, which
 *    @google/genai uploads in 8 MB chunks (https://ai.google.dev/gemini-api/docs/files).
 * The body of a call is held in memory while it is forwarded (its usage and cost are read from
 * it), so these are also the most one call can make the proxy hold.
 */
import { ApiError, type ProxyLimits } from './api/contract.js';

export type { ProxyLimits };

/** What a request is, for its size limit: a model call, a batch creation, or anything else (files, uploads). */
export type BodyKind = 'call' | 'batch' | 'upload';

export const DEFAULT_PROXY_LIMITS: Readonly<ProxyLimits> = Object.freeze({
  callMb: 128,
  batchMb: 300,
  uploadMb: 600,
  bodyIdleSeconds: 30,
});

const MB = 1024 * 1024;
const MAX_MB = 4096;
const MAX_IDLE_SECONDS = 3600;

/** The byte limit for a kind of request under these limits. */
export function bodyLimitBytes(limits: ProxyLimits, kind: BodyKind): number {
  const mb = kind === 'call' ? limits.callMb : kind === 'batch' ? limits.batchMb : limits.uploadMb;
  return mb * MB;
}

/** "128 MB", "1.5 MB", "800 KB" (binary units, as the limits are set). */
export function formatBytes(bytes: number): string {
  if (bytes >= 10 * MB) return `${Math.round(bytes / MB)} MB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const FIELDS = ['callMb', 'batchMb', 'uploadMb', 'bodyIdleSeconds'] as const;

/** Validate a proxyLimits setting: whole numbers, each within its range; missing fields keep their defaults. */
export function validateProxyLimits(v: unknown): ProxyLimits {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ApiError('bad_request', 'proxyLimits must be an object');
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new ApiError('bad_request', `proxyLimits: unknown field "${key}" (expected ${FIELDS.join(', ')})`);
  }
  const out: ProxyLimits = { ...DEFAULT_PROXY_LIMITS };
  for (const key of FIELDS) {
    const value = o[key];
    if (value === undefined) continue;
    const max = key === 'bodyIdleSeconds' ? MAX_IDLE_SECONDS : MAX_MB;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
      throw new ApiError('bad_request', `proxyLimits.${key} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
    }
    out[key] = value as number;
  }
  return out;
}
