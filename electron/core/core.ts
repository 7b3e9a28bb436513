import { createDailyPriceCheck } from './prices/daily-check.js';
import { loadStoredPriceData, priceDataUrl } from './prices/price-data-file.js';
import crypto from 'node:crypto';
import path from 'node:path';
import type { ProxyStatus, Settings } from '../../shared/api/contract.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { throttle } from '../../shared/throttle.js';
import type { Core, CoreOptions } from './core-types.js';
import { createEventBus } from './event-bus.js';
import { createUsageWriter, listBudgets, readSettings } from './ledger/index.js';
import { spendBetween } from './budgets/spend-queries.js';
import { DATABASE_FILE, openDatabase } from './ledger/open-database.js';
import { createHardCapGate, createProxyHandler, resolveProviders, stopProxy, type ResolvedProviders } from './proxy/index.js';
import { BUILT_IN_PROFILES } from '../../shared/providers/index.js';
import { createKeyfileCipher, KeyStore } from './secrets/index.js';
import { keyLabels } from './secrets/key-labels.js';
import { createAlertMonitor } from './budgets/alert-monitor.js';
import { capLiftedUntil } from './budgets/cap-lift-repo.js';
import { createApiHandler } from './server/api-handler.js';
import { startLoopbackServer, type HttpHandler } from './server/loopback-server.js';
import { createStaticHandler } from './server/static-handler.js';
import { createService } from './service/create-service.js';
import { createPollScheduler, keyStoreAccess } from './pollers/index.js';
import { claudeProjectFolders, createTranscriptImporter } from './sources/claude-code/index.js';
import { codexSessionFolders } from './sources/codex/index.js';
import { claudeStateFiles, createClaudeStateReader } from './windows/claude-state-reader.js';
import { checkWindowAlerts } from './windows/window-alert-check.js';
import { createWindowRecorder } from './windows/window-recorder.js';
import { geminiBillingFrom, geminiSessionFolders } from './sources/gemini/index.js';

export type { Core, CoreOptions };

const SETTINGS_TTL_MS = 5_000;
const WINDOW_ALERT_INTERVAL_MS = 1_000;

/**
 * Start the engine: open the ledger, the key store and the batched writer, then the loopback
 * server carrying the proxy (and, headless, the HTTP API and the dashboard). The Electron app and
 * `tokentally serve` both run exactly this.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  // Price data downloaded earlier (tokentally prices --refresh, Settings) is used again; else the bundled list.
  const storedPrices = loadStoredPriceData(options.dataDir);
  if (storedPrices.problem) log(`prices: ${storedPrices.problem}`);
  // The quick health check with a probe write: a damaged ledger is refused before it takes a call.
  const db = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding, check: 'write' });
  const bus = createEventBus();
  const cipher = options.cipher ?? createKeyfileCipher(options.dataDir, env);
  const keyStore = new KeyStore(db, cipher);
  // Keys stored before fingerprints were kept get theirs here, where the cipher is.
  keyStore.fingerprintOldKeys();

  let writeErrorReported = false;
  const writer = createUsageWriter(db, {
    onWritten: (ids) => {
      writeErrorReported = false;
      bus.emit({ type: 'usage-changed', count: ids.length });
    },
    onError: (err) => {
      // Records stay queued and are retried; say so once per outage, not once per tick.
      if (!writeErrorReported) log(`ledger write failed, will retry: ${err instanceof Error ? err.message : String(err)}`);
      writeErrorReported = true;
    },
  });

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
  const builtInProfiles = options.providers ?? BUILT_IN_PROFILES;
  const providers = (): ResolvedProviders => {
    const c = current();
    c.providers ??= resolveProviders(c.value, env, warnOnce, builtInProfiles);
    return c.providers;
  };
  bus.on((event) => {
    if (event.type === 'settings-changed') cachedSettings = null;
  });
  const gate = createHardCapGate({
    budgets: () => listBudgets(db),
    spentNano: (budget, at) => {
      const period = budgetPeriod(at, budget.resetDay, budget.tz);
      // The budgets' own spend query: the gate, `budget check` and the glance count alike.
      // Calls still in the writer's queue are not in the ledger yet; the gate's own
      // reservations cover them until they settle.
      return spendBetween(db, budget, period.startMs, period.endMs);
    },
    liftedUntil: () => capLiftedUntil(db, now()),
    names: () => {
      const labels = keyLabels(db);
      return { key: (ref) => labels.get(ref) ?? null };
    },
    now,
  });
  // Plan windows (5-hour, weekly): snapshots from the proxy's responses, the Codex logs and Claude
  // Code's state file are queued and stored off the response path, then checked for notifications.
  let windowErrorReported = false;
  // Subscription calls bring a snapshot each: the notification check runs at most once a second.
  const checkWindows = throttle(() => {
    try {
      checkWindowAlerts(db, now(), bus.emit, log);
    } catch (err) {
      log(`plan-window alerts could not be checked: ${(err as Error).message}`);
    }
  }, WINDOW_ALERT_INTERVAL_MS);
  const windowRecorder = createWindowRecorder(db, {
    now,
    onStored: () => {
      windowErrorReported = false;
      bus.emit({ type: 'windows-changed' });
      checkWindows();
    },
    onError: (err) => {
      if (!windowErrorReported) log(`plan windows not stored: ${err instanceof Error ? err.message : String(err)}`);
      windowErrorReported = true;
    },
  });
  const claudeState = createClaudeStateReader({
    files: options.claudeStateFiles ?? (options.importFolders || env.TOKENTALLY_NO_IMPORT === '1' ? [] : claudeStateFiles(env)),
    onSnapshot: (snapshot) => windowRecorder.enqueue(snapshot),
    log,
  });

  const proxyHandler = createProxyHandler({
    providers,
    // A key that cannot be read (another master key) throws: the proxy forwards without it and says so once.
    getKey: (provider) => keyStore.get(provider, 'api'),
    record: (rec) => writer.enqueue(rec),
    price: (args) => priceUsage({ ...args, overrides: settings().priceOverrides }),
    gate,
    now,
    log,
    settings,
    windowSnapshot: (snapshot) => windowRecorder.enqueue(snapshot),
  });

  const gemini = geminiBillingFrom(env);
  if (gemini.problem) log(`${gemini.problem}; importing Gemini CLI calls as subscription usage`);
  const transcriptImport = createTranscriptImporter({
    db,
    folders: options.importFolders ?? claudeProjectFolders(env),
    // Folders given for one source (tests) mean: only those, not the user's real ones of the other.
    // Codex run with an API key bills that key: TOKENTALLY_NO_CODEX_IMPORT=1 keeps it off the plans.
    codexFolders: options.codexFolders ?? (options.importFolders || env.TOKENTALLY_NO_CODEX_IMPORT === '1' ? [] : codexSessionFolders(env)),
    // Gemini CLI calls that go through the proxy's /gemini route are logged there: TOKENTALLY_NO_GEMINI_IMPORT=1.
    geminiFolders: options.geminiFolders ?? (options.importFolders || env.TOKENTALLY_NO_GEMINI_IMPORT === '1' ? [] : geminiSessionFolders(env)),
    geminiBilling: gemini.billing,
    enabled: env.TOKENTALLY_NO_IMPORT !== '1',
    now,
    log,
    emit: bus.emit,
    overrides: () => settings().priceOverrides,
    windowSnapshot: (snapshot) => windowRecorder.enqueue(snapshot),
  });

  // The providers' own usage and cost reports (admin keys): started below unless TOKENTALLY_NO_POLL=1.
  const pollers = createPollScheduler({
    db,
    keys: keyStoreAccess(keyStore),
    providers,
    now,
    log,
    fetch: options.fetch,
    onChange: () => bus.emit({ type: 'sync-changed' }),
  });
  bus.on((event) => {
    if (event.type === 'keys-changed' || event.type === 'settings-changed') pollers.keysChanged();
  });

  let proxyStatus: ProxyStatus = { listening: false, url: null, port: null, error: null };
  const api = createService({
    db,
    keyStore,
    now,
    emit: bus.emit,
    proxyStatus: () => proxyStatus,
    dataDir: options.dataDir,
    databasePath: path.join(options.dataDir, DATABASE_FILE),
    mode: options.mode,
    providers,
    transcriptImport,
    pollers,
    priceDataUrl: priceDataUrl(env),
  });

  // The opt-in daily check of the published price list (off unless the user switched it on).
  const priceCheck = createDailyPriceCheck({ dataDir: options.dataDir, url: priceDataUrl(env), now, log, onUpdated: () => bus.emit({ type: 'settings-changed' }) });
  priceCheck.update(settings().priceDataDailyCheck);
  bus.on((event) => {
    if (event.type === 'settings-changed') priceCheck.update(settings().priceDataDailyCheck);
  });

  // Budget alerts: checked after ledger writes and budget changes (throttled, on a timer of their own).
  const alerts = createAlertMonitor({ db, now, emit: bus.emit, log });
  bus.on((event) => {
    if (event.type === 'usage-changed' || event.type === 'budgets-changed' || event.type === 'import-changed' || event.type === 'sync-changed') alerts.poke();
  });

  const token = crypto.randomBytes(24).toString('base64url');
  const handlers: HttpHandler[] = [];
  if (options.mode === 'headless' && options.serveUi) handlers.push(createApiHandler({ api, token, onEvent: bus.on }));
  handlers.push(proxyHandler);
  if (options.serveUi && options.rendererDir) handlers.push(createStaticHandler(options.rendererDir));

  const port = options.port ?? settings().proxyPort;
  let server: Awaited<ReturnType<typeof startLoopbackServer>> | null = null;
  try {
    server = await startLoopbackServer({ port, handlers, log });
    proxyStatus = { listening: true, url: server.url, port: server.port, error: null };
  } catch (err) {
    proxyStatus = { listening: false, url: null, port: null, error: (err as Error).message };
    if (options.mode === 'headless') {
      alerts.close();
      windowRecorder.close();
      writer.close();
      db.close();
      throw err;
    }
    // The desktop app still shows the ledger when the port is taken; the glance says why.
    log(`proxy not started: ${proxyStatus.error}`);
  }

  // And once on start, on the next turn: after the caller attached its listeners (notifications).
  alerts.poke();

  transcriptImport.start();
  claudeState.start();
  if (env.TOKENTALLY_NO_POLL !== '1') pollers.start();

  let closed: Promise<void> | null = null;
  return {
    api,
    dataDir: options.dataDir,
    onEvent: bus.on,
    urls: {
      proxy: server?.url ?? null,
      ui: server && options.serveUi ? `${server.url}/?token=${token}` : null,
    },
    setActive: (active) => pollers.setActive(active),
    close() {
      closed ??= (async () => {
        // Drain the proxy first: calls finishing during the grace period still reach the writer.
        if (server) await stopProxy(server, proxyHandler);
        priceCheck.stop();
        await transcriptImport.close();
        claudeState.stop();
        windowRecorder.close();
        checkWindows.cancel();
        await pollers.stop();
        alerts.close();
        writer.close();
        db.close();
      })();
      return closed;
    },
  };
}
