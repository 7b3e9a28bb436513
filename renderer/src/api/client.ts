/**
 * The renderer's one way to reach the core. Inside Electron the preload puts a bridge on
 * `window[BRIDGE_GLOBAL]`; in a browser (`tokentally serve --ui`) we speak HTTP JSON + SSE to the
 * page's own origin. Both are built from API_METHOD_NAMES, so a new contract method needs no
 * change here, and nothing else in the renderer knows which transport it is on.
 */
import {
  API_EVENTS_PATH,
  API_HTTP_PREFIX,
  API_METHOD_NAMES,
  ApiError,
  BRIDGE_GLOBAL,
  type ApiEvent,
  type ApiMethod,
  type ApiResponse,
  type TokentallyBridge,
  type TokentallyClient,
} from '../../../shared/api/contract.js';
import { unwrapApiResponse } from '../../../shared/api/dispatch.js';
import { takeAccessToken } from './access-token.js';

/** The server refused our token (missing, or from an earlier launch). */
export class AccessDeniedError extends Error {
  constructor() {
    super('Open the URL printed by tokentally serve (it carries the access token).');
    this.name = 'AccessDeniedError';
  }
}

/** The core could not be reached at all (server stopped, network error). */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

type Listener = (event: ApiEvent) => void;
type AnyMethod = (arg?: unknown) => Promise<unknown>;

let cached: TokentallyClient | null = null;

export function getClient(): TokentallyClient {
  if (!cached) {
    const bridge = (window as unknown as Record<string, TokentallyBridge | undefined>)[BRIDGE_GLOBAL];
    cached = bridge ? bridgeClient(bridge) : httpClient(takeAccessToken(window.location, window.sessionStorage, window.history));
  }
  return cached;
}

function bridgeClient(bridge: TokentallyBridge): TokentallyClient {
  const methods: Partial<Record<ApiMethod, AnyMethod>> = {};
  for (const method of API_METHOD_NAMES) {
    const call = bridge[method] as (arg: unknown) => Promise<ApiResponse<unknown>>;
    methods[method] = async (arg) => unwrapApiResponse(await call(arg));
  }
  return { ...(methods as unknown as TokentallyClient), onEvent: (listener) => bridge.onEvent(listener) };
}

function httpClient(token: string | null): TokentallyClient {
  const methods: Partial<Record<ApiMethod, AnyMethod>> = {};
  for (const method of API_METHOD_NAMES) {
    methods[method] = (arg) => postJson(method, arg, token);
  }
  const events = new EventStream(token);
  return { ...(methods as unknown as TokentallyClient), onEvent: (listener) => events.subscribe(listener) };
}

async function postJson(method: ApiMethod, arg: unknown, token: string | null): Promise<unknown> {
  if (!token) throw new AccessDeniedError();
  let response: Response;
  try {
    response = await fetch(API_HTTP_PREFIX + method, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: arg === undefined ? '' : JSON.stringify(arg),
    });
  } catch {
    throw new ConnectionError('Tokentally is not answering. Is `tokentally serve` still running?');
  }
  if (response.status === 401 || response.status === 403) throw new AccessDeniedError();
  let envelope: ApiResponse<unknown>;
  try {
    envelope = (await response.json()) as ApiResponse<unknown>;
  } catch {
    throw new ApiError('internal', `unexpected answer from Tokentally (HTTP ${response.status})`);
  }
  return unwrapApiResponse(envelope);
}

/**
 * One EventSource shared by every listener, opened on the first subscription. EventSource
 * reconnects by itself after a dropped connection, but gives up for good on an HTTP error
 * (e.g. the server restarted): then we try again a little later. Events sent while we were
 * away are lost, so after any reconnect listeners get "everything may have changed".
 */
class EventStream {
  private readonly listeners = new Set<Listener>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private hadError = false;

  constructor(private readonly token: string | null) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.source && !this.retryTimer) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): void {
    if (!this.token) return;
    const source = new EventSource(`${API_EVENTS_PATH}?token=${encodeURIComponent(this.token)}`);
    this.source = source;
    source.onopen = () => {
      if (this.hadError) {
        this.hadError = false;
        for (const type of ['usage-changed', 'settings-changed', 'budgets-changed', 'keys-changed', 'sync-changed', 'import-changed'] as const) {
          this.emit(type === 'usage-changed' ? { type, count: 0 } : { type });
        }
      }
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(message.data) as ApiEvent;
      } catch {
        return; // a malformed event is not worth breaking the page for
      }
      this.emit(event);
    };
    source.onerror = () => {
      this.hadError = true;
      if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          if (this.listeners.size > 0) this.open();
        }, 5000);
      }
    };
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private emit(event: ApiEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
