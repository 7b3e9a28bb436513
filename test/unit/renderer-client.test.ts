/**
 * The renderer's one client over its two transports: the Electron bridge (envelopes unwrapped)
 * and HTTP (POST /api/<method> with the per-launch token, SSE events). Browser globals are
 * stubbed; the real transports are exercised by test/e2e/dashboard.test.ts (HTTP) and the
 * preload test (IPC).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES, BRIDGE_GLOBAL, type ApiEvent, type TokentallyClient } from '../../shared/api/contract.js';

interface FakeLocation {
  href: string;
}

function stubBrowser(href: string, stored: Record<string, string> = {}) {
  const location: FakeLocation = { href };
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const win: Record<string, unknown> = {
    location,
    sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        replaced.push(url);
        location.href = new URL(url, location.href).href;
      },
    },
  };
  vi.stubGlobal('window', win);
  return { win, location, storage, replaced };
}

class FakeEventSource {
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 1;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
}

async function freshClient(): Promise<{ client: TokentallyClient; mod: typeof import('../../renderer/src/api/client.js') }> {
  vi.resetModules();
  const mod = await import('../../renderer/src/api/client.js');
  return { client: mod.getClient(), mod };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('over the Electron bridge', () => {
  it('has every contract method, unwraps results and turns error envelopes into ApiError', async () => {
    const calls: [string, unknown][] = [];
    const bridge: Record<string, unknown> = {};
    for (const m of API_METHOD_NAMES) {
      bridge[m] = async (arg: unknown) => {
        calls.push([m, arg]);
        if (m === 'getUsage') return { ok: false, error: { code: 'not_found', message: 'no such call' } };
        return { ok: true, result: { method: m } };
      };
    }
    const listeners: ((e: ApiEvent) => void)[] = [];
    bridge.onEvent = (l: (e: ApiEvent) => void) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    };
    const { win } = stubBrowser('file:///app/index.html#/glance');
    win[BRIDGE_GLOBAL] = bridge;
    const { client } = await freshClient();

    for (const m of API_METHOD_NAMES) expect(typeof client[m], m).toBe('function');
    expect(await client.getSummary()).toEqual({ method: 'getSummary' });
    expect(await client.listUsage({ limit: 5 })).toEqual({ method: 'listUsage' });
    expect(calls).toContainEqual(['listUsage', { limit: 5 }]);
    const err = await client.getUsage({ id: 1 }).catch((e: unknown) => e);
    // resetModules gives the client its own copy of the contract module: compare by name.
    expect(err).toMatchObject({ name: 'ApiError', code: 'not_found', message: 'no such call' });

    const seen: ApiEvent[] = [];
    const off = client.onEvent((e) => seen.push(e));
    listeners[0]!({ type: 'usage-changed', count: 3 });
    off();
    expect(listeners).toHaveLength(0);
    expect(seen).toEqual([{ type: 'usage-changed', count: 3 }]);
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});

describe('over HTTP (tokentally serve --ui)', () => {
  it('takes the token from the URL once, hides it, and sends it as a Bearer header', async () => {
    const { storage, replaced, location } = stubBrowser('http://127.0.0.1:8787/?token=t0k3n#/requests');
    const requests: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ ok: true, result: { records: [], total: 0 } }), { status: 200 });
    });
    const { client } = await freshClient();

    expect(location.href).toBe('http://127.0.0.1:8787/#/requests');
    expect(replaced).toEqual(['/#/requests']);
    expect(storage.get('tokentally.accessToken')).toBe('t0k3n');

    expect(await client.listUsage({ model: 'gpt-4o', limit: 10 })).toEqual({ records: [], total: 0 });
    await client.getSummary();
    expect(requests[0]!.url).toBe('/api/listUsage');
    expect(requests[0]!.init.method).toBe('POST');
    expect((requests[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer t0k3n');
    expect(JSON.parse(requests[0]!.init.body as string)).toEqual({ model: 'gpt-4o', limit: 10 });
    expect(requests[1]!.url).toBe('/api/getSummary');
    expect(requests[1]!.init.body).toBe('');
  });

  it('keeps working after a reload from the stored token', async () => {
    stubBrowser('http://127.0.0.1:8787/#/overview', { 'tokentally.accessToken': 'kept' });
    let auth = '';
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      auth = (init.headers as Record<string, string>).Authorization!;
      return new Response(JSON.stringify({ ok: true, result: [] }));
    });
    const { client } = await freshClient();
    await client.listKeys();
    expect(auth).toBe('Bearer kept');
  });

  it('reports a refused token, a missing token and an unreachable server as their own errors', async () => {
    stubBrowser('http://127.0.0.1:8787/?token=old');
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code: 'bad_request', message: 'wrong token' } }), { status: 401 }));
    let { client, mod } = await freshClient();
    await expect(client.getSummary()).rejects.toBeInstanceOf(mod.AccessDeniedError);

    stubBrowser('http://127.0.0.1:8787/');
    ({ client, mod } = await freshClient());
    await expect(client.getSummary()).rejects.toBeInstanceOf(mod.AccessDeniedError);

    stubBrowser('http://127.0.0.1:8787/?token=x');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    ({ client, mod } = await freshClient());
    await expect(client.getSummary()).rejects.toBeInstanceOf(mod.ConnectionError);

    vi.stubGlobal('fetch', async () => new Response('<html>oops</html>', { status: 502 }));
    ({ client } = await freshClient());
    await expect(client.getSummary()).rejects.toMatchObject({ name: 'ApiError', code: 'internal' });
  });

  it('shares one event stream, passes its events on, and after a drop announces that anything may have changed', async () => {
    stubBrowser('http://127.0.0.1:8787/?token=a b');
    const { client } = await freshClient();
    const a: ApiEvent[] = [];
    const b: ApiEvent[] = [];
    const offA = client.onEvent((e) => a.push(e));
    const offB = client.onEvent((e) => b.push(e));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events?token=a%20b');

    source.onopen!();
    source.onmessage!({ data: JSON.stringify({ type: 'usage-changed', count: 2 }) });
    source.onmessage!({ data: 'not json' });
    expect(a).toEqual([{ type: 'usage-changed', count: 2 }]);
    expect(b).toEqual(a);

    source.onerror!(); // dropped; EventSource reconnects by itself
    source.onopen!();
    expect(a.slice(1).map((e) => e.type).sort()).toEqual(['budgets-changed', 'import-changed', 'keys-changed', 'settings-changed', 'sync-changed', 'usage-changed']);

    offA();
    expect(source.closed).toBe(false);
    offB();
    expect(source.closed).toBe(true);
  });

  it('opens a new stream when the browser gave up on the old one', async () => {
    vi.useFakeTimers();
    try {
      stubBrowser('http://127.0.0.1:8787/?token=t');
      const { client } = await freshClient();
      client.onEvent(() => {});
      const first = FakeEventSource.instances[0]!;
      first.readyState = FakeEventSource.CLOSED;
      first.onerror!();
      expect(FakeEventSource.instances).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5000);
      expect(FakeEventSource.instances).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
