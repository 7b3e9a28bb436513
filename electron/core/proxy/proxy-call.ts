import { randomUUID } from 'node:crypto';
import type { PriceOverride } from '../../../shared/api/contract.js';
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createIncludeUsageStripper, createUsageTap, type IncludeUsageStripper, type TapResult, type UsageTap } from '../../../shared/usage-parse/index.js';
import type { NewUsageRecord } from '../../../shared/usage.js';
import type { BillingMode } from '../../../shared/usage.js';
import { DEFAULT_WINDOW_ACCOUNT } from '../../../shared/api/contract-windows.js';
import { readUnifiedHeaders, UNIFIED_PREFIX } from '../../../shared/windows/anthropic-headers.js';
import { createBatchResultsReader } from './batch-results.js';
import type { CallKind, ProxyFailure } from '../../../shared/providers/index.js';
import { recordOf, type CallEnd } from './call-record.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './forward-headers.js';
import type { ProxyDeps } from './proxy-deps.js';
import type { ProxyRoute } from './proxy-route.js';
import { createDeferredTee, createResponseTee, type ByteSink, type ResponseTee } from './response-tee.js';
import { rewriteResultsUrls } from './results-url.js';
import { STORED_BODY_LIMIT } from './stored-bodies.js';
import type { UpstreamAgents } from './upstream-agents.js';
import { basePath } from './upstreams.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_TIMEOUT_MS = 600_000;

/** Everything decided about a call before it goes upstream. */
export interface CallPlan {
  route: ProxyRoute;
  kind: CallKind;
  base: URL;
  method: string;
  /** Raw request headers of the client. */
  rawHeaders: string[];
  /** The body as the client sent it. */
  body: Buffer;
  /** The body with stream_options.include_usage added, or null when not added. */
  bodyWithUsage: Buffer | null;
  /** The stored key, in the header the provider's profile names. */
  injectKey: { name: string; value: string } | null;
  /** The keys in play (the client's own, the stored one injected): never kept in an error text. */
  secrets: readonly string[];
  dropHeaders: string[];
  tag: string | null;
  billing: BillingMode;
  /** Fingerprint of the API key the provider bills (key-fingerprint.ts), or null. */
  keyRef: string | null;
  /** What the request says (the profile's requestFacts): for calls with no answer to tell. */
  requestModel: string | null;
  requestStream: boolean;
  /** Epoch ms the call started, and the same instant on the monotonic clock. */
  time: number;
  startedAt: number;
  /** What the call cost, and its number at the writer (so the gate counts it once). */
  settle(actualNano: number, seq?: number): void;
  captureBodies: boolean;
  cors: boolean;
  priceOverrides: readonly PriceOverride[];
  /** Proxy URL the route's upstream base maps to (for results_url), e.g. http://127.0.0.1:8787/anthropic; set for batch objects only. */
  proxyBase: string;
}

export interface CallHooks {
  deps: ProxyDeps;
  agents: UpstreamAgents;
  /** Providers that rejected stream_options: later calls to them go without it. */
  noIncludeUsage: Set<string>;
  logOnce(key: string, line: string): void;
  /** The call is over and its record (if any) is queued. */
  done(call: ProxyCall): void;
}

class UpstreamTimeout extends Error {
  constructor(readonly phase: 'connect' | 'idle', ms: number) {
    super(phase === 'connect' ? `could not connect within ${ms / 1000} s` : `no data from the provider for ${ms / 1000} s`);
  }
}

/** Tap wrapped as a byte sink that keeps its result. */
class TapSink implements ByteSink {
  result: TapResult | null = null;
  constructor(private readonly tap: UsageTap) {}
  push(chunk: Uint8Array): void {
    this.tap.push(chunk);
  }
  end(): void {
    this.result = this.tap.end();
  }
}

/**
 * One call through the proxy: sends the request upstream, streams the answer back chunk by chunk
 * (a copy goes to the usage tap), and queues the ledger row when it is over. Nothing on the
 * copy's side can fail the client's side: tap, record and body storage errors are caught and
 * logged once.
 */
export class ProxyCall {
  private upstreamReq: http.ClientRequest | null = null;
  private responded = false;
  private ended = false;
  private firstByteAt: number | null = null;
  private httpStatus: number | null = null;
  private requestId: string | null = null;
  private isStream = false;
  private tee: ResponseTee | null = null;
  private tapSink: TapSink | null = null;
  private stripper: IncludeUsageStripper | null = null;
  private sentWithUsage = false;
  private retriedReset = false;
  private timedOut: UpstreamTimeout | null = null;
  private readonly connectMs: number;
  private readonly idleMs: number;

  constructor(
    private readonly plan: CallPlan,
    private readonly res: http.ServerResponse,
    private readonly hooks: CallHooks,
  ) {
    this.connectMs = hooks.deps.timeouts?.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.idleMs = hooks.deps.timeouts?.idleMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    res.once('close', () => {
      if (this.ended) return;
      // The client went away before the answer was complete: stop the upstream call too, and drop
      // the client's half-closed socket (it would otherwise count as busy and hold up shutdown).
      this.upstreamReq?.destroy();
      res.destroy();
      this.end(
        this.responded
          ? { kind: 'cut', reason: 'the client closed the connection mid-response' }
          : { kind: 'no-response', httpStatus: null, reason: 'the client closed the connection before the provider answered' },
      );
    });
  }

  start(): void {
    const useUsage = this.plan.bodyWithUsage !== null && !this.hooks.noIncludeUsage.has(this.plan.route.provider);
    this.send(useUsage);
  }

  /** Abort for shutdown: the call ends as cut (or unanswered) and is recorded as such. */
  abort(reason: string): void {
    if (this.ended) return;
    this.upstreamReq?.destroy();
    this.end(this.responded ? { kind: 'cut', reason } : { kind: 'no-response', httpStatus: null, reason });
    this.res.destroy();
  }

  private send(withUsage: boolean): void {
    const { plan } = this;
    this.sentWithUsage = withUsage;
    const body = withUsage ? plan.bodyWithUsage! : plan.body;
    const rewritesBatchObject = plan.kind.kind === 'batch-object';
    const headers = upstreamRequestHeaders(plan.rawHeaders, {
      host: plan.base.host,
      contentLength: body.length > 0 || methodHasBody(plan.method) ? body.length : null,
      injectKey: plan.injectKey,
      drop: plan.dropHeaders,
      // The body is rewritten on the way back (usage chunk removed, results_url pointed here):
      // that needs plain bytes.
      acceptEncoding: withUsage || rewritesBatchObject ? 'identity' : 'pass',
    });
    const base = plan.base;
    const transport = base.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request({
        protocol: base.protocol,
        hostname: base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname,
        port: base.port || undefined,
        method: plan.method,
        path: basePath(base) + plan.route.path + plan.route.query,
        // A flat list is written as it is; an object would be set header by header.
        headers,
        agent: this.hooks.agents.for(base),
        timeout: this.idleMs,
      });
    } catch (err) {
      // e.g. characters Node refuses in a request path.
      this.answerLocally('bad-request', `the request cannot be forwarded: ${errorMessage(err)}`);
      this.end({ kind: 'no-response', httpStatus: 400, reason: errorMessage(err) });
      return;
    }
    this.upstreamReq = req;
    req.on('socket', (socket) => {
      socket.setNoDelay(true);
      if (!socket.connecting) return;
      const timer = setTimeout(() => this.timeOut(req, new UpstreamTimeout('connect', this.connectMs)), this.connectMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.once('timeout', () => this.timeOut(req, new UpstreamTimeout('idle', this.idleMs)));
    req.on('error', (err) => this.onRequestError(req, err, withUsage));
    req.on('response', (upRes) => this.onResponse(upRes));
    req.end(body);
  }

  private timeOut(req: http.ClientRequest, err: UpstreamTimeout): void {
    if (req === this.upstreamReq) this.timedOut = err;
    req.destroy(err);
  }

  private onRequestError(req: http.ClientRequest, err: Error, withUsage: boolean): void {
    if (this.ended || req !== this.upstreamReq) return;
    if (this.responded) return; // the response side reports the cut
    const code = errorCode(err);
    // A kept-alive socket the provider closed just as we reused it: the request never arrived.
    if (req.reusedSocket && code === 'ECONNRESET' && !this.retriedReset) {
      this.retriedReset = true;
      this.send(withUsage);
      return;
    }
    const timeout = err instanceof UpstreamTimeout;
    const host = this.plan.base.host;
    const reason = timeout ? `${this.plan.route.provider} (${host}) ${err.message}` : `cannot reach ${this.plan.route.provider} at ${host}: ${code ?? err.message}`;
    this.hooks.logOnce(`upstream:${this.plan.route.provider}:${code ?? err.message}`, `proxy: ${reason}`);
    const status = timeout ? 504 : 502;
    this.answerLocally(timeout ? 'timeout' : 'unreachable', reason);
    this.end({ kind: 'no-response', httpStatus: status, reason });
  }

  private answerLocally(failure: ProxyFailure, message: string): void {
    if (this.res.headersSent || this.res.destroyed) return;
    const answer = this.plan.route.profile.errors(this.plan.route.path).answer(failure, message);
    const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
    if (this.plan.cors) headers['access-control-allow-origin'] = '*';
    this.res.writeHead(answer.status, headers);
    this.res.end(answer.body);
  }

  private onResponse(upRes: http.IncomingMessage): void {
    if (this.ended) {
      upRes.destroy();
      return;
    }
    const status = upRes.statusCode ?? 502;
    // A provider that refuses stream_options (strict OpenAI-compatible servers): send the call again
    // as the client wrote it, and never add the option for this provider again.
    if (this.sentWithUsage && (status === 400 || status === 422)) {
      this.checkIncludeUsageRefusal(upRes);
      return;
    }
    this.forwardResponse(upRes, null);
  }

  private checkIncludeUsageRefusal(upRes: http.IncomingMessage): void {
    const chunks: Buffer[] = [];
    upRes.on('data', (c: Buffer) => chunks.push(c));
    upRes.on('error', () => {});
    upRes.on('end', () => {
      if (this.ended) return;
      const body = Buffer.concat(chunks);
      if (body.includes('stream_options')) {
        this.hooks.noIncludeUsage.add(this.plan.route.provider);
        this.hooks.logOnce(`no-include-usage:${this.plan.route.provider}`, `proxy: ${this.plan.route.provider} refuses stream_options; its streams are sent as the client wrote them`);
        this.send(false);
      } else {
        this.forwardResponse(upRes, body);
      }
    });
  }

  /** Forward status, headers and body; `buffered` is a body already read (error re-check). */
  private forwardResponse(upRes: http.IncomingMessage, buffered: Buffer | null): void {
    const { plan, res } = this;
    this.responded = true;
    const status = upRes.statusCode ?? 502;
    this.httpStatus = status;
    const facts = responseHeaderFacts(upRes.rawHeaders);
    this.requestId = facts.requestId ?? facts.xRequestId;
    this.isStream = facts.contentType.startsWith('text/event-stream');
    const ok = status >= 200 && status < 300;
    const contentEncoding = facts.contentEncoding;
    if (facts.planWindows && this.hooks.deps.windowSnapshot) {
      const at = this.hooks.deps.now();
      // Read after this turn: the client's headers and first bytes go out first.
      setImmediate(() => this.readPlanWindows(upRes.rawHeaders, at));
    }

    const kind = plan.kind;
    // The tap and its decoder are set up on the first read of the copy, after the client's bytes are out.
    if (kind.kind === 'usage') {
      const isStream = this.isStream;
      this.tee = createDeferredTee(() => {
        this.tapSink = new TapSink(createUsageTap(kind.parser, { stream: isStream, requestModel: plan.requestModel }));
        return createResponseTee(this.tapSink, { contentEncoding, captureBytes: plan.captureBodies ? STORED_BODY_LIMIT : 0 });
      });
    } else if (kind.kind === 'batch-results' && ok) {
      this.tee = createDeferredTee(() => createResponseTee(this.batchReader(kind.batchId, kind.file === true), { contentEncoding, captureBytes: plan.captureBodies ? STORED_BODY_LIMIT : 0 }));
    }
    if (this.sentWithUsage && ok && this.isStream) this.stripper = createIncludeUsageStripper();
    const rewriteResults = kind.kind === 'batch-object' && ok;

    const headers = clientResponseHeaders(upRes.rawHeaders, { bodyRewritten: this.stripper !== null || rewriteResults, cors: plan.cors });
    upRes.on('error', () => {
      // Reported through 'close' below; without a listener an upstream reset would throw.
    });

    if (rewriteResults || buffered !== null) {
      this.forwardWhole(upRes, status, headers, buffered, rewriteResults);
      return;
    }

    res.writeHead(status, upRes.statusMessage, headers);
    // Clients wait for an event stream's headers before they read events: if no body bytes follow
    // within this turn of the event loop, send the headers alone (usually they leave together with
    // the first event, in one write).
    if (this.isStream) {
      setImmediate(() => {
        if (this.firstByteAt === null && !res.headersSent && !res.destroyed) res.flushHeaders();
      });
    }
    upRes.on('data', (chunk: Buffer) => {
      if (this.firstByteAt === null) this.firstByteAt = performance.now();
      const out = this.strip(chunk);
      if (out.length > 0 && !res.write(out)) {
        upRes.pause();
        res.once('drain', () => upRes.resume());
      }
      this.tee?.push(chunk);
    });
    upRes.on('end', () => {
      const tail = this.stripEnd();
      if (tail.length > 0) res.end(tail);
      else res.end();
      this.end({ kind: 'finished' });
    });
    upRes.on('close', () => {
      if (this.ended || upRes.complete) return;
      const reason = this.timedOut ? this.timedOut.message : 'the provider closed the connection mid-response';
      // Pass the cut on: a client must not mistake a truncated answer for a whole one.
      res.destroy();
      this.end({ kind: 'cut', reason });
    });
  }

  /** Small bodies that are read whole before they are forwarded (an error re-check, a batch object). */
  private forwardWhole(upRes: http.IncomingMessage, status: number, headers: string[], buffered: Buffer | null, rewriteResults: boolean): void {
    const deliver = (raw: Buffer) => {
      if (this.ended) return;
      this.firstByteAt ??= performance.now();
      let body = raw;
      if (rewriteResults) body = rewriteResultsUrls(raw, this.plan.base, this.plan.proxyBase) ?? raw;
      const out = body === raw && buffered === null ? headers : withContentLength(headers, body.length);
      this.res.writeHead(status, upRes.statusMessage, out);
      this.res.end(body);
      this.tee?.push(raw);
      this.end({ kind: 'finished' });
    };
    if (buffered !== null) {
      deliver(buffered);
      return;
    }
    const chunks: Buffer[] = [];
    upRes.on('data', (c: Buffer) => chunks.push(c));
    upRes.on('end', () => deliver(Buffer.concat(chunks)));
    upRes.on('close', () => {
      if (this.ended || upRes.complete) return;
      this.res.destroy();
      this.end({ kind: 'cut', reason: 'the provider closed the connection mid-response' });
    });
  }

  /** Hand the plan-window figures of a response to the core's queue. */
  private readPlanWindows(raw: readonly string[], at: number): void {
    try {
      const read = readUnifiedHeaders(raw);
      if (!read) return;
      this.hooks.deps.windowSnapshot!({
        provider: this.plan.route.provider,
        account: read.account ?? DEFAULT_WINDOW_ACCOUNT,
        source: 'proxy',
        at,
        status: read.status,
        binding: read.binding,
        windows: read.windows,
      });
    } catch (err) {
      this.hooks.logOnce('plan-windows', `proxy: plan-window headers could not be read: ${errorMessage(err)}`);
    }
  }

  private strip(chunk: Buffer): Uint8Array {
    if (this.stripper === null) return chunk;
    try {
      return this.stripper.push(chunk);
    } catch (err) {
      this.stripper = null;
      this.hooks.logOnce('stripper', `proxy: could not remove the added usage chunk (${errorMessage(err)}); passing the stream as it is`);
      return chunk;
    }
  }

  private stripEnd(): Uint8Array {
    if (this.stripper === null) return EMPTY;
    try {
      return this.stripper.end();
    } catch {
      return EMPTY;
    }
  }

  private batchReader(batchId: string, file: boolean): ByteSink {
    const { plan, hooks } = this;
    return createBatchResultsReader(
      (line) => {
        try {
          const cost = hooks.deps.price({
            provider: plan.route.provider,
            model: line.model,
            tokens: line.tokens,
            batch: true,
            serviceTier: line.serviceTier ?? null,
            speed: line.speed ?? null,
            inferenceGeo: line.inferenceGeo ?? null,
            overrides: plan.priceOverrides,
          });
          const rec: NewUsageRecord = {
            time: plan.time,
            provider: plan.route.provider,
            model: line.model,
            billing: 'batch',
            source: 'proxy',
            tag: plan.tag,
            keyRef: plan.keyRef,
            status: 'ok',
            stream: false,
            ...line.tokens,
            costNano: cost.totalNano,
            priced: cost.priced,
            costSource: cost.costSource,
            priceVersion: cost.priceVersion,
            latencyMs: null,
            ttftMs: null,
            requestId: this.requestId,
            // Fetching the results again must not count them twice (unique per source + externalId).
            externalId: `${batchId}:${line.customId}`,
            endpoint: `${plan.route.path}`,
            httpStatus: 200,
            errorMessage: null,
            serviceTier: line.serviceTier ?? null,
            speed: line.speed ?? null,
            inferenceGeo: line.inferenceGeo ?? null,
            webFetchRequests: line.webFetchRequests ?? 0,
          };
          hooks.deps.record(rec);
        } catch (err) {
          hooks.logOnce('batch-record', `proxy: a batch result could not be recorded: ${errorMessage(err)}`);
        }
      },
      // A file's content is usually not batch output (an upload read back, a PDF): nothing to say then.
      (reason) => (file ? undefined : hooks.logOnce(`batch-skip:${reason}`, `proxy: batch ${batchId}: ${reason}; that line is not counted`)),
    );
  }

  private end(how: CallEnd): void {
    if (this.ended) return;
    this.ended = true;
    const endedAt = performance.now();
    // After pending I/O: the next request's bytes go out before this one's bookkeeping.
    setImmediate(() => void this.finish(how, endedAt));
  }

  /** Off the response path: wait for the tap's copy to drain, then queue the record. */
  private async finish(how: CallEnd, endedAt: number): Promise<void> {
    const { plan, hooks } = this;
    let costNano = 0;
    let seq: number | undefined;
    try {
      const teeResult = this.tee ? await this.tee.finish() : null;
      if (teeResult?.failure) hooks.logOnce(`tee:${teeResult.failure}`, `proxy: ${teeResult.failure}`);
      if (plan.kind.kind === 'usage') {
        const tap = this.tapSink?.result ?? null;
        const externalId = plan.captureBodies ? randomUUID() : null;
        const rec = recordOf(
          {
            time: plan.time,
            provider: plan.route.provider,
            billing: plan.billing,
            tag: plan.tag,
            keyRef: plan.keyRef,
            // An event stream, or a stream the request asked for that came as a streamed JSON array (Gemini).
            stream: this.responded ? this.isStream || (plan.requestStream && (this.httpStatus ?? 0) < 400) : plan.requestStream,
            endpoint: plan.route.path,
            httpStatus: how.kind === 'no-response' ? how.httpStatus : this.httpStatus,
            requestId: this.requestId,
            latencyMs: Math.round(endedAt - plan.startedAt),
            ttftMs: this.firstByteAt === null ? null : Math.round(this.firstByteAt - plan.startedAt),
            externalId,
            requestModel: plan.requestModel,
            requestBytes: plan.body.length,
            responseBytes: teeResult?.decodedBytes ?? 0,
            tap: teeResult?.failure ? null : tap,
            end: how,
            secrets: plan.secrets,
          },
          hooks.deps.price,
          plan.priceOverrides,
        );
        costNano = rec.billing === 'subscription' ? 0 : rec.costNano;
        seq = hooks.deps.record(rec);
        if (externalId !== null && hooks.deps.storeBodies) {
          hooks.deps.storeBodies({
            externalId,
            time: plan.time,
            requestBody: plan.body.subarray(0, STORED_BODY_LIMIT),
            requestTruncated: plan.body.length > STORED_BODY_LIMIT,
            responseBody: teeResult?.captured ?? Buffer.alloc(0),
            responseTruncated: teeResult?.capturedTruncated ?? false,
          });
        }
      }
    } catch (err) {
      hooks.logOnce(`record:${errorMessage(err)}`, `proxy: a call could not be recorded: ${errorMessage(err)}`);
    } finally {
      try {
        plan.settle(costNano, seq);
      } catch {
        // The gate's bookkeeping must not keep the call from being released.
      }
      hooks.done(this);
    }
  }
}

const EMPTY = new Uint8Array(0);

function methodHasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'DELETE' && method !== 'OPTIONS';
}

/**
 * The response headers the proxy reads, in one pass over the raw list (upRes.headers would build
 * an object of all of them). Repeats are read as Node's headers object reads them: joined with
 * ', ', except Content-Type, whose first value counts.
 */
function responseHeaderFacts(raw: readonly string[]): {
  requestId: string | null;
  xRequestId: string | null;
  contentType: string;
  contentEncoding: string | undefined;
  /** The response carries plan-window headers (anthropic-ratelimit-unified-*): read them later, off the response path. */
  planWindows: boolean;
} {
  let requestId: string | null = null;
  let xRequestId: string | null = null;
  let contentType: string | null = null;
  let contentEncoding: string | undefined;
  let planWindows = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    // Only names of these lengths can match: most headers are skipped without lower-casing.
    const n = name.length;
    if (n !== 10 && n !== 12 && n !== 16) {
      if (!planWindows && n > UNIFIED_PREFIX.length) planWindows = isUnifiedHeader(name);
      continue;
    }
    const lower = name.toLowerCase();
    const value = raw[i + 1]!;
    if (lower === 'request-id') requestId = requestId === null ? value : `${requestId}, ${value}`;
    else if (lower === 'x-request-id') xRequestId = xRequestId === null ? value : `${xRequestId}, ${value}`;
    else if (lower === 'content-type') contentType ??= value;
    else if (lower === 'content-encoding') contentEncoding = contentEncoding === undefined ? value : `${contentEncoding}, ${value}`;
  }
  return { requestId, xRequestId, contentType: contentType ?? '', contentEncoding, planWindows };
}

/** Two character checks turn away every other long header ('a' first, 'u' of "unified" at 20) before a compare. */
function isUnifiedHeader(name: string): boolean {
  return (name.charCodeAt(0) | 0x20) === 0x61 && (name.charCodeAt(20) | 0x20) === 0x75 && name.slice(0, UNIFIED_PREFIX.length).toLowerCase() === UNIFIED_PREFIX;
}

function withContentLength(headers: string[], length: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (headers[i]!.toLowerCase() === 'content-length') continue;
    out.push(headers[i]!, headers[i + 1]!);
  }
  out.push('content-length', String(length));
  return out;
}
