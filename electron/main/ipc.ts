import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, type ApiEvent, type TokentallyApi } from '../../shared/api/contract.js';
import { dispatchApiCall } from '../../shared/api/dispatch.js';

/*
 * IPC between the windows and the core. Electron objects come in as parameters (structural types
 * below, which Electron's ipcMain and webContents satisfy), so this file runs under plain Node in
 * tests with fakes.
 */

interface InvokeEventLike {
  /** Null once the frame navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}
export type InvokeHandler = (event: InvokeEventLike, arg?: unknown) => unknown;
export interface IpcMainLike {
  handle(channel: string, listener: InvokeHandler): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Channels registered per ipcMain, across registries: a second registration is a bug, not a reload. */
const registered = new WeakMap<IpcMainLike, Set<string>>();

export interface IpcRegistry {
  /** The one way handlers are added; throws if the channel already has a handler. */
  handle(channel: string, handler: InvokeHandler): void;
  /** Remove every handler this registry added. */
  dispose(): void;
}

export function createIpcRegistry(ipcMain: IpcMainLike): IpcRegistry {
  let channels = registered.get(ipcMain);
  if (!channels) registered.set(ipcMain, (channels = new Set()));
  const mine: string[] = [];
  return {
    handle(channel, handler) {
      if (channels.has(channel)) throw new Error(`IPC handler for "${channel}" is already registered`);
      channels.add(channel);
      mine.push(channel);
      ipcMain.handle(channel, handler);
    },
    dispose() {
      for (const channel of mine.splice(0)) {
        ipcMain.removeHandler(channel);
        channels.delete(channel);
      }
    },
  };
}

/**
 * One handler per API method, each answering only frames of our own renderer (Electron's
 * checklist: validate the sender of every IPC message), with the same envelope the HTTP API uses.
 */
export function registerApiIpc(registry: IpcRegistry, api: TokentallyApi, isTrustedUrl: (url: string | null) => boolean): void {
  for (const method of API_METHOD_NAMES) {
    registry.handle(IPC_METHOD_PREFIX + method, (event, arg) => {
      const url = event.senderFrame?.url ?? null;
      if (!isTrustedUrl(url)) throw new Error(`refused ${method} from an untrusted frame (${describeUrl(url)})`);
      return dispatchApiCall(api, method, arg);
    });
  }
}

/** Push core change events to every open window. Returns the unsubscribe function. */
export function forwardCoreEvents(onEvent: (listener: (event: ApiEvent) => void) => () => void, windows: () => WebContentsLike[]): () => void {
  return onEvent((event) => {
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
    }
  });
}

/** Scheme and host only: a refused URL may carry query data that has no place in a log. */
function describeUrl(url: string | null): string {
  if (!url) return 'no frame';
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol;
  } catch {
    return 'unparseable URL';
  }
}
