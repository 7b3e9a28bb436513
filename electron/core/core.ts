import crypto from 'node:crypto';
import type { ApiEvent, KeyKind, ProxyStatus, SetKeyArgs, Settings, TokentallyApi } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import type { Core, CoreOptions } from './core-types.js';
import { startEngineThread } from './engine/engine-thread.js';
import { keySnapshotOf } from './engine/engine-keys.js';
import { loadProviderProfiles } from './engine/provider-modules.js';
import { createEventBus } from './event-bus.js';
import { readSettings } from './ledger/index.js';
import { claimLedger } from './ledger/ledger-owner.js';
import { openDatabase } from './ledger/open-database.js';
import { createHardCapGate, createProxyHandler, resolveProviders, stopProxy, type ResolvedProviders } from './proxy/index.js';
import { createKeyfileCipher, KeyStore } from './secrets/index.js';
import { createApiHandler } from './server/api-handler.js';
import { startLoopbackServer, type HttpHandler } from './server/loopback-server.js';
import { createStaticHandler } from './server/static-handler.js';
import { startWriterThread } from './writer/writer-thread.js';
import { createProxyGuard } from './guard/proxy-guard.js';
import { loadStoredPriceData, priceDataStamp } from './prices/price-data-file.js';
import { errorMessage } from '../../shared/error-message.js';

export type { Core, CoreOptions };

const SETTINGS_TTL_MS = 5_000;

/**
 * Start Tokentally's core. Three threads, so that an open window or a report never delays a call:
 *  - this one (the proxy's): the loopback server, the proxy, the hard-cap gate (in memory), the
 *    key store (its cipher lives here: Electron's safeStorage is main-thread only);
 *  - the writer (writer/): the proxy's finished calls, committed every few milliseconds;
 *  - the engine (engine/): the API's handlers, imports, pollers, alerts, the gate's figures.
 * The Electron app and `tokentally serve` both run exactly this, and so do the tests.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  // Price data downloaded earlier (tokentally prices --refresh, Settings) is used again; else the bundled list.
  const storedPrices = loadStoredPriceData(options.dataDir);
  if (storedPrices.problem) log(`prices: ${storedPrices.problem}`);
  const prices = priceDataStamp(options.dataDir);
  // Opened first: the schema is brought up to date here, before the other threads open the file.
  // The quick health check with a probe write: a damaged ledger is refused before it takes a call.
  const db = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding, check: 'write' });
  const owner = claimLedger(options.dataDir);
  if (owner.otherPid !== null) log(`another Tokentally (pid ${owner.otherPid}) runs on this data folder too: both record their calls in it; stop one, or give it its own --data-dir`);
  const bus = createEventBus();
  const cipher = options.cipher ?? createKeyfileCipher(options.dataDir, env);
  const keyStore = new KeyStore(db, cipher);
  // Keys stored before fingerprints were kept get theirs here, where the cipher is.
  keyStore.fingerprintOldKeys();
  const profiles = await loadProviderProfiles(options.providerModules);

  // A clock given by the caller (tests) is shared with the engine's thread through memory.
  const clock = options.now ? new Float64Array(new SharedArrayBuffer(8)) : null;
  const tick = () => {
    if (clock) clock[0] = now();
  };
  tick();
  const clockTimer = clock ? setInterval(tick, 5) : null;
  clockTimer?.unref();

  // The proxy reads settings on every call: keep them in memory, dropped on change and re-read
  // every few seconds so an edit made by another process (the CLI) is picked up too.
  let cachedSettings: { value: Settings; at: number; providers: ResolvedProviders | null } | null = null;
  const current = () => {
    const t = Date.now();
    if (!cachedSettings || t - cachedSettings.at > SETTINGS_TTL_MS) cachedSettings = { value: readSettings(db).settings, at: t, providers: null };
    return cachedSettings;
  };
  const settings = (): Settings => current().value;
  const upstreamWarnings = new Set<string>();
  const warnOnce = (message: string) => {
    if (!upstreamWarnings.has(message)) log(message);
    upstreamWarnings.add(message);
  };
  const providers = (): ResolvedProviders => {
    const c = current();
    c.providers ??= resolveProviders(c.value, env, warnOnce, profiles);
    return c.providers;
  };

  // The proxy's keys, decrypted once per change (not per call). A key that cannot be read
  // (another master key) throws each time: the proxy forwards without it and says so once.
  const keyCache = new Map<string, { key: string | null } | { error: unknown }>();
  const proxyKey = (provider: string): string | null => {
    let entry = keyCache.get(provider);
    if (!entry) {
      try {
        entry = { key: keyStore.get(provider, 'api') };
      } catch (error) {
        entry = { error };
      }
      keyCache.set(provider, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.key;
  };

  /** An event raised on this thread: for the UI, the tray, and the engine. */
  function emitHere(event: ApiEvent): void {
    bus.emit(event);
    engineThread?.event(event);
  }
  let engineThread: Awaited<ReturnType<typeof startEngineThread>> | null = null;
  let gate: ReturnType<typeof createHardCapGate> | null = null;
  const writer = await startWriterThread({
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    onWritten: (count) => emitHere({ type: 'usage-changed', count }),
    onWindowsStored: () => emitHere({ type: 'windows-changed' }),
    onHealth: (health) => {
      engineThread?.ledgerHealth(health);
      if (health.message) log(health.message);
      emitHere({ type: 'ledger-changed' });
    },
    onSpilled: (seqs) => gate?.spilled(seqs),
    onRecovered: () => {
      gate?.recovered(Date.now());
      emitHere({ type: 'usage-changed', count: 0 });
    },
    log,
  });
  gate = createHardCapGate({ now, run: writer.run });
  // The runaway-loop guard: detection in memory on this thread (each call's fingerprint before it
  // is forwarded, its cost once recorded); alarms stored and announced by the engine, which sends
  // the paused tags back after every change (an alarm, a resume, another process's write).
  const proxyGuard = createProxyGuard({ settings: () => settings().guard, now, alarm: (notice) => engineThread?.guardAlarm(notice) });

  const keysChanged = () => {
    keyCache.clear();
    engineThread?.keys(keySnapshotOf(keyStore));
  };
  bus.on((event) => {
    if (event.type === 'settings-changed') {
      cachedSettings = null;
      // The engine downloaded new prices (a refresh, the daily check): the proxy prices with them too.
      if (prices.changed()) loadStoredPriceData(options.dataDir);
    }
    if (event.type === 'keys-changed') keyCache.clear();
  });

  engineThread = await startEngineThread({
    config: {
      dataDir: options.dataDir,
      mode: options.mode,
      env: { ...env },
      importFolders: options.importFolders,
      codexFolders: options.codexFolders,
      claudeStateFiles: options.claudeStateFiles,
      geminiFolders: options.geminiFolders,
    },
    nativeBinding: options.nativeBinding,
    providerModules: options.providerModules,
    clock: clock ? (clock.buffer as SharedArrayBuffer) : undefined,
    log,
    // Events raised by the engine: for the UI and the tray (the engine has them already).
    onEvent: (event) => bus.emit(event),
    onGateSnapshot: (snapshot) => gate!.update(snapshot),
    onGuardSnapshot: (snapshot) => proxyGuard.update(snapshot),
    setKey: (args: SetKeyArgs) => {
      const info = keyStore.set(args);
      // The engine's copy first: the answer to setKey follows this message.
      keysChanged();
      return info;
    },
    removeKey: (provider: string, kind: KeyKind) => {
      const removed = keyStore.remove(provider, kind);
      keysChanged();
      return removed;
    },
  });
  engineThread.keys(keySnapshotOf(keyStore));
  engineThread.ledgerHealth(writer.health());

  // Every method is answered on the engine's thread; with a caller's clock, its time goes along.
  const engineApi = engineThread.api;
  const api: TokentallyApi = clock
    ? (Object.fromEntries(
        Object.entries(engineApi).map(([name, fn]) => [
          name,
          (arg: unknown) => {
            tick();
            return (fn as (a: unknown) => Promise<unknown>)(arg);
          },
        ]),
      ) as unknown as TokentallyApi)
    : engineApi;

  const proxyHandler = createProxyHandler({
    providers,
    getKey: proxyKey,
    // The call's number at the writer goes back to the proxy: the gate stops counting a settled
    // call once a snapshot shows the ledger holds it (without it, every call counted twice).
    record: (rec) => {
      const seq = writer.record(rec);
      proxyGuard.observe(rec);
      return seq;
    },
    price: (args) => priceUsage({ ...args, overrides: settings().priceOverrides }),
    gate: gate!,
    guard: proxyGuard,
    now,
    log,
    settings,
    windowSnapshot: (snapshot) => writer.window(snapshot),
    storeBodies: (bodies) => writer.bodies(bodies),
    timeouts: options.proxyTimeouts,
  });

  const token = crypto.randomBytes(24).toString('base64url');
  const handlers: HttpHandler[] = [];
  const uiStreams = new AbortController();
  if (options.mode === 'headless' && options.serveUi) handlers.push(createApiHandler({ api, token, onEvent: bus.on, closing: uiStreams.signal }));
  handlers.push(proxyHandler);
  if (options.serveUi && options.rendererDir) handlers.push(createStaticHandler(options.rendererDir));

  const shutdownThreads = async () => {
    if (clockTimer) clearInterval(clockTimer);
    const lost = await writer.close();
    await engineThread!.close();
    db.close();
    owner.release();
    return lost;
  };

  const port = options.port ?? settings().proxyPort;
  let server: Awaited<ReturnType<typeof startLoopbackServer>> | null = null;
  let proxyStatus: ProxyStatus;
  try {
    server = await startLoopbackServer({ port, handlers, log });
    proxyStatus = { listening: true, url: server.url, port: server.port, error: null };
  } catch (err) {
    proxyStatus = { listening: false, url: null, port: null, error: errorMessage(err) };
    if (options.mode === 'headless') {
      await shutdownThreads();
      throw err;
    }
    // The desktop app still shows the ledger when the port is taken; the glance says why.
    log(`proxy not started: ${proxyStatus.error}`);
  }
  engineThread.proxyStatus(proxyStatus);
  engineThread.start();

  let closed: Promise<{ lost: number }> | null = null;
  return {
    api,
    dataDir: options.dataDir,
    onEvent: bus.on,
    urls: {
      proxy: server?.url ?? null,
      ui: server && options.serveUi ? `${server.url}/?token=${token}` : null,
    },
    setActive: (active) => engineThread!.setActive(active),
    ledgerHealth: () => writer.health(),
    async settle() {
      await proxyHandler.drain(30_000);
      await writer.flush();
      await engineThread!.sync();
    },
    close(closeOptions) {
      closed ??= (async () => {
        // An open dashboard's event stream ends now (it would hold the close for the whole grace
        // period); then drain the proxy: calls finishing during the grace period still reach the writer.
        uiStreams.abort();
        if (server) await stopProxy(server, proxyHandler, closeOptions?.graceMs);
        return { lost: await shutdownThreads() };
      })();
      return closed;
    },
  };
}
