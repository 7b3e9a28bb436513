/**
 * The proxy's side of the engine thread: the API, answered there (every method, as one typed
 * object: the Electron IPC and the HTTP API use it as if it were local); events and the gate's
 * snapshots coming back; keys stored and removed here, where the cipher is.
 */
import { Worker } from 'node:worker_threads';
import { API_METHOD_NAMES, type ApiEvent, type KeyKind, type SetKeyArgs, type TokentallyApi } from '../../../shared/api/contract.js';
import type { GateSnapshot } from '../proxy/budget-gate.js';
import type { GuardSnapshot } from '../guard/proxy-guard.js';
import { createRpc } from '../threads/rpc.js';
import { workerScript } from '../threads/worker-script.js';
import type { Engine, EngineConfig } from './engine.js';

export interface EngineThreadInput {
  config: EngineConfig;
  nativeBinding?: string;
  providerModules?: string[];
  /** A shared clock (one float, epoch ms) when the caller supplies the time (tests); else the engine reads its own. */
  clock?: SharedArrayBuffer;
}

export interface EngineThreadOptions extends EngineThreadInput {
  log(line: string): void;
  onEvent(event: ApiEvent): void;
  onGateSnapshot(snapshot: GateSnapshot): void;
  onGuardSnapshot(snapshot: GuardSnapshot): void;
  setKey(args: SetKeyArgs): unknown;
  removeKey(provider: string, kind: KeyKind): boolean;
}

/** The engine's own methods, each passed to it on its thread, and a way to wait for its figures. */
export interface EngineThread extends Pick<Engine, 'api' | 'event' | 'keys' | 'proxyStatus' | 'ledgerHealth' | 'setActive' | 'guardAlarm' | 'start' | 'close'> {
  /** Resolves once the gate's figures were read again (and sent: they arrive first). */
  sync(): Promise<void>;
}

export async function startEngineThread(o: EngineThreadOptions): Promise<EngineThread> {
  const input: EngineThreadInput = { config: o.config, nativeBinding: o.nativeBinding, providerModules: o.providerModules, clock: o.clock };
  const worker = new Worker(workerScript(import.meta.url, './engine-worker'), { workerData: input });
  const rpc = createRpc(worker, {
    setKey: (args: SetKeyArgs) => o.setKey(args),
    removeKey: (provider: string, kind: KeyKind) => o.removeKey(provider, kind),
  });
  rpc.onPush('log', (line: string) => o.log(line));
  rpc.onPush('event', (event: ApiEvent) => o.onEvent(event));
  rpc.onPush('gate', (snapshot: GateSnapshot) => o.onGateSnapshot(snapshot));
  rpc.onPush('guard', (snapshot: GuardSnapshot) => o.onGuardSnapshot(snapshot));
  let exited = false;
  worker.on('error', (err) => o.log(`the engine failed: ${err.stack ?? err.message}`));
  worker.on('exit', () => {
    exited = true;
    rpc.failPending('the engine stopped');
  });
  await new Promise<void>((resolve, reject) => {
    rpc.onPush('ready', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the engine stopped while starting (exit code ${code})`)));
  });

  const api = Object.fromEntries(API_METHOD_NAMES.map((name) => [name, (arg: unknown) => rpc.call('api', name, arg)])) as unknown as TokentallyApi;
  const push = (kind: string, data: unknown) => {
    if (!exited) rpc.push(kind, data);
  };
  return {
    api,
    event: (event) => push('event', event),
    keys: (snapshot) => push('keys', snapshot),
    proxyStatus: (status) => push('proxy-status', status),
    ledgerHealth: (health) => push('ledger-health', health),
    setActive: (active) => push('active', active),
    guardAlarm: (notice) => push('guard-alarm', notice),
    start: () => push('start', null),
    async sync() {
      if (!exited) await rpc.call('sync');
    },
    async close() {
      if (exited) return;
      await rpc.call('close').catch(() => {});
      await worker.terminate();
    },
  };
}
