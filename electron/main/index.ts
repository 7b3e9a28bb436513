/*
 * The Electron entry (package.json "main": out/electron/main/index.js, an ES module). Only
 * wiring: the engine is electron/core (the same one `tokentally serve` runs), every decision
 * that can be made without Electron lives in a small pure module next to this file.
 */
import fs from 'node:fs';
import { app, dialog, ipcMain, screen } from 'electron';
import { API_METHOD_NAMES, type ApiEvent } from '../../shared/api/contract.js';
import { startCore } from '../core/core.js';
import type { Core } from '../core/core-types.js';
import { appPaths, chooseDataDir, routeOfRendererUrl } from './app-paths.js';
import { createIpcRegistry, forwardCoreEvents, registerApiIpc } from './ipc.js';
import { electronNativeBindingPath, packagedNativeBindingPath } from './native-binding-path.js';
import { preloadArguments } from './preload-args.js';
import { createSafeStorageCipher } from './safe-storage-cipher.js';
import { installSecurity } from './security.js';
import { throttle } from '../../shared/throttle.js';
import { showAlertNotifications } from './notifications.js';
import { createTray } from './tray.js';
import { isTrustedRendererUrl, parseDevServerUrl } from './trusted-sender.js';
import { createWindows, type Windows } from './windows.js';
import { errorMessage } from '../../shared/error-message.js';

/** Tray refresh: at most this often while usage events stream in. */
const TRAY_THROTTLE_MS = 500;
/** And at least this often, so "today" rolls over at midnight without any event. */
const TRAY_CLOCK_MS = 60_000;
/** Quitting waits this long for the ledger to flush, then exits anyway. */
const CLOSE_TIMEOUT_MS = 5_000;
/** Events after which the tray's numbers may have changed. */
const TRAY_EVENTS = new Set<ApiEvent['type']>(['usage-changed', 'budgets-changed', 'settings-changed', 'proxy-status', 'windows-changed', 'ledger-changed', 'guard-changed']);

const log = (line: string) => console.log(`tokentally: ${line}`);

function failAtStart(err: unknown): void {
  // The plain message only: a stack trace means nothing to the user (a too-new database,
  // an unusable data folder, a missing native module all explain themselves).
  const message = errorMessage(err);
  dialog.showErrorBox('Tokentally could not start', message);
  app.exit(1);
}

function main(): void {
  let dataDir: string;
  let devUrl: URL | null;
  try {
    dataDir = chooseDataDir(process.argv, process.env, app.getPath('userData'));
    devUrl = parseDevServerUrl(process.env.TOKENTALLY_DEV_URL);
  } catch (err) {
    failAtStart(err);
    return;
  }
  // Chromium's files and the single-instance lock then live with the ledger: one app per ledger.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    // Another Tokentally owns this ledger; it receives 'second-instance' and shows its window.
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId('dev.tokentally.app');

  const paths = appPaths(app.getAppPath());
  const isTrustedUrl = (url: string | null) => isTrustedRendererUrl(url, { rendererDir: paths.rendererDir, devUrl });
  let windows: Windows | null = null;
  let corePromise: Promise<Core> | null = null;

  app.on('second-instance', () => windows?.showMain());
  app.on('activate', () => windows?.showMain());
  // A tray app: closing its last window does not quit it (only the tray menu's Quit does).
  app.on('window-all-closed', () => {});

  let exitNow = false;
  let stopTrayClock = () => {};
  app.on('before-quit', (event) => {
    if (exitNow || !corePromise) return;
    // Flush queued usage records and close the database before the process ends.
    event.preventDefault();
    stopTrayClock();
    const started = corePromise;
    corePromise = null;
    closeWithin(started, CLOSE_TIMEOUT_MS)
      .catch((err: unknown) => log(`closing the ledger failed: ${errorMessage(err)}`))
      .finally(() => {
        exitNow = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(async () => {
      // macOS: a menu-bar app. The packaged app is LSUIElement (no dock icon); under `electron .`
      // the dock icon is hidden here to match, and shown only while the main window is open,
      // so that window can still be reached with Cmd-Tab.
      if (process.platform === 'darwin') app.dock?.hide();
      installSecurity({ isTrustedUrl, devUrl, openInMainWindow: (url) => windows?.showMain(routeOfRendererUrl(url) ?? undefined) });

      const nativeBinding = app.isPackaged
        ? packagedNativeBindingPath(process.resourcesPath, process.versions, process.platform, process.arch)
        : electronNativeBindingPath(app.getAppPath(), process.versions, process.platform, process.arch);
      if (!fs.existsSync(nativeBinding)) {
        throw new Error(
          app.isPackaged
            ? `This copy of Tokentally is incomplete: ${nativeBinding} is missing. Reinstall Tokentally.`
            : `The SQLite module built for Electron is missing (${nativeBinding}). Run "node scripts/ensure-electron.mjs" (npm start runs it) and start again.`,
        );
      }
      if (!devUrl && !fs.existsSync(paths.rendererIndex)) {
        throw new Error(`The user interface is not built (${paths.rendererIndex} is missing). Run "npm run build" and start again.`);
      }

      let allowWeakKeyStorage = false;
      const cipher = createSafeStorageCipher(() => allowWeakKeyStorage);
      corePromise = startCore({ dataDir, mode: 'electron', cipher, nativeBinding, log });
      const core = await corePromise;
      const readKeyPolicy = () =>
        core.api.getSettings().then(
          (settings) => void (allowWeakKeyStorage = settings.allowWeakKeyStorage),
          (err: unknown) => log(`reading settings failed: ${errorMessage(err)}`),
        );
      await readKeyPolicy();

      registerApiIpc(createIpcRegistry(ipcMain), core.api, isTrustedUrl);
      const shell = createWindows({
        rendererIndex: paths.rendererIndex,
        devUrl,
        preload: paths.preload,
        preloadArgs: preloadArguments(API_METHOD_NAMES),
        onMainWindowVisible: (visible) => {
          if (process.platform !== 'darwin' || !app.dock) return;
          if (visible) void app.dock.show();
          else app.dock.hide();
        },
        onActiveChange: (active) => core.setActive(active),
      });
      windows = shell;
      forwardCoreEvents(core.onEvent, () => shell.allContents());

      const tray = createTray({
        assetsDir: paths.assetsDir,
        onClick: (bounds, cursor) => shell.toggleGlance(bounds, cursor),
        onOpen: () => shell.showMain(),
        onQuit: () => app.quit(),
        onLiftCap: () => void core.api.liftCap().catch((err: unknown) => log(`lifting the cap failed: ${errorMessage(err)}`)),
        onRestoreCap: () => void core.api.restoreCap().catch((err: unknown) => log(`restoring the cap failed: ${errorMessage(err)}`)),
        onResumeGuard: (tag) => void core.api.resumeGuard({ tag }).catch((err: unknown) => log(`resuming ${tag ?? 'untagged calls'} failed: ${errorMessage(err)}`)),
        cursor: () => screen.getCursorScreenPoint(),
      });
      // A loop-guard alert opens the Savings page (its Resume and thresholds); the others the planner.
      showAlertNotifications(core.onEvent, (event) => shell.showMain(event.type === 'guard-alert' ? '/advisor' : '/planner'));
      const refreshTray = throttle(() => {
        core.api.getSummary().then(
          (summary) => tray.update(summary),
          (err: unknown) => log(`tray summary failed: ${errorMessage(err)}`),
        );
      }, TRAY_THROTTLE_MS);
      core.onEvent((event) => {
        if (TRAY_EVENTS.has(event.type)) refreshTray();
        if (event.type === 'settings-changed') void readKeyPolicy();
      });
      const clock = setInterval(refreshTray, TRAY_CLOCK_MS);
      stopTrayClock = () => {
        clearInterval(clock);
        refreshTray.cancel();
      };
      refreshTray();

      // Without a tray (GNOME without an AppIndicator extension) the app would be invisible, and a
      // first start should show something: open the main window on launch.
      shell.showMain();
    })
    .catch(failAtStart);
}

async function closeWithin(core: Promise<Core>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`the ledger did not close within ${ms} ms; quitting anyway`);
      resolve();
    }, ms);
  });
  try {
    await Promise.race([core.then((c) => c.close()), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

main();
