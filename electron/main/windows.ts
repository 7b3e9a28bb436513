import { app, BrowserWindow, nativeTheme, screen, type Point, type Rectangle, type WebContents, type WebPreferences } from 'electron';
import { rendererUrl } from './app-paths.js';
import { glanceClickAction } from './glance-toggle.js';
import { placeGlanceWindow, resolveTrayAnchor } from './window-placement.js';
import { errorMessage } from '../../shared/error-message.js';

// Tall enough for budget, pace, top models, break-even, balances and an alert without scrolling.
const GLANCE_SIZE = { width: 360, height: 640 } as const;

export interface WindowOptions {
  rendererIndex: string;
  devUrl: URL | null;
  preload: string;
  /** From preloadArguments(API_METHOD_NAMES). */
  preloadArgs: string[];
  /** macOS: the dock icon is shown only while the main window is open (it is a menu-bar app). */
  onMainWindowVisible(visible: boolean): void;
  /** Some window is on screen: the core polls providers faster while the user looks. */
  onActiveChange(active: boolean): void;
}

export interface Windows {
  /** Tray click: show the glance at the tray, or hide it. */
  toggleGlance(trayBounds: Rectangle | null, cursor: Point): void;
  /** Open (or focus) the main window; with a route, also go there. */
  showMain(route?: string): void;
  /** Every live window's contents, for change events. */
  allContents(): WebContents[];
}

/** Both windows: isolated, sandboxed, no Node, web security on (Electron's checklist). */
function securePreferences(options: WindowOptions): WebPreferences {
  return {
    preload: options.preload,
    additionalArguments: options.preloadArgs,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !app.isPackaged,
  };
}

/** Avoids a white flash before the renderer paints in dark mode. */
function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff';
}

export function createWindows(options: WindowOptions): Windows {
  const glance = createGlanceWindow(options);
  let lastBlurHideAt: number | null = null;
  glance.on('blur', () => {
    // Keep it open while its devtools have focus, or debugging the glance is impossible.
    if (glance.isDestroyed() || glance.webContents.isDevToolsOpened()) return;
    glance.hide();
    lastBlurHideAt = Date.now();
  });

  let main: BrowserWindow | null = null;
  const reportActive = () => {
    const glanceShown = !glance.isDestroyed() && glance.isVisible();
    const mainShown = main !== null && !main.isDestroyed() && main.isVisible() && !main.isMinimized();
    options.onActiveChange(glanceShown || mainShown);
  };
  glance.on('show', reportActive);
  glance.on('hide', reportActive);

  return {
    toggleGlance(trayBounds, cursor) {
      if (glance.isDestroyed()) return;
      const action = glanceClickAction({ visible: glance.isVisible(), lastBlurHideAt, now: Date.now() });
      if (action === 'hide') glance.hide();
      if (action !== 'show') return;
      const anchor = resolveTrayAnchor(trayBounds, cursor);
      const display = anchor.width > 0 ? screen.getDisplayMatching(anchor) : screen.getDisplayNearestPoint(cursor);
      const { x, y } = placeGlanceWindow(anchor, GLANCE_SIZE, display.workArea, process.platform);
      glance.setPosition(x, y, false);
      glance.show();
      glance.focus();
    },
    showMain(route) {
      if (main && !main.isDestroyed()) {
        // Same document, new hash: an in-page navigation, the renderer keeps its state.
        if (route) load(main, rendererUrl(route, options.rendererIndex, options.devUrl));
        if (main.isMinimized()) main.restore();
        main.show();
        main.focus();
        return;
      }
      main = createMainWindow(options, route ?? '/overview');
      options.onMainWindowVisible(true);
      main.on('show', reportActive);
      main.on('hide', reportActive);
      main.on('minimize', reportActive);
      main.on('restore', reportActive);
      main.on('closed', () => {
        main = null;
        options.onMainWindowVisible(false);
        reportActive();
      });
    },
    allContents() {
      return BrowserWindow.getAllWindows()
        .filter((w) => !w.isDestroyed())
        .map((w) => w.webContents);
    },
  };
}

function createGlanceWindow(options: WindowOptions): BrowserWindow {
  const glance = new BrowserWindow({
    ...GLANCE_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hiddenInMissionControl: true,
    backgroundColor: backgroundColor(),
    webPreferences: securePreferences(options),
  });
  // Follow the user to whichever desktop / Space is active when the tray is clicked.
  glance.setVisibleOnAllWorkspaces(true);
  // Loaded up front, hidden, so a tray click shows numbers at once.
  load(glance, rendererUrl('/glance', options.rendererIndex, options.devUrl));
  return glance;
}

function createMainWindow(options: WindowOptions, route: string): BrowserWindow {
  const main = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Tokentally',
    autoHideMenuBar: true,
    backgroundColor: backgroundColor(),
    webPreferences: securePreferences(options),
  });
  main.once('ready-to-show', () => {
    main.show();
    main.focus();
  });
  load(main, rendererUrl(route, options.rendererIndex, options.devUrl));
  return main;
}

function load(window: BrowserWindow, url: string): void {
  window.loadURL(url).catch((err: unknown) => {
    // ERR_ABORTED is a load replaced by a newer one (a second route request): not a failure.
    const message = errorMessage(err);
    if (!message.includes('ERR_ABORTED')) console.error(`Tokentally: could not load the window: ${message}`);
  });
}
