/**
 * Calls between threads: a request carries an id, a method name and its arguments (structured
 * clone: plain data); the answer carries the id and a result or an error. Both ends can call and
 * answer, and push one-way messages. An ApiError keeps its code across the boundary, so the API's
 * callers see the same errors whichever thread answered.
 */
import { ApiError } from '../../../shared/api/contract.js';

/** What the thread's port offers (a Worker, or parentPort inside it). */
export interface Port {
  postMessage(message: unknown, transferList?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

type Wire =
  | { t: 'call'; id: number; method: string; args: unknown[] }
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: { name: string; message: string; code?: string } }
  | { t: 'push'; kind: string; data: unknown };

// Arguments and pushed data arrive from the other thread as structured clones, unchecked: each
// handler and listener declares the types it expects, and only `any` lets a function of any
// signature be stored here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Handlers = Record<string, (...args: any[]) => unknown>;

export interface Rpc {
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  push(kind: string, data: unknown, transfer?: readonly ArrayBuffer[]): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Handlers
  onPush(kind: string, listener: (data: any) => void): void;
  /** Fail every call still waiting (the other end is gone). */
  failPending(reason: string): void;
  pending(): number;
}

/** The other thread is gone: calls waiting on it fail with this. */
class ThreadGone extends Error {}

export function createRpc(port: Port, handlers: Handlers = {}): Rpc {
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const pushListeners = new Map<string, ((data: unknown) => void)[]>();

  port.on('message', (raw) => {
    const m = raw as Wire;
    if (m === null || typeof m !== 'object') return;
    switch (m.t) {
      case 'call':
        void answer(m);
        return;
      case 'result':
      case 'error': {
        const w = waiting.get(m.id);
        if (!w) return;
        waiting.delete(m.id);
        if (m.t === 'result') w.resolve(m.value);
        else w.reject(revive(m.error));
        return;
      }
      case 'push':
        for (const l of pushListeners.get(m.kind) ?? []) l(m.data);
        return;
    }
  });

  async function answer(m: Extract<Wire, { t: 'call' }>): Promise<void> {
    const handler = handlers[m.method];
    try {
      if (!handler) throw new Error(`no method "${m.method}" on this thread`);
      const value = await handler(...m.args);
      port.postMessage({ t: 'result', id: m.id, value } satisfies Wire);
    } catch (err) {
      port.postMessage({ t: 'error', id: m.id, error: flatten(err) } satisfies Wire);
    }
  }

  return {
    call(method, ...args) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        port.postMessage({ t: 'call', id, method, args } satisfies Wire);
      });
    },
    push(kind, data, transfer) {
      port.postMessage({ t: 'push', kind, data } satisfies Wire, transfer);
    },
    onPush(kind, listener) {
      pushListeners.set(kind, [...(pushListeners.get(kind) ?? []), listener]);
    },
    failPending(reason) {
      for (const w of waiting.values()) w.reject(new ThreadGone(reason));
      waiting.clear();
    },
    pending: () => waiting.size,
  };
}

function flatten(err: unknown): { name: string; message: string; code?: string } {
  if (err instanceof ApiError) return { name: 'ApiError', message: err.message, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

function revive(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'ApiError' && e.code) return new ApiError(e.code as ApiError['code'], e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
