/**
 * The engine: everything that reads or keeps the ledger besides the proxy's own writes — the
 * API's handlers (summary, requests, reports, break-even…), the transcript import, the pollers,
 * budget alerts, plan-window alerts, and the hard-cap gate's snapshots. It runs on a thread of its
 * own (engine-worker.ts), so nothing here can hold up a proxied call; the proxy's thread (core.ts)
 * talks to it by messages. This function only wires; it is the same in the app, `serve` and tests.
 */
import path from 'node:path';
import type { ApiEvent, KeyInfo, KeyKind, LedgerHealth, ProxyStatus, SetKeyArgs, TokentallyApi } from '../../../shared/api/contract.js';
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import type { ProviderProfile } from '../../../shared/providers/index.js';
import { throttle } from '../../../shared/throttle.js';
import { createAlertMonitor } from '../budgets/alert-monitor.js';
import { createEventBus } from '../event-bus.js';
import { readSettings } from '../ledger/index.js';
import { DATABASE_FILE, type Db } from '../ledger/open-database.js';
import { createPollScheduler, keyStoreAccess } from '../pollers/index.js';
import type { GateSnapshot } from '../proxy/budget-gate.js';
import { resolveProviders, type ResolvedProviders } from '../proxy/upstreams.js';
import type { AdvisorPasses } from '../advisor/advisor-thread.js';
import { createService } from '../service/create-service.js';
import type { ServiceContext } from '../service/context.js';
import { warmGlance } from '../service/summary-handler.js';
import { createSyncScheduler, syncIntervalFrom } from '../sync/sync-scheduler.js';
import { claudeProjectFolders, createTranscriptImporter } from '../sources/claude-code/index.js';
import { codexSessionFolders } from '../sources/codex/index.js';
import { geminiBillingFrom, geminiSessionFolders } from '../sources/gemini/index.js';
import { claudeStateFiles, createClaudeStateReader } from '../windows/claude-state-reader.js';
import { checkWindowAlerts } from '../windows/window-alert-check.js';
import { createWindowRecorder } from '../windows/window-recorder.js';
import { createDailyPriceCheck } from '../prices/daily-check.js';
import { priceDataUrl } from '../prices/price-data-file.js';
import { createEngineKeys, type KeySnapshot } from './engine-keys.js';
import { readGateSnapshot } from './gate-snapshot.js';
import { createGuardLedger } from '../guard/guard-ledger.js';
import type { GuardAlarmNotice, GuardSnapshot } from '../guard/proxy-guard.js';
import { errorMessage } from '../../../shared/error-message.js';

const SETTINGS_TTL_MS = 5_000;
const WINDOW_ALERT_INTERVAL_MS = 1_000;
/** Spend snapshots for the gate after ledger changes: at most this often (they are sums over a period). */
const GATE_SNAPSHOT_INTERVAL_MS = 50;
/** Changes other processes make (the CLI) are noticed by polling the database's change counter. */
const EXTERNAL_CHANGE_POLL_MS = 100;
/** How often the engine copies the write-ahead log into the database (the writer does not). */
const CHECKPOINT_INTERVAL_MS = 1_000;

/** Plain data: what crosses to the engine's thread. */
export interface EngineConfig {
  dataDir: string;
  mode: 'electron' | 'headless';
  env: Record<string, string | undefined>;
  importFolders?: string[];
  codexFolders?: string[];
  claudeStateFiles?: string[];
  geminiFolders?: string[];
}

/** What the engine asks of, and tells, the thread that holds the proxy and the cipher. */
export interface EngineHost {
  now(): number;
  log(line: string): void;
  /** An event for the UI, the tray and the proxy's thread. */
  emit(event: ApiEvent): void;
  gateSnapshot(snapshot: GateSnapshot): void;
  /** The loop guard's paused tags, for the proxy's guard (proxy-guard.ts). */
  guardSnapshot(snapshot: GuardSnapshot): void;
  setKey(args: SetKeyArgs): Promise<KeyInfo>;
  removeKey(provider: string, kind: KeyKind): Promise<boolean>;
  providers: readonly ProviderProfile[];
  /** The advisor's thread (absent: passes run on this thread). */
  advisor?: AdvisorPasses;
}

export interface Engine {
  api: TokentallyApi;
  /** Events from the proxy's thread (usage written, windows stored, keys changed…). */
  event(event: ApiEvent): void;
  keys(snapshot: KeySnapshot): void;
  proxyStatus(status: ProxyStatus): void;
  ledgerHealth(health: LedgerHealth): void;
  setActive(active: boolean): void;
  /** Read and send the gate's snapshot now (the first one, before the proxy opens). */
  sendGateSnapshot(): void;
  /** The loop guard's first snapshot (paused tags, the past week's hourly spend), before the proxy opens. */
  sendGuardSnapshot(): void;
  /** An alarm the proxy's guard raised: stored and announced here. */
  guardAlarm(notice: GuardAlarmNotice): void;
  start(): void;
  close(): Promise<void>;
}

export function createEngine(db: Db, config: EngineConfig, host: EngineHost): Engine {
  const { now, log } = host;
  const env = config.env;
  const bus = createEventBus();
  /** Events raised here go to the host too; events from the host stay here. */
  const emit = (event: ApiEvent) => {
    bus.emit(event);
    host.emit(event);
  };

  let cached: { settings: ReturnType<typeof readSettings>['settings']; at: number; providers: ResolvedProviders | null } | null = null;
  const current = () => {
    const t = Date.now();
    if (!cached || t - cached.at > SETTINGS_TTL_MS) cached = { settings: readSettings(db).settings, at: t, providers: null };
    return cached;
  };
  const settings = () => current().settings;
  const warned = new Set<string>();
  const providers = (): ResolvedProviders => {
    const c = current();
    c.providers ??= resolveProviders(c.settings, env, (m) => {
      if (!warned.has(m)) log(m);
      warned.add(m);
    }, host.providers);
    return c.providers;
  };

  const keys = createEngineKeys(db, { set: host.setKey, remove: host.removeKey });
  let proxyStatus: ProxyStatus = { listening: false, url: null, port: null, error: null };
  let ledgerHealth: LedgerHealth = { state: 'ok', message: null, since: null, kept: 0, lost: 0, recoveredAtStart: 0 };

  // Gate snapshots: after every ledger or budget change, throttled; at once for budget changes,
  // so a cap set through the API holds for the very next call (the snapshot goes out before the
  // API's answer does).
  const sendGateSnapshot = () => {
    try {
      host.gateSnapshot(readGateSnapshot(db, now()));
    } catch (err) {
      log(`the hard-cap figures could not be read: ${errorMessage(err)}`);
    }
  };
  const gateSoon = throttle(sendGateSnapshot, GATE_SNAPSHOT_INTERVAL_MS);

  const checkWindows = throttle(() => {
    try {
      checkWindowAlerts(db, now(), emit, log);
    } catch (err) {
      log(`plan-window alerts could not be checked: ${errorMessage(err)}`);
    }
  }, WINDOW_ALERT_INTERVAL_MS);
  // Snapshots the import and Claude Code's state files bring (the proxy's go to the writer thread).
  const windowRecorder = createWindowRecorder(db, {
    now,
    onStored: () => {
      emit({ type: 'windows-changed' });
      checkWindows();
    },
    onError: (err) => log(`plan windows not stored: ${errorMessage(err)}`),
  });
  const windowSnapshot = (snapshot: WindowSnapshot) => windowRecorder.enqueue(snapshot);
  const noImport = env.TOKENTALLY_NO_IMPORT === '1';
  const claudeState = createClaudeStateReader({
    files: config.claudeStateFiles ?? (config.importFolders || noImport ? [] : claudeStateFiles(env)),
    onSnapshot: windowSnapshot,
    log,
  });

  const gemini = geminiBillingFrom(env);
  if (gemini.problem) log(`${gemini.problem}; importing Gemini CLI calls as subscription usage`);
  const transcriptImport = createTranscriptImporter({
    db,
    folders: config.importFolders ?? claudeProjectFolders(env),
    // Folders given for one source (tests) mean: only those, not the user's real ones of the other.
    // Codex run with an API key bills that key: TOKENTALLY_NO_CODEX_IMPORT=1 keeps it off the plans.
    codexFolders: config.codexFolders ?? (config.importFolders || env.TOKENTALLY_NO_CODEX_IMPORT === '1' ? [] : codexSessionFolders(env)),
    // Gemini CLI calls that go through the proxy's /gemini route are logged there: TOKENTALLY_NO_GEMINI_IMPORT=1.
    geminiFolders: config.geminiFolders ?? (config.importFolders || env.TOKENTALLY_NO_GEMINI_IMPORT === '1' ? [] : geminiSessionFolders(env)),
    geminiBilling: gemini.billing,
    enabled: !noImport,
    now,
    log,
    emit,
    overrides: () => settings().priceOverrides,
    windowSnapshot,
  });

  const pollers = createPollScheduler({
    db,
    keys: keyStoreAccess(keys),
    providers,
    now,
    log,
    onChange: () => emit({ type: 'sync-changed' }),
  });

  // Sync through the user's sync folder (issue 17): off until a folder is set. Publishing and
  // merging run here, off the proxy's thread; merged rows take the ledger's bulk write path.
  const sync = createSyncScheduler({ db, dataDir: config.dataDir, now, log, emit, intervalMs: syncIntervalFrom(env) });

  const service: ServiceContext = {
    db,
    keyStore: keys,
    now,
    emit,
    proxyStatus: () => proxyStatus,
    ledgerHealth: () => ledgerHealth,
    dataDir: config.dataDir,
    databasePath: path.join(config.dataDir, DATABASE_FILE),
    mode: config.mode,
    providers,
    transcriptImport,
    pollers,
    priceDataUrl: priceDataUrl(env),
    sync,
    advisor: host.advisor,
  };
  const api = createService(service);

  // The opt-in daily check of the published price list (off unless the user switched it on).
  const priceCheck = createDailyPriceCheck({ dataDir: config.dataDir, url: priceDataUrl(env), now, log, onUpdated: () => emit({ type: 'settings-changed' }) });
  priceCheck.update(settings().priceDataDailyCheck);

  const alerts = createAlertMonitor({ db, now, emit, log });
  // The loop guard's ledger side: alarms from the proxy's thread stored and announced; the paused
  // tags sent back on every 'guard-changed' (an alarm, a resume, another process's write).
  const guard = createGuardLedger({ db, now, emit, log, send: host.guardSnapshot });

  bus.on((event) => {
    switch (event.type) {
      case 'settings-changed':
        cached = null;
        priceCheck.update(settings().priceDataDailyCheck);
        pollers.keysChanged();
        gateSoon();
        alerts.poke();
        break;
      case 'keys-changed':
        pollers.keysChanged();
        gateSoon(); // key labels name key budgets in refusals
        break;
      case 'budgets-changed':
        sendGateSnapshot();
        alerts.poke();
        break;
      case 'usage-changed':
      case 'import-changed':
      case 'sync-changed':
        gateSoon();
        alerts.poke();
        break;
      case 'windows-changed':
        checkWindows();
        break;
      case 'guard-changed':
        guard.sendSnapshot();
        break;
    }
  });

  // Budgets, keys or settings changed by another process (the CLI): the gate must know at once.
  let dataVersion = db.pragma('data_version', { simple: true }) as number;
  const external = setInterval(() => {
    try {
      const v = db.pragma('data_version', { simple: true }) as number;
      if (v !== dataVersion) {
        dataVersion = v;
        cached = null;
        gateSoon();
        guard.otherProcessChanged();
      }
    } catch {
      // Closing.
    }
  }, EXTERNAL_CHANGE_POLL_MS);
  external.unref();

  // The WAL's checkpoints, off the writer's thread (see writer-worker.ts): passive, so they never
  // wait for or block the writer; frames a commit is still adding are copied by the next one.
  const checkpoints = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      log(`the ledger's write-ahead log could not be checkpointed: ${errorMessage(err)}`);
    }
  }, CHECKPOINT_INTERVAL_MS);
  checkpoints.unref();

  let closed: Promise<void> | null = null;
  return {
    api,
    event: (event) => bus.emit(event),
    keys: (snapshot) => keys.update(snapshot),
    proxyStatus: (status) => void (proxyStatus = status),
    ledgerHealth: (health) => void (ledgerHealth = health),
    setActive: (active) => pollers.setActive(active),
    sendGateSnapshot,
    sendGuardSnapshot: () => guard.sendSnapshot(true),
    guardAlarm: (notice) => guard.alarm(notice),
    start() {
      // Once on start, on the next turn: after the host attached its listeners (notifications).
      alerts.poke();
      warmGlance(service, log);
      transcriptImport.start();
      claudeState.start();
      if (env.TOKENTALLY_NO_POLL !== '1') pollers.start();
      sync.start();
    },
    close() {
      closed ??= (async () => {
        clearInterval(external);
        clearInterval(checkpoints);
        gateSoon.cancel();
        priceCheck.stop();
        await transcriptImport.close();
        claudeState.stop();
        windowRecorder.close();
        checkWindows.cancel();
        await pollers.stop();
        sync.stop();
        alerts.close();
      })();
      return closed;
    },
  };
}
