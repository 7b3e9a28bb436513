import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_EVENTS_PATH, API_HTTP_PREFIX, isApiMethod, type ApiEvent, type TokentallyApi } from '../../../shared/api/contract.js';
import { dispatchApiCall } from '../../../shared/api/dispatch.js';
import { errorMessage } from '../../../shared/error-message.js';

const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface ApiHandlerOptions {
  api: TokentallyApi;
  /** Per-launch secret the UI must present: Bearer header for calls, ?token= for the event stream. */
  token: string;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /**
   * Aborted as the server stops: open event streams end at once. They never end by themselves,
   * so the server's close would otherwise wait out its whole grace period for every open tab.
   */
  closing?: AbortSignal;
}

/**
 * The contract over HTTP for headless mode: POST /api/<method> with the argument as JSON answers
 * the same envelope IPC carries; GET /api/events is a server-sent event stream of ApiEvents.
 */
export function createApiHandler(options: ApiHandlerOptions) {
  const expected = Buffer.from(options.token);
  const tokenMatches = (given: string | null | undefined) => {
    if (!given) return false;
    const buf = Buffer.from(given);
    return buf.length === expected.length && crypto.timingSafeEqual(buf, expected);
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== API_EVENTS_PATH && !url.pathname.startsWith(API_HTTP_PREFIX)) return false;

    if (url.pathname === API_EVENTS_PATH) {
      if (!tokenMatches(url.searchParams.get('token'))) return sendJson(res, 401, unauthorized()), true;
      streamEvents(req, res, options.onEvent, options.closing);
      return true;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(bearer)) {
      sendJson(res, 401, unauthorized());
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'API methods are called with POST' } });
      return true;
    }
    let arg: unknown;
    try {
      arg = await readJsonBody(req);
    } catch (err) {
      sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: errorMessage(err) } });
      return true;
    }
    const method = decodeURIComponent(url.pathname.slice(API_HTTP_PREFIX.length));
    const response = await dispatchApiCall(options.api, method, arg);
    const status = !response.ok && !isApiMethod(method) ? 404 : 200;
    sendJson(res, status, response);
    return true;
  };
}

function unauthorized() {
  return {
    ok: false,
    error: { code: 'bad_request', message: 'missing or wrong access token: open the UI address printed by "tokentally serve"' },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(payload);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body is larger than 1 MB');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('request body is not valid JSON');
  }
}

function streamEvents(req: IncomingMessage, res: ServerResponse, onEvent: ApiHandlerOptions['onEvent'], closing: AbortSignal | undefined): void {
  if (closing?.aborted) {
    sendJson(res, 503, { ok: false, error: { code: 'unavailable', message: 'Tokentally is stopping' } });
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const unsubscribe = onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const endStream = () => res.end();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
    closing?.removeEventListener('abort', endStream);
  };
  closing?.addEventListener('abort', endStream, { once: true });
  req.on('close', stop);
  res.on('error', stop);
}
