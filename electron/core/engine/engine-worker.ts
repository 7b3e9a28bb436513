/**
 * The engine thread's entry (started by engine-thread.ts): its own connection to the ledger, the
 * engine, and the messages to and from the proxy's thread.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { API_METHOD_NAMES, type ApiEvent, type KeyInfo, type TokentallyApi } from '../../../shared/api/contract.js';
import { advisorThread } from '../advisor/advisor-thread.js';
import { DATABASE_FILE, openDatabase } from '../ledger/open-database.js';
import { loadStoredPriceData } from '../prices/price-data-file.js';
import { createRpc } from '../threads/rpc.js';
import { createEngine } from './engine.js';
import type { EngineThreadInput } from './engine-thread.js';
import { loadProviderProfiles } from './provider-modules.js';

const input = workerData as EngineThreadInput;
const clock = input.clock ? new Float64Array(input.clock) : null;
const now = clock ? () => clock[0]! : Date.now;
const db = openDatabase(input.config.dataDir, { nativeBinding: input.nativeBinding });
const providers = await loadProviderProfiles(input.providerModules);
// The advisor's passes (seconds at scale) on a thread of their own, started by the first one.
const advisor = advisorThread({ databasePath: path.join(input.config.dataDir, DATABASE_FILE), nativeBinding: input.nativeBinding, providerModules: input.providerModules });
// Price data downloaded earlier is in force on this thread too (each thread has its own copy).
loadStoredPriceData(input.config.dataDir);

let engine: ReturnType<typeof createEngine> | null = null;
const rpc = createRpc(parentPort!, {
  async api(method: string, arg: unknown) {
    if (!API_METHOD_NAMES.includes(method as keyof TokentallyApi)) throw new Error(`no API method "${method}"`);
    const fn = engine!.api[method as keyof TokentallyApi] as (a: unknown) => Promise<unknown>;
    return fn(arg);
  },
  /** The gate's figures, read now (after the writer committed): the answer follows the snapshot. */
  sync() {
    engine!.sendGateSnapshot();
  },
  async close() {
    await engine?.close();
    await advisor.close();
    db.close();
  },
});
engine = createEngine(db, input.config, {
  now,
  log: (line) => rpc.push('log', line),
  emit: (event: ApiEvent) => rpc.push('event', event),
  gateSnapshot: (snapshot) => rpc.push('gate', snapshot),
  guardSnapshot: (snapshot) => rpc.push('guard', snapshot),
  setKey: (args) => rpc.call<KeyInfo>('setKey', args),
  removeKey: (provider, kind) => rpc.call<boolean>('removeKey', provider, kind),
  providers,
  advisor,
});
rpc.onPush('event', (event: ApiEvent) => engine!.event(event));
rpc.onPush('keys', (snapshot) => engine!.keys(snapshot));
rpc.onPush('proxy-status', (status) => engine!.proxyStatus(status));
rpc.onPush('ledger-health', (health) => engine!.ledgerHealth(health));
rpc.onPush('active', (active: boolean) => engine!.setActive(active));
rpc.onPush('start', () => engine!.start());
rpc.onPush('guard-alarm', (notice) => engine!.guardAlarm(notice));
// The gate's first figures and the paused tags, then ready: the proxy opens only once it can enforce both.
engine.sendGateSnapshot();
engine.sendGuardSnapshot();
rpc.push('ready', null);
