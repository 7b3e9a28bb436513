/**
 * Fake Anthropic and OpenAI-compatible providers on 127.0.0.1, answering like the real APIs
 * (bodies and streams from test/fixtures/wire, rate-limit and request-id headers, gzip for JSON
 * when the client accepts it, streams written in odd-sized chunks). A test can script the next
 * answers (errors, 429, a cut stream, a hang) with `fake.script(...)`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ANTHROPIC_COUNT_TOKENS_BODY, ANTHROPIC_MESSAGE_BODY, ANTHROPIC_STREAM } from '../fixtures/wire/anthropic.js';
import { OPENAI_CHAT_BODY, OPENAI_EMBEDDINGS_BODY, OPENROUTER_STREAM, openAiChatStream } from '../fixtures/wire/openai-chat.js';
import { RESPONSES_BODY, RESPONSES_STREAM } from '../fixtures/wire/openai-responses.js';
import { GEMINI_ARRAY_STREAM, GEMINI_BODY, GEMINI_COUNT_TOKENS_BODY, GEMINI_SSE, geminiError } from '../fixtures/wire/gemini.js';

export interface SeenRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  json: Record<string, unknown> | null;
  /** Resolves when the request's connection closed before the answer was complete (the client aborted). */
  aborted: Promise<void>;
  wasAborted(): boolean;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Whole body (gzip-compressed when the client accepts it and `compress` is not false). */
  body?: string | Buffer;
  /** A stream: written piece by piece, with a pause between pieces. */
  chunks?: (string | Buffer)[];
  chunkDelayMs?: number;
  /** After writing the chunks, destroy the socket instead of ending the response. */
  cut?: boolean;
  /** After writing the chunks (or headers), never finish. */
  hang?: boolean;
  /** Never answer at all (not even headers). */
  silent?: boolean;
  compress?: boolean;
}

type Script = (req: SeenRequest) => Reply | null | undefined;

export interface FakeProvider {
  url: string;
  requests: SeenRequest[];
  /** Answer the next calls with this script (null/undefined falls back to the default behaviour). */
  script(fn: Script | null): void;
  close(): Promise<void>;
}

export type Flavor = 'anthropic' | 'openai' | 'openrouter' | 'gemini';

/** Split text into pieces of varying sizes (3, 7, 11, 5, ...), so events and UTF-8 characters straddle chunks. */
export function splitOddly(text: string | Buffer): Buffer[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const sizes = [3, 7, 11, 5, 64, 2, 17, 128];
  const out: Buffer[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

export async function startFakeProvider(flavor: Flavor): Promise<FakeProvider> {
  const requests: SeenRequest[] = [];
  let script: Script | null = null;
  const sockets = new Set<import('node:net').Socket>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: Record<string, unknown> | null;
      try {
        json = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : null;
      } catch {
        json = null;
      }
      let abortedFlag = false;
      let markAborted!: () => void;
      const aborted = new Promise<void>((resolve) => (markAborted = resolve));
      res.on('close', () => {
        if (!res.writableFinished) {
          abortedFlag = true;
          markAborted();
        }
      });
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        json,
        aborted,
        wasAborted: () => abortedFlag,
      };
      requests.push(seen);
      counter++;
      const reply = script?.(seen) ?? defaultReply(flavor, seen, counter, `http://127.0.0.1:${port()}`);
      void answer(req, res, reply);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port()}`,
    requests,
    script(fn) {
      script = fn;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): Promise<void> {
  if (reply.silent) return;
  const headers: Record<string, string> = { ...reply.headers };
  const status = reply.status ?? 200;
  if (reply.chunks) {
    res.writeHead(status, headers);
    res.flushHeaders();
    for (const chunk of reply.chunks) {
      if (res.destroyed) return;
      res.write(chunk);
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    }
    if (reply.hang) return;
    if (reply.cut) {
      // Let the written bytes leave before the connection is cut.
      await sleep(20);
      res.socket?.destroy();
      return;
    }
    res.end();
    return;
  }
  let body = reply.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body, 'utf8');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (reply.compress !== false && body.length > 0 && /\bgzip\b/.test(accepts)) {
    body = zlib.gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  if (reply.hang) {
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    return;
  }
  res.end(body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultReply(flavor: Flavor, req: SeenRequest, n: number, selfUrl: string): Reply {
  if (flavor === 'gemini') return geminiReply(req, n);
  return flavor === 'anthropic' ? anthropicReply(req, n, selfUrl) : openAiReply(flavor, req, n);
}

// ---- Anthropic -------------------------------------------------------------------------------

const ANTHROPIC_TOOL_BODY = JSON.stringify({
  id: 'msg_01Aq9w938a90dw8q',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [
    { type: 'text', text: 'I will check the weather.' },
    { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 412, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 64, service_tier: 'standard' },
});

function anthropicHeaders(n: number, json: boolean): Record<string, string> {
  return {
    'content-type': json ? 'application/json' : 'text/event-stream; charset=utf-8',
    'request-id': `req_fake_${n}`,
    'anthropic-ratelimit-requests-limit': '4000',
    'anthropic-ratelimit-requests-remaining': '3999',
    'anthropic-ratelimit-requests-reset': '2026-11-23T18:00:00Z',
    'anthropic-ratelimit-tokens-remaining': '398000',
    'access-control-allow-origin': '*',
    ...(json ? {} : { 'cache-control': 'no-cache' }),
  };
}

export function anthropicError(status: number, type: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'request-id': 'req_fake_err', 'x-should-retry': status === 429 || status >= 500 ? 'true' : 'false' },
    body: JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_fake_err' }),
  };
}

function batchId(n: number): string {
  return `msgbatch_fake${n}`;
}

export const BATCH_RESULTS_JSONL =
  [
    { custom_id: 'first', result: { type: 'succeeded', message: { id: 'msg_b1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', content: [{ type: 'text', text: 'one' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 200 } } } },
    { custom_id: 'second', result: { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } } } },
    { custom_id: 'third', result: { type: 'succeeded', message: { id: 'msg_b3', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', content: [{ type: 'text', text: 'three — ünïcode' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 400 } } } },
    { custom_id: 'fourth', result: { type: 'expired' } },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n') + '\n';

function batchObject(id: string, selfUrl: string, ended: boolean): string {
  return JSON.stringify({
    id,
    type: 'message_batch',
    processing_status: ended ? 'ended' : 'in_progress',
    request_counts: { processing: ended ? 0 : 4, succeeded: ended ? 2 : 0, errored: ended ? 1 : 0, canceled: 0, expired: ended ? 1 : 0 },
    ended_at: ended ? '2026-11-23T18:00:00Z' : null,
    created_at: '2026-11-23T17:00:00Z',
    expires_at: '2026-11-24T17:00:00Z',
    cancel_initiated_at: null,
    results_url: ended ? `${selfUrl}/v1/messages/batches/${id}/results` : null,
    archived_at: null,
  });
}

function anthropicReply(req: SeenRequest, n: number, selfUrl: string): Reply {
  if (!req.headers['x-api-key'] && !req.headers.authorization) {
    return anthropicError(401, 'authentication_error', 'x-api-key header is required');
  }
  const path = req.url.split('?')[0]!;
  if (req.method === 'POST' && path === '/v1/messages') {
    if (req.json?.stream === true) return { headers: anthropicHeaders(n, false), chunks: splitOddly(ANTHROPIC_STREAM) };
    const body = Array.isArray(req.json?.tools) ? ANTHROPIC_TOOL_BODY : ANTHROPIC_MESSAGE_BODY;
    return { headers: anthropicHeaders(n, true), body };
  }
  if (req.method === 'POST' && path === '/v1/messages/count_tokens') return { headers: anthropicHeaders(n, true), body: ANTHROPIC_COUNT_TOKENS_BODY };
  if (req.method === 'POST' && path === '/v1/messages/batches') return { headers: anthropicHeaders(n, true), body: batchObject(batchId(1), selfUrl, false) };
  const results = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(path);
  if (req.method === 'GET' && results) {
    return { headers: { 'content-type': 'application/binary', 'request-id': `req_fake_${n}` }, body: BATCH_RESULTS_JSONL };
  }
  const one = /^\/v1\/messages\/batches\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && one) return { headers: anthropicHeaders(n, true), body: batchObject(one[1]!, selfUrl, true) };
  if (req.method === 'GET' && path === '/v1/models') {
    return { headers: anthropicHeaders(n, true), body: '{"data":[{"type":"model","id":"claude-haiku-4-5-20251001"}],"has_more":false}' };
  }
  return anthropicError(404, 'not_found_error', `no route ${req.method} ${path}`);
}

// ---- OpenAI and OpenAI-compatible ------------------------------------------------------------

export function openAiError(status: number, type: string, message: string, code: string | null = null): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_fake_err' },
    body: JSON.stringify({ error: { message, type, param: null, code } }),
  };
}

const OPENAI_TOOL_BODY = JSON.stringify({
  id: 'chatcmpl-tool1',
  object: 'chat.completion',
  created: 1741569952,
  model: 'gpt-4.1-mini-2025-04-14',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }],
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    },
  ],
  usage: { prompt_tokens: 82, completion_tokens: 17, total_tokens: 99, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
});

const OPENROUTER_BODY = JSON.stringify({
  id: 'gen-1745000001-body',
  provider: 'Anthropic',
  model: 'anthropic/claude-sonnet-4.5',
  object: 'chat.completion',
  created: 1745000001,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop', native_finish_reason: 'end_turn' }],
  usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, cost: 0.00123, prompt_tokens_details: { cached_tokens: 0 } },
});

function openAiHeaders(n: number, json: boolean): Record<string, string> {
  return {
    'content-type': json ? 'application/json' : 'text/event-stream; charset=utf-8',
    'x-request-id': `req_fake_${n}`,
    'openai-processing-ms': '123',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-reset-requests': '6ms',
    'access-control-allow-origin': '*',
  };
}

function openAiReply(flavor: Flavor, req: SeenRequest, n: number): Reply {
  const auth = req.headers.authorization;
  if (!auth || !/^Bearer \S+/.test(auth)) return openAiError(401, 'invalid_request_error', 'You didn\'t provide an API key.', 'missing_api_key');
  let path = req.url.split('?')[0]!;
  if (flavor === 'openrouter') {
    if (!path.startsWith('/api/')) return openAiError(404, 'invalid_request_error', 'not found');
    path = path.slice(4);
  }
  const stream = req.json?.stream === true;
  if (req.method === 'POST' && path === '/v1/chat/completions') {
    if (flavor === 'openrouter') {
      return stream ? { headers: openAiHeaders(n, false), chunks: splitOddly(OPENROUTER_STREAM) } : { headers: openAiHeaders(n, true), body: OPENROUTER_BODY };
    }
    if (stream) {
      const options = req.json?.stream_options as { include_usage?: boolean } | undefined;
      return { headers: openAiHeaders(n, false), chunks: splitOddly(openAiChatStream({ includeUsage: options?.include_usage === true })) };
    }
    return { headers: openAiHeaders(n, true), body: Array.isArray(req.json?.tools) ? OPENAI_TOOL_BODY : OPENAI_CHAT_BODY };
  }
  if (req.method === 'POST' && path === '/v1/responses') {
    if (req.json?.stream_options !== undefined) return openAiError(400, 'invalid_request_error', "Unknown parameter: 'stream_options'.", 'unknown_parameter');
    return stream ? { headers: openAiHeaders(n, false), chunks: splitOddly(RESPONSES_STREAM) } : { headers: openAiHeaders(n, true), body: RESPONSES_BODY };
  }
  if (req.method === 'POST' && path === '/v1/embeddings') return { headers: openAiHeaders(n, true), body: OPENAI_EMBEDDINGS_BODY };
  return openAiError(404, 'invalid_request_error', `Invalid URL (${req.method} ${path})`);
}

// ---- Gemini ----------------------------------------------------------------------------------

/** The key a Gemini request carries: x-goog-api-key or ?key= (as the real API accepts both). */
export function geminiKey(req: SeenRequest): string | null {
  const header = req.headers['x-goog-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  return new URL(req.url, 'http://x').searchParams.get('key');
}

function geminiReply(req: SeenRequest, n: number): Reply {
  const json = (status: number, body: string): Reply => ({ status, headers: { 'content-type': 'application/json; charset=UTF-8', 'x-gemini-service-tier': 'standard' }, body });
  const key = geminiKey(req);
  if (!key || key === 'tokentally') return json(400, geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'));
  const url = new URL(req.url, 'http://x');
  const m = /^\/v1beta\/models\/([^/:]+):(\w+)$/.exec(url.pathname);
  if (req.method === 'GET' && url.pathname === '/v1beta/models') return json(200, JSON.stringify({ models: [{ name: 'models/gemini-2.5-flash' }] }));
  if (!m || req.method !== 'POST') return json(404, geminiError(404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`));
  const method = m[2];
  if (method === 'countTokens') return json(200, GEMINI_COUNT_TOKENS_BODY);
  if (method === 'generateContent') return json(200, GEMINI_BODY);
  if (method === 'streamGenerateContent') {
    return url.searchParams.get('alt') === 'sse'
      ? { headers: { 'content-type': 'text/event-stream', 'x-request-n': String(n) }, chunks: splitOddly(GEMINI_SSE), compress: false }
      : { headers: { 'content-type': 'application/json; charset=UTF-8' }, chunks: splitOddly(GEMINI_ARRAY_STREAM), compress: false };
  }
  return json(404, geminiError(404, 'NOT_FOUND', `unknown method ${method}`));
}
