/**
 * GET a JSON document from a provider's report API, the way a polite client does: a timeout, a
 * few quick retries on 429 and 5xx that honour `retry-after`, and errors that never carry the key.
 */
import { redactSecrets } from '../../../shared/keys/redact-secrets.js';
import { PollError } from './poll-error.js';
import type { PollerContext } from './poll-types.js';
import { retryAfterMs } from './retry-after.js';
import { errorCause, errorCode } from '../../../shared/error-message.js';

const REQUEST_TIMEOUT_MS = 30_000;
/** Retries within one poll; a longer wait is left to the scheduler (the poll fails with retryAt). */
const MAX_ATTEMPTS = 3;
const MAX_INLINE_WAIT_MS = 30_000;
/** Waits when a 429 / 5xx gives no retry-after: 2 s, then 4 s. */
const DEFAULT_WAIT_MS = 2_000;

export interface JsonRequest {
  url: URL;
  headers: Record<string, string>;
  /** The provider's display name, for messages. */
  providerName: string;
  /** The key sent, so that it can be cut out of any message the provider echoes back. */
  key: string;
}

/** A 2xx answer's parsed body. Any other status becomes a PollError (see `explain` for the words). */
export async function getJson(ctx: PollerContext, req: JsonRequest): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const res = await send(ctx, req);
    const text = await readBody(res, req, ctx);
    if (res.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new PollError('malformed', `${req.providerName} answered with something that is not JSON; nothing was stored`);
      }
    }
    const providerMessage = errorMessageOf(text, req.key);
    const retryable = res.status === 429 || res.status >= 500;
    if (!retryable) throw httpError(res.status, req, providerMessage);
    const wait = retryAfterMs(res.headers.get('retry-after'), ctx.now()) ?? DEFAULT_WAIT_MS * 2 ** (attempt - 1);
    if (attempt < MAX_ATTEMPTS && wait <= MAX_INLINE_WAIT_MS) {
      await ctx.sleep(wait);
      if (ctx.signal?.aborted) throw new PollError('aborted', 'polling stopped');
      continue;
    }
    const retryAt = ctx.now() + wait;
    const until = new Date(retryAt).toISOString().slice(11, 16);
    throw res.status === 429
      ? new PollError('rate-limited', `${req.providerName} is rate limiting these requests; trying again after ${until} UTC`, {
          status: 429,
          retryAt,
          providerMessage,
        })
      : new PollError('server', `${req.providerName} had a server error (HTTP ${res.status}); trying again after ${until} UTC`, {
          status: res.status,
          retryAt,
          providerMessage,
        });
  }
}

async function send(ctx: PollerContext, req: JsonRequest): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    return await ctx.fetch(req.url, { method: 'GET', headers: { accept: 'application/json', ...req.headers }, signal, redirect: 'error' });
  } catch (err) {
    throw transportError(err, req, ctx, timeout);
  }
}

async function readBody(res: Response, req: JsonRequest, ctx: PollerContext): Promise<string> {
  try {
    return await res.text();
  } catch (err) {
    throw transportError(err, req, ctx, null);
  }
}

function transportError(err: unknown, req: JsonRequest, ctx: PollerContext, timeout: AbortSignal | null): PollError {
  if (ctx.signal?.aborted) return new PollError('aborted', 'polling stopped');
  if (timeout?.aborted) {
    return new PollError('network', `${req.url.host} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
  }
  const cause = errorCode(errorCause(err));
  const code = cause ? ` (${cause})` : '';
  return new PollError('network', `could not reach ${req.url.host}${code}: check the network and the ${req.providerName} base URL`);
}

function httpError(status: number, req: JsonRequest, providerMessage: string | undefined): PollError {
  const said = providerMessage ? ` — ${req.providerName} said: "${providerMessage}"` : '';
  if (status === 401) return new PollError('unauthorized', `${req.providerName} refused the key (HTTP 401)${said}`, { status, providerMessage });
  if (status === 403) return new PollError('forbidden', `${req.providerName} refused access (HTTP 403)${said}`, { status, providerMessage });
  if (status === 404) {
    return new PollError('not-found', `${req.url.origin} has no ${req.url.pathname} (HTTP 404): check the ${req.providerName} base URL`, {
      status,
      providerMessage,
    });
  }
  return new PollError('http', `${req.providerName} answered HTTP ${status}${said}`, { status, providerMessage });
}

/** The message of a JSON error body (`{error:{message}}`, `{error:"…"}`, `{message}`), shortened, keys cut out. */
function errorMessageOf(text: string, key: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const o = body as { error?: unknown; message?: unknown } | null;
  const err = o?.error as { message?: unknown } | string | undefined;
  const raw = typeof err === 'string' ? err : typeof err?.message === 'string' ? err.message : typeof o?.message === 'string' ? o.message : undefined;
  if (!raw) return undefined;
  return redactSecrets(raw, [key]).slice(0, 200);
}

