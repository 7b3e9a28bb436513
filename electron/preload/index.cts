/*
 * The preload of both windows. It runs sandboxed, where require() knows only 'electron', so it
 * cannot import shared/: the method names arrive on the command line from the main process
 * (electron/main/preload-args.ts) and the three channel constants are repeated below
 * (test/unit/electron-preload.test.ts runs this file against shared/api/contract.ts).
 *
 * The page gets exactly the contract's methods and onEvent; never ipcRenderer itself, whose
 * send/invoke would reach any channel.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';

const BRIDGE_GLOBAL = 'tokentallyBridge';
const IPC_METHOD_PREFIX = 'tt:api:';
const IPC_EVENT_CHANNEL = 'tt:event';
const METHODS_FLAG = '--tt-methods=';
const METHOD_NAME = /^[a-zA-Z]+$/;

function methodsFromArgv(argv: readonly string[]): string[] {
  const flags = argv.filter((arg) => arg.startsWith(METHODS_FLAG));
  if (flags.length !== 1) throw new Error(`Tokentally preload: expected one ${METHODS_FLAG} argument, got ${flags.length}`);
  const names = flags[0]!.slice(METHODS_FLAG.length).split(',');
  for (const name of names) {
    if (!METHOD_NAME.test(name) || name === 'onEvent') throw new Error(`Tokentally preload: refusing API method name "${name}"`);
  }
  return [...new Set(names)];
}

const bridge: Record<string, unknown> = {};
for (const method of methodsFromArgv(process.argv)) {
  const channel = IPC_METHOD_PREFIX + method;
  // One argument at most, as the contract says; anything more is dropped here, not forwarded.
  bridge[method] = (arg?: unknown) => ipcRenderer.invoke(channel, arg);
}
bridge.onEvent = (listener: (event: ApiEvent) => void): (() => void) => {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
  // The IpcRendererEvent (with its sender) stays here; the page only sees the event's data.
  const forward = (_event: IpcRendererEvent, event: ApiEvent) => listener(event);
  ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze(bridge));
