/**
 * The three error shapes providers use, for the answers the proxy gives itself (upstream down,
 * timeout, hard cap, refused request, a tag the loop guard paused). The status codes and types are
 * the providers' own, so the official SDKs raise their usual typed errors; refusals are marked so
 * they are not retried.
 */
import type { ErrorShape, ProxyAnswer, ProxyFailure } from './profile.js';

const STATUS: Record<ProxyFailure, number> = {
  unreachable: 502,
  timeout: 504,
  // Providers refuse an exhausted balance as a bad request (Anthropic: 400 "credit balance is too
  // low"); OpenAI's 429 insufficient_quota is used below with x-should-retry: false.
  blocked: 400,
  'not-configured': 404,
  'bad-request': 400,
  forbidden: 403,
  'too-large': 413,
  // The client stopped sending its request body (the proxy cut it).
  'body-timeout': 408,
  // The loop guard paused the call's tag until the user resumes it. Not 429: both official SDKs
  // retry 408, 409, 429 and 5xx on their own (shouldRetry in @anthropic-ai/sdk 1.12 and openai 6.49,
  // read 2026-12-07), and so do clients that ignore x-should-retry; a 403 is retried by none.
  paused: 403,
};

/** Failures a retry cannot cure: both official SDKs honour `x-should-retry: false`. */
const FINAL: ReadonlySet<ProxyFailure> = new Set(['blocked', 'not-configured', 'bad-request', 'forbidden', 'too-large', 'body-timeout', 'paused']);

function headers(failure: ProxyFailure): Record<string, string> {
  return { 'content-type': 'application/json', 'x-should-retry': FINAL.has(failure) ? 'false' : 'true' };
}

const text = (message: string) => `Tokentally: ${message}`;

// https://docs.anthropic.com/en/api/errors (checked 2026-12-07): {"type":"error","error":{"type","message"}}
const ANTHROPIC_TYPE: Record<ProxyFailure, string> = {
  unreachable: 'api_error',
  timeout: 'timeout_error',
  blocked: 'invalid_request_error',
  'not-configured': 'not_found_error',
  'bad-request': 'invalid_request_error',
  forbidden: 'permission_error',
  'too-large': 'request_too_large',
  'body-timeout': 'timeout_error',
  paused: 'permission_error',
};

export const ANTHROPIC_ERRORS: ErrorShape = {
  name: 'anthropic',
  answer(failure, message): ProxyAnswer {
    const body = JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPE[failure], message: text(message) } });
    return { status: STATUS[failure], headers: headers(failure), body };
  },
};

// https://platform.openai.com/docs/guides/error-codes (checked 2026-12-07): {"error":{"message","type","param","code"}}
const OPENAI_TYPE: Record<ProxyFailure, { type: string; code: string }> = {
  unreachable: { type: 'server_error', code: 'upstream_unreachable' },
  timeout: { type: 'server_error', code: 'upstream_timeout' },
  blocked: { type: 'insufficient_quota', code: 'insufficient_quota' },
  'not-configured': { type: 'invalid_request_error', code: 'unknown_route' },
  'bad-request': { type: 'invalid_request_error', code: 'bad_request' },
  forbidden: { type: 'invalid_request_error', code: 'forbidden' },
  'too-large': { type: 'invalid_request_error', code: 'request_too_large' },
  'body-timeout': { type: 'invalid_request_error', code: 'request_timeout' },
  paused: { type: 'permission_error', code: 'tokentally_loop_guard_paused' },
};

export const OPENAI_ERRORS: ErrorShape = {
  name: 'openai',
  answer(failure, message): ProxyAnswer {
    const { type, code } = OPENAI_TYPE[failure];
    const body = JSON.stringify({ error: { message: text(message), type, param: null, code } });
    return { status: failure === 'blocked' ? 429 : STATUS[failure], headers: headers(failure), body };
  },
};

/**
 * Google APIs (AIP-193): {"error":{"code":<http status>,"message","status":"<canonical code>"}}.
 * @google/genai retries 408/429/5xx only when the caller configured retries, never a 400, so a
 * hard cap is FAILED_PRECONDITION (400), as Google answers a project whose billing stopped.
 */
const GOOGLE_STATUS: Record<ProxyFailure, string> = {
  unreachable: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  blocked: 'FAILED_PRECONDITION',
  'not-configured': 'NOT_FOUND',
  'bad-request': 'INVALID_ARGUMENT',
  forbidden: 'PERMISSION_DENIED',
  'too-large': 'INVALID_ARGUMENT',
  'body-timeout': 'DEADLINE_EXCEEDED',
  paused: 'PERMISSION_DENIED',
};

export const GOOGLE_ERRORS: ErrorShape = {
  name: 'google',
  answer(failure, message): ProxyAnswer {
    const status = STATUS[failure];
    const body = JSON.stringify({ error: { code: status, message: text(message), status: GOOGLE_STATUS[failure] } });
    return { status, headers: headers(failure), body };
  },
};

/** OpenAI-compatible gateways also serve Anthropic's Messages API (DeepSeek's /anthropic, OpenRouter): answer those in Anthropic's shape. */
export function compatibleErrors(path: string): ErrorShape {
  return /\/messages(\/|$)/.test(path) ? ANTHROPIC_ERRORS : OPENAI_ERRORS;
}
