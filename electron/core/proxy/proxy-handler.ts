import type http from 'node:http';
import type { PriceOverride, Settings } from '../../../shared/api/contract.js';
import { performance } from 'node:perf_hooks';
import { keyHeader, OPENAI_ERRORS, type CallKind, type ProxyAnswer, type ProxyFailure, type RequestFacts } from '../../../shared/providers/index.js';
import type { HttpHandler } from '../server/http-handler.js';
import type { GateRequest } from './budget-gate.js';
import { recordOf } from './call-record.js';
import { CORS_HEADERS, TAG_HEADER } from './forward-headers.js';
import { withIncludeUsage } from './include-usage.js';
import { keyFingerprint } from '../secrets/key-fingerprint.js';
import { ProxyCall, type CallHooks, type CallPlan } from './proxy-call.js';
import type { ProxyDeps } from './proxy-deps.js';
import { cleanTag, createRouteMatcher, type ProxyRoute } from './proxy-route.js';
import { BufferRequestBody } from './request-body.js';
import { judgeBrowserRequest } from './browser-request.js';
import { hasDotSegment } from './path-safety.js';
import { readRequestBody, type BodyRead } from './read-body.js';
import { bodyLimitBytes, DEFAULT_PROXY_LIMITS, formatBytes, type BodyKind } from '../../../shared/proxy-limits.js';
import { queryParam, withoutQueryParam } from './query-key.js';
import { createUpstreamAgents } from './upstream-agents.js';
import { tagFromUserAgent } from './user-agent-tag.js';
import { errorMessage } from '../../../shared/error-message.js';

export type { ProxyDeps } from './proxy-deps.js';

export interface ProxyHandler extends HttpHandler {
  /** Calls started and not yet recorded. */
  activeCalls(): number;
  /** Resolves when no call is active, or after timeoutMs; true when all finished. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Cut every active call (recorded as cut) and drop pooled upstream connections. */
  close(): void;
}

const LOG_ONCE_LIMIT = 200;

/**
 * The logging proxy: /<route>/* for every provider profile and /p/<name>/* for the user's own
 * (optionally behind /t/<tag>/), forwarded to the configured upstreams untouched, every spending
 * call logged. What a call is, how its key goes in, how it is refused and how its usage is read
 * are the provider profile's answers (shared/providers/): nothing here names a provider.
 */
export function createProxyHandler(deps: ProxyDeps): ProxyHandler {
  const agents = createUpstreamAgents();
  const active = new Set<ProxyCall>();
  const idleWaiters = new Set<() => void>();
  const logged = new Set<string>();
  let closed = false;
  let lastUserAgent: string | null = null;
  let lastUserAgentTag: string | null = null;
  const matchRoute = createRouteMatcher();

  const hooks: CallHooks = {
    deps,
    agents,
    noIncludeUsage: new Set(),
    logOnce(key, line) {
      if (logged.has(key)) return;
      if (logged.size >= LOG_ONCE_LIMIT) logged.clear();
      logged.add(key);
      safeLog(deps, line);
    },
    done(call) {
      active.delete(call);
      if (active.size === 0) for (const wake of idleWaiters) wake();
    },
  };

  const handle: HttpHandler = (req, res) => {
    const target = req.url ?? '/';
    // Read once per call: both may be backed by the settings table.
    const providers = deps.providers();
    const match = matchRoute(target, providers);
    if (match === null) return false;
    if (match.kind === 'unknown') {
      // No profile to ask: the OpenAI shape is the one most clients read.
      send(res, OPENAI_ERRORS.answer('not-configured', match.message), false);
      return true;
    }
    const route = match.route;
    const settings = deps.settings();
    const cors = settings.proxyCors;
    // A web page may make the browser send requests here (and the proxy adds stored keys):
    // pages of other sites are refused, and nothing a browser sends ever gets a stored key.
    const headers = req.headers;
    const browser = judgeBrowserRequest(firstHeader(headers['sec-fetch-site']), firstHeader(headers['sec-fetch-mode']), headers.origin, headers.referer, cors);
    if (browser.refusal !== null) {
      send(res, refusal(route, 'forbidden', browser.refusal), false);
      return true;
    }
    if (req.method === 'OPTIONS' && cors) {
      answerPreflight(req, res);
      return true;
    }
    if (closed) {
      send(res, refusal(route, 'unreachable', 'Tokentally is shutting down'), cors);
      return true;
    }
    // The raw path goes below the upstream's base path: `..` must not climb out of it.
    const q = target.indexOf('?');
    if (hasDotSegment(q < 0 ? target : target.slice(0, q))) {
      send(res, refusal(route, 'bad-request', 'the path has "." or ".." segments, which could leave the upstream\'s base path; send it without them'), cors);
      return true;
    }
    const startedAt = performance.now();
    const time = deps.now();
    const method = req.method ?? 'GET';
    const kind = route.profile.classify(method, route.path);
    const limits = settings.proxyLimits ?? DEFAULT_PROXY_LIMITS;
    const limit = bodyLimitBytes(limits, bodyKind(kind));
    readRequestBody(req, limit, limits.bodyIdleSeconds * 1000, (read) => {
      if (read.kind === 'failed' || res.destroyed) return;
      if (read.kind !== 'body') {
        refuseBody(req, res, route, read, limit, limits.bodyIdleSeconds, cors);
        return;
      }
      try {
        begin(req, res, route, kind, method, read.body, startedAt, time, browser.browser, providers.upstreams, settings);
      } catch (err) {
        // A bug in planning must not hang the client.
        hooks.logOnce(`plan:${errorMessage(err)}`, `proxy: cannot forward a call: ${errorMessage(err)}`);
        if (!res.headersSent) send(res, refusal(route, 'unreachable', 'internal error in the proxy'), cors);
      }
    });
    return true;
  };

  /** A body too large or stalled: the provider's own refusal. */
  function refuseBody(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: ProxyRoute,
    read: Extract<BodyRead, { kind: 'too-large' | 'stalled' }>,
    limit: number,
    idleSeconds: number,
    cors: boolean,
  ): void {
    const what = `${req.method ?? 'GET'} ${route.prefix}${route.path}`;
    const answer =
      read.kind === 'too-large'
        ? refusal(route, 'too-large', `the request body (${formatBytes(read.bytes)}) is larger than the proxy's limit of ${formatBytes(limit)} for this kind of call; raise proxyLimits in Settings if the provider takes it`)
        : refusal(route, 'body-timeout', `the request body stopped arriving: nothing for ${idleSeconds} s after ${read.bytes} bytes`);
    hooks.logOnce(`body:${read.kind}:${route.provider}`, `proxy: refused ${what}: ${read.kind === 'too-large' ? `a ${formatBytes(read.bytes)} body (limit ${formatBytes(limit)})` : `its body stalled for ${idleSeconds} s`}`);
    if (read.kind === 'stalled') {
      // A stalled client sends nothing more: nothing to wait for once the answer is out.
      res.shouldKeepAlive = false;
      res.once('finish', () => req.socket.destroy());
    }
    // An oversized body is still being read and dropped (read-body.ts): the connection stays open
    // until it is in, so a client that only reads the answer after sending (fetch) gets it.
    send(res, answer, cors);
  }

  function begin(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: ProxyRoute,
    kind: CallKind,
    method: string,
    body: Buffer,
    startedAt: number,
    time: number,
    fromBrowser: boolean,
    upstreams: ReadonlyMap<string, URL>,
    settings: Settings,
  ): void {
    const base = upstreams.get(route.provider);
    if (!base) {
      send(res, refusal(route, 'not-configured', `the ${route.provider} upstream is not configured`), settings.proxyCors);
      return;
    }
    const profile = route.profile;
    const requestBody = new BufferRequestBody(body);
    const facts = profile.requestFacts(route.path, requestBody);
    const tag = cleanTag(firstHeader(req.headers[TAG_HEADER])) ?? route.pathTag ?? userAgentTag(req.headers['user-agent']);
    const queryKey = profile.keyAuth.queryParam === null ? null : queryParam(route.query, profile.keyAuth.queryParam);
    const credentials = profile.credentials((name) => firstHeader(req.headers[name]), queryKey);
    let injectKey: CallPlan['injectKey'] = null;
    let keyRef: string | null = credentials.billedKey === null ? null : keyFingerprint(credentials.billedKey);
    // The keys in play, cut out of any error text the call's record keeps (a provider may echo them).
    const secrets: string[] = credentials.billedKey === null ? [] : [credentials.billedKey];
    if (!credentials.hasOwnKey && !fromBrowser) {
      const key = safeGetKey(route.provider);
      if (key) {
        secrets.push(key);
        injectKey = keyHeader(profile.keyAuth, key);
        if (credentials.billing === 'api') keyRef = keyFingerprint(key);
      }
    }
    // A placeholder key in the query (…?key=tokentally) must not reach the provider.
    const query = credentials.dropQueryKey && profile.keyAuth.queryParam !== null ? withoutQueryParam(route.query, profile.keyAuth.queryParam) : route.query;

    let settle: (nano: number) => void = noop;
    if (spends(kind)) {
      // The loop guard first: a paused tag is refused whatever its budget says (403, not retried).
      const verdict = deps.guard?.admit({ tag, model: facts.model, path: route.path, body });
      if (verdict !== undefined && !verdict.allowed) {
        send(res, refusal(route, 'paused', verdict.message), settings.proxyCors);
        recordBlocked(route, kind, facts, body.length, tag, credentials.billing, keyRef, time, startedAt, verdict.message, settings.priceOverrides);
        return;
      }
      const decision = deps.gate.admit(new SpendingCall(route.provider, credentials.billing, tag, keyRef, facts, settings.priceOverrides, deps.price));
      if (!decision.allowed) {
        send(res, refusal(route, 'blocked', decision.message), settings.proxyCors);
        recordBlocked(route, kind, facts, body.length, tag, credentials.billing, keyRef, time, startedAt, decision.message, settings.priceOverrides);
        return;
      }
      settle = decision.settle;
    }

    const plan: CallPlan = {
      route: query === route.query ? route : { ...route, query },
      kind,
      base,
      method,
      rawHeaders: req.rawHeaders,
      body,
      bodyWithUsage: kind.kind === 'usage' && kind.addIncludeUsage ? withIncludeUsage(body) : null,
      injectKey,
      secrets,
      dropHeaders: injectKey ? credentials.placeholders : [],
      tag,
      billing: credentials.billing,
      keyRef,
      requestModel: facts.model,
      requestStream: facts.stream,
      time,
      startedAt,
      settle,
      captureBodies: tag !== null && kind.kind === 'usage' && deps.storeBodies !== undefined && settings.storeBodiesForTags.includes(tag),
      cors: settings.proxyCors,
      priceOverrides: settings.priceOverrides,
      proxyBase: kind.kind === 'batch-object' ? `http://${req.headers.host}${route.prefix}` : '',
    };
    const call = new ProxyCall(plan, res, hooks);
    active.add(call);
    call.start();
  }

  /** tagFromUserAgent, remembered for the last User-Agent seen (a client sends the same one every call). */
  function userAgentTag(ua: string | undefined): string | null {
    if (ua === undefined) return null;
    if (ua !== lastUserAgent) {
      lastUserAgent = ua;
      lastUserAgentTag = tagFromUserAgent(ua);
    }
    return lastUserAgentTag;
  }

  function recordBlocked(
    route: ProxyRoute,
    kind: CallKind,
    facts: RequestFacts,
    requestBytes: number,
    tag: string | null,
    billing: CallPlan['billing'],
    keyRef: string | null,
    time: number,
    startedAt: number,
    message: string,
    overrides: readonly PriceOverride[],
  ): void {
    try {
      const rec = recordOf(
        {
          time,
          provider: route.provider,
          billing,
          tag,
          keyRef,
          stream: facts.stream,
          endpoint: route.path,
          httpStatus: null,
          requestId: null,
          latencyMs: Math.round(performance.now() - startedAt),
          ttftMs: null,
          externalId: null,
          requestModel: facts.model ?? (kind.kind === 'batch-create' ? 'message-batch' : null),
          requestBytes,
          responseBytes: 0,
          tap: null,
          end: { kind: 'blocked', message },
        },
        deps.price,
        overrides,
      );
      deps.record(rec);
    } catch (err) {
      hooks.logOnce(`blocked:${errorMessage(err)}`, `proxy: a blocked call could not be recorded: ${errorMessage(err)}`);
    }
  }

  function safeGetKey(provider: string): string | null {
    try {
      return deps.getKey(provider);
    } catch (err) {
      // A locked key store: forward without a key (the provider's 401 tells the user), and say why once.
      hooks.logOnce(`key:${provider}`, `proxy: the stored ${provider} key cannot be read, so calls go out without it (tokentally keys list shows it): ${errorMessage(err)}`);
      return null;
    }
  }

  const drain = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (active.size === 0) return resolve(true);
      const wake = () => {
        clearTimeout(timer);
        idleWaiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        idleWaiters.delete(wake);
        resolve(active.size === 0);
      }, timeoutMs);
      idleWaiters.add(wake);
    });
  const close = () => {
    closed = true;
    for (const call of [...active]) call.abort('Tokentally shut down while the call was running');
    agents.destroy();
  };
  // readsUrl: false — the proxy reads req.url raw, so the server need not parse it into a URL.
  return Object.assign(handle, { activeCalls: () => active.size, drain, close, readsUrl: false as const });
}

/** What the gate is asked about a call; a class, so no closure is made per call for the estimate it rarely reads. */
class SpendingCall implements GateRequest {
  constructor(
    readonly provider: string,
    readonly billing: CallPlan['billing'],
    readonly tag: string | null,
    readonly keyRef: string | null,
    private readonly facts: RequestFacts,
    private readonly overrides: readonly PriceOverride[],
    private readonly price: ProxyDeps['price'],
  ) {}

  estimateNano(): number {
    if (this.facts.model === null) return 0;
    const tokens = this.facts.estimate();
    return this.price({ provider: this.provider, model: this.facts.model, tokens, overrides: this.overrides }).totalNano;
  }
}

/** Which body limit a call falls under. */
function bodyKind(kind: CallKind): BodyKind {
  return kind.kind === 'usage' ? 'call' : kind.kind === 'batch-create' ? 'batch' : 'upload';
}

/** Calls the budget gate sees: those that spend (counting tokens is free). */
function spends(kind: CallKind): boolean {
  return (kind.kind === 'usage' && !kind.free) || kind.kind === 'batch-create';
}

/** The proxy's own answer, in the shape of the provider the call was for. */
function refusal(route: ProxyRoute, failure: ProxyFailure, message: string): ProxyAnswer {
  return route.profile.errors(route.path).answer(failure, message);
}

function answerPreflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers: string[] = [
    ...CORS_HEADERS,
    'access-control-allow-methods',
    'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-max-age',
    '600',
    'content-length',
    '0',
  ];
  const asked = req.headers['access-control-request-headers'];
  if (asked) headers.push('access-control-allow-headers', asked);
  res.writeHead(204, headers);
  res.end();
  req.resume();
}

function send(res: http.ServerResponse, answer: ProxyAnswer, cors: boolean): void {
  if (res.headersSent) return;
  const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
  if (cors) headers['access-control-allow-origin'] = '*';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function safeLog(deps: ProxyDeps, line: string): void {
  try {
    deps.log(line);
  } catch {
    // Logging is best effort.
  }
}

function noop(): void {}
