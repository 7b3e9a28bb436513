import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, ApiError, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, type ApiEvent, type TokentallyApi } from '../../shared/api/contract.js';
import { createIpcRegistry, forwardCoreEvents, registerApiIpc, type InvokeHandler, type IpcMainLike } from '../../electron/main/ipc.js';
import { isTrustedRendererUrl } from '../../electron/main/trusted-sender.js';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    // Electron itself throws on a second handler; the registry must refuse before that.
    if (this.handlers.has(channel)) throw new Error('Electron: second handler');
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  call(channel: string, frameUrl: string | null, arg?: unknown) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, arg);
  }
}

const rendererDir = '/app/out/renderer';
const ours = 'file:///app/out/renderer/index.html#/glance';
const isTrusted = (url: string | null) => isTrustedRendererUrl(url, { rendererDir, devUrl: null });

const calls: Array<[string, unknown]> = [];
const api = new Proxy({} as TokentallyApi, {
  get: (_target, method: string) => async (arg: unknown) => {
    calls.push([method, arg]);
    if (method === 'getUsage') throw new ApiError('not_found', 'no such record');
    if (method === 'removeKey') throw new Error('disk on fire');
    return { method };
  },
});

describe('registerApiIpc', () => {
  it('registers one handler per contract method and answers trusted frames with the envelope', async () => {
    const ipc = new FakeIpcMain();
    registerApiIpc(createIpcRegistry(ipc), api, isTrusted);
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => IPC_METHOD_PREFIX + m).sort());
    calls.length = 0;
    await expect(ipc.call(`${IPC_METHOD_PREFIX}listUsage`, ours, { limit: 3 })).resolves.toEqual({ ok: true, result: { method: 'listUsage' } });
    expect(calls).toEqual([['listUsage', { limit: 3 }]]);
    await expect(ipc.call(`${IPC_METHOD_PREFIX}getUsage`, ours, { id: 9 })).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'no such record' } });
    await expect(ipc.call(`${IPC_METHOD_PREFIX}removeKey`, ours, {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
  });

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['another local file', 'file:///home/me/Downloads/evil.html'],
    ['a destroyed or navigated frame', null],
    ['about:blank', 'about:blank'],
  ])('refuses %s without calling the core', async (_what, url) => {
    const ipc = new FakeIpcMain();
    registerApiIpc(createIpcRegistry(ipc), api, isTrusted);
    calls.length = 0;
    expect(() => ipc.call(`${IPC_METHOD_PREFIX}setKey`, url, { provider: 'anthropic', kind: 'api', key: 'sk-x' })).toThrow(/untrusted frame/);
    expect(calls).toEqual([]);
  });

  it('does not echo the refused URL path or query into the error', () => {
    const ipc = new FakeIpcMain();
    registerApiIpc(createIpcRegistry(ipc), api, isTrusted);
    expect(() => ipc.call(`${IPC_METHOD_PREFIX}listKeys`, 'https://evil.example/steal?token=secret', undefined)).toThrow('refused listKeys from an untrusted frame (https://evil.example)');
  });
});

describe('createIpcRegistry', () => {
  it('refuses a second registration of a channel, even from another registry', () => {
    const ipc = new FakeIpcMain();
    const first = createIpcRegistry(ipc);
    registerApiIpc(first, api, isTrusted);
    expect(() => registerApiIpc(createIpcRegistry(ipc), api, isTrusted)).toThrow(`IPC handler for "${IPC_METHOD_PREFIX}getStatus" is already registered`);
    expect(() => first.handle(`${IPC_METHOD_PREFIX}getSummary`, () => null)).toThrow(/already registered/);
  });

  it('frees its channels on dispose, so they can be registered again', () => {
    const ipc = new FakeIpcMain();
    const registry = createIpcRegistry(ipc);
    registerApiIpc(registry, api, isTrusted);
    registry.dispose();
    expect(ipc.handlers.size).toBe(0);
    expect(() => registerApiIpc(createIpcRegistry(ipc), api, isTrusted)).not.toThrow();
  });
});

describe('forwardCoreEvents', () => {
  it('sends each core event to every live window and stops when unsubscribed', () => {
    let listener: ((e: ApiEvent) => void) | null = null;
    const onEvent = (l: (e: ApiEvent) => void) => {
      listener = l;
      return () => void (listener = null);
    };
    const sent: Array<[string, string, unknown]> = [];
    const window = (name: string, destroyed = false) => ({ isDestroyed: () => destroyed, send: (channel: string, event: unknown) => sent.push([name, channel, event]) });
    const off = forwardCoreEvents(onEvent, () => [window('glance'), window('closed', true), window('main')]);
    listener!({ type: 'budgets-changed' });
    expect(sent).toEqual([
      ['glance', IPC_EVENT_CHANNEL, { type: 'budgets-changed' }],
      ['main', IPC_EVENT_CHANNEL, { type: 'budgets-changed' }],
    ]);
    off();
    expect(listener).toBeNull();
  });
});
