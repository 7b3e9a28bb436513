/**
 * Fake provider report APIs on 127.0.0.1, answering with the documented shapes: Anthropic's
 * usage_report/messages and cost_report, OpenAI's organization/usage/completions and costs,
 * OpenRouter's /key and /credits, DeepSeek's /user/balance. Tests hold the data (days → results)
 * and can script any answer (a 401, a 429 with retry-after, a malformed body) per request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
}

export type Route = (req: SeenRequest) => Reply;

export interface FakeReportApi {
  url: string;
  requests: SeenRequest[];
  /** Answer requests to this path with the handler (replacing an earlier one). */
  route(path: string, handler: Route): void;
  /** Answer the next request (to any path) with this, once; queued in order. */
  once(reply: Reply): void;
  close(): Promise<void>;
}

export async function startFakeReportApi(): Promise<FakeReportApi> {
  const requests: SeenRequest[] = [];
  const routes = new Map<string, Route>();
  const queued: Reply[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(seen);
    req.resume();
    req.on('end', () => {
      const route = routes.get(url.pathname);
      const reply = queued.shift() ?? (route ? route(seen) : { status: 404, body: { error: { type: 'not_found_error', message: `no route ${url.pathname}` } } });
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    once: (reply) => void queued.push(reply),
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export const DAY_MS = 86_400_000;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * A cursor-paginated list of daily buckets from `from` (a UTC midnight) to the day of `until`,
 * `pageSize` buckets a page. The cursor is the index of the next bucket, as opaque text.
 */
function paginate<B>(buckets: B[], pageSize: number, page: string | null): { data: B[]; has_more: boolean; next_page: string | null } {
  const start = page === null ? 0 : Number(Buffer.from(page, 'base64url').toString('utf8').replace('page_', ''));
  const data = buckets.slice(start, start + pageSize);
  const more = start + pageSize < buckets.length;
  return { data, has_more: more, next_page: more ? Buffer.from(`page_${start + pageSize}`).toString('base64url') : null };
}

/** The UTC days from `from` through the day containing `until`. */
function daysBetween(from: number, until: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(from / DAY_MS) * DAY_MS; t <= until; t += DAY_MS) days.push(utcDay(t));
  return days;
}

// ---- Anthropic -----------------------------------------------------------------------------

export interface AnthropicUsageResult {
  model: string;
  uncached_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  cache_read_input_tokens: number;
  output_tokens: number;
  server_tool_use?: { web_search_requests: number };
}

export interface AnthropicCostResult {
  /** Cents, as a decimal string. */
  amount: string;
  currency: string;
  model: string | null;
  description: string | null;
  cost_type: string | null;
  token_type: string | null;
}

/** What a fake Anthropic organization has used and spent, by UTC day. */
export interface AnthropicData {
  usage: Map<string, AnthropicUsageResult[]>;
  cost: Map<string, AnthropicCostResult[]>;
}

export function anthropicUsage(model: string, t: Partial<Omit<AnthropicUsageResult, 'model'>> = {}): AnthropicUsageResult {
  return {
    model,
    uncached_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    cache_read_input_tokens: 0,
    output_tokens: 0,
    server_tool_use: { web_search_requests: 0 },
    ...t,
  };
}

export function anthropicCost(model: string | null, cents: string): AnthropicCostResult {
  return { amount: cents, currency: 'USD', model, description: model ? `${model} usage` : 'web search', cost_type: 'tokens', token_type: 'output_tokens' };
}

/**
 * Handlers answering like the Admin API: buckets from starting_at through `now()`'s day (the last
 * one still filling), x-api-key required, `pageSize` buckets a page.
 */
export function anthropicRoutes(data: AnthropicData, now: () => number, pageSize = 31): { usage: Route; cost: Route } {
  const report = <R>(byDay: Map<string, R[]>) => (req: SeenRequest): Reply => {
    if (!req.headers['x-api-key']) return anthropicError(401, 'authentication_error', 'x-api-key header is required');
    const from = Date.parse(req.query.get('starting_at') ?? '');
    const buckets = daysBetween(from, now()).map((day) => ({
      starting_at: `${day}T00:00:00Z`,
      ending_at: `${utcDay(dayStart(day) + DAY_MS)}T00:00:00Z`,
      results: byDay.get(day) ?? [],
    }));
    return { body: paginate(buckets, Math.min(pageSize, Number(req.query.get('limit') ?? 7)), req.query.get('page')) };
  };
  return { usage: report(data.usage), cost: report(data.cost) };
}

export function serveAnthropic(api: FakeReportApi, data: AnthropicData, now: () => number, pageSize = 31): void {
  const routes = anthropicRoutes(data, now, pageSize);
  api.route('/v1/organizations/usage_report/messages', routes.usage);
  api.route('/v1/organizations/cost_report', routes.cost);
}

export function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { type: 'error', error: { type, message }, request_id: 'req_fake' } };
}

// ---- OpenAI --------------------------------------------------------------------------------

export interface OpenAiData {
  usage: Map<string, { model: string; input_tokens: number; input_cached_tokens: number; output_tokens: number; num_model_requests: number }[]>;
  /** Dollars (JSON numbers) per result. */
  costs: Map<string, number[]>;
  /** Name of the bucket's list in the costs answer ('results' as documented; some answers say 'result'). */
  costsListKey?: 'results' | 'result';
}

export function serveOpenAi(api: FakeReportApi, data: OpenAiData, now: () => number, pageSize = 31): void {
  const auth = (req: SeenRequest): Reply | null =>
    /^Bearer \S+$/.test(String(req.headers.authorization ?? '')) ? null : { status: 401, body: { error: { message: 'Missing bearer authentication', type: 'invalid_request_error' } } };
  /** One page of `{object:'bucket', start_time, end_time, <listKey>: results}` from start_time through today. */
  const page = (req: SeenRequest, listKey: string, results: (day: string) => unknown[]): Reply => {
    const denied = auth(req);
    if (denied) return denied;
    const list = daysBetween(Number(req.query.get('start_time')) * 1000, now()).map((day) => ({
      object: 'bucket',
      start_time: dayStart(day) / 1000,
      end_time: dayStart(day) / 1000 + 86_400,
      [listKey]: results(day),
    }));
    return { body: { object: 'page', ...paginate(list, Math.min(pageSize, Number(req.query.get('limit') ?? 7)), req.query.get('page')) } };
  };
  api.route('/v1/organization/usage/completions', (req) =>
    page(req, 'results', (day) => (data.usage.get(day) ?? []).map((r) => ({ object: 'organization.usage.completions.result', ...r, batch: null, project_id: null }))),
  );
  api.route('/v1/organization/costs', (req) =>
    page(req, data.costsListKey ?? 'results', (day) =>
      (data.costs.get(day) ?? []).map((value) => ({ object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: null, project_id: null })),
    ),
  );
}
