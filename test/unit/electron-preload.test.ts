import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, type ApiEvent } from '../../shared/api/contract.js';
import { preloadArguments } from '../../electron/main/preload-args.js';

/*
 * The real preload, compiled as tsc compiles it (CommonJS), run in a sandbox whose require()
 * knows only a fake 'electron' — as Electron's sandboxed preload does.
 */
const source = fs.readFileSync(fileURLToPath(new URL('../../electron/preload/index.cts', import.meta.url)), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;

type Listener = (event: unknown, ...args: unknown[]) => void;

function runPreload(argv: string[]) {
  const exposed: Array<{ key: string; api: Record<string, unknown> }> = [];
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Listener[]>();
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, result: channel });
    },
    on: (channel: string, listener: Listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: Listener) => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
      return ipcRenderer;
    },
    send: () => {
      throw new Error('the preload must not use send');
    },
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) }, ipcRenderer };
  const module = { exports: {} };
  const sandbox = {
    require: (id: string) => {
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return electron;
    },
    module,
    exports: module.exports,
    process: { argv },
  };
  vm.runInNewContext(compiled, sandbox, { filename: 'index.cjs' });
  return { exposed, invoked, listeners };
}

const argv = ['/path/to/electron', '--type=renderer', ...preloadArguments(API_METHOD_NAMES)];

describe('preload', () => {
  it('exposes exactly the contract methods and onEvent, under the contract global', () => {
    const { exposed } = runPreload(argv);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]!.key).toBe(BRIDGE_GLOBAL);
    expect(Object.keys(exposed[0]!.api).sort()).toEqual([...API_METHOD_NAMES, 'onEvent'].sort());
    for (const value of Object.values(exposed[0]!.api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(exposed[0]!.api)).toBe(true);
  });

  it('sends each method on its own channel with at most one argument', async () => {
    const { exposed, invoked } = runPreload(argv);
    const api = exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await expect(api.getSummary!()).resolves.toEqual({ ok: true, result: `${IPC_METHOD_PREFIX}getSummary` });
    await api.listUsage!({ limit: 5 }, 'extra', 'ignored');
    expect(invoked).toEqual([
      { channel: `${IPC_METHOD_PREFIX}getSummary`, args: [undefined] },
      { channel: `${IPC_METHOD_PREFIX}listUsage`, args: [{ limit: 5 }] },
    ]);
  });

  it('delivers change events without the IPC event object, and unsubscribes', () => {
    const { exposed, listeners } = runPreload(argv);
    const onEvent = exposed[0]!.api.onEvent as (l: (e: ApiEvent) => void) => () => void;
    const seen: unknown[][] = [];
    const off = onEvent((...args: unknown[]) => seen.push(args));
    const [forward] = listeners.get(IPC_EVENT_CHANNEL)!;
    forward!({ sender: 'ipc internals' }, { type: 'usage-changed', count: 2 });
    expect(seen).toEqual([[{ type: 'usage-changed', count: 2 }]]);
    off();
    expect(listeners.get(IPC_EVENT_CHANNEL)).toEqual([]);
    expect(() => onEvent('not a function' as never)).toThrow(/needs a function/);
  });

  it.each([
    ['no method list', ['/electron']],
    ['two method lists', [...argv, '--tt-methods=getStatus']],
    ['a name with punctuation', ['--tt-methods=getStatus,send:raw']],
    ['a prototype name', ['--tt-methods=getStatus,__proto__']],
    ['an empty name', ['--tt-methods=getStatus,']],
    ['onEvent, which would replace the subscription', ['--tt-methods=onEvent']],
  ])('refuses to expose anything with %s', (_what, badArgv) => {
    let result: ReturnType<typeof runPreload> | undefined;
    expect(() => (result = runPreload(badArgv))).toThrow(/Tokentally preload/);
    expect(result).toBeUndefined();
  });

  it('never hands ipcRenderer (or a generic invoke) to the page: each function reaches one fixed channel', async () => {
    const { exposed, invoked } = runPreload(argv);
    const api = exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
    for (const method of API_METHOD_NAMES) await api[method]!('tt:api:setKey', { channel: 'tt:api:setKey' });
    expect(invoked.map((call) => call.channel)).toEqual(API_METHOD_NAMES.map((m) => IPC_METHOD_PREFIX + m));
  });
});

describe('preloadArguments', () => {
  it('passes the method names on one flag', () => {
    expect(preloadArguments(['getStatus', 'getSummary'])).toEqual(['--tt-methods=getStatus,getSummary']);
  });
  it('refuses names the preload would reject', () => {
    expect(() => preloadArguments(['get-status'])).toThrow(/not allowed/);
  });
});
