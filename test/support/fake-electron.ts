import { EventEmitter } from 'node:events';

/**
 * Just enough of Electron's main-process API for electron/main/index.ts to run under Node, with
 * everything it does recorded. Electron cannot be launched here; this checks the wiring
 * (start, IPC, windows, tray, security hooks, quit) against a real core and a real SQLite file.
 */
export interface FakeElectronOptions {
  appRoot: string;
  userData: string;
}

type Handler = (event: { senderFrame: { url: string } | null }, arg?: unknown) => unknown;

class FakeWebContents extends EventEmitter {
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDevToolsOpened() {
    return false;
  }
}

export function createFakeElectron(options: FakeElectronOptions) {
  const calls = {
    errorBoxes: [] as Array<[string, string]>,
    exitCodes: [] as number[],
    quits: 0,
    /** Per app.quit(): whether a 'before-quit' listener held the quit back. */
    quitHeld: [] as boolean[],
    openedExternally: [] as string[],
    userDataSetTo: null as string | null,
    cspHeaders: [] as string[],
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    dock: { hidden: 0, shown: 0, hide() { this.hidden++; }, show() { this.shown++; return Promise.resolve(); } },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake app.getPath(${name})`);
      return calls.userDataSetTo ?? options.userData;
    },
    setPath: (name: string, value: string) => {
      if (name === 'userData') calls.userDataSetTo = value;
    },
    getAppPath: () => options.appRoot,
    requestSingleInstanceLock: () => true,
    setAppUserModelId: () => {},
    whenReady: () => Promise.resolve(),
    quit: () => {
      calls.quits++;
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      app.emit('before-quit', event);
      calls.quitHeld.push(event.defaultPrevented);
    },
    exit: (code: number) => void calls.exitCodes.push(code),
  });

  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    visible = false;
    position: [number, number] | null = null;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      setImmediate(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    isVisible() {
      return this.visible;
    }
    isMinimized() {
      return false;
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {}
    restore() {}
    setPosition(x: number, y: number) {
      this.position = [x, y];
    }
    setVisibleOnAllWorkspaces() {}
    close() {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const trays: FakeTray[] = [];
  class FakeTray extends EventEmitter {
    tooltip = '';
    title = '';
    menuLabels: string[] = [];
    menuClicks = new Map<string, () => void>();
    constructor(readonly image: unknown) {
      super();
      trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setTitle(text: string) {
      this.title = text;
    }
    setIgnoreDoubleClickEvents() {}
    setContextMenu(menu: { items: Array<{ label?: string; click?: () => void }> }) {
      this.menuLabels = menu.items.map((i) => i.label ?? '—');
      this.menuClicks = new Map(menu.items.filter((i) => i.label && i.click).map((i) => [i.label!, i.click!]));
    }
    popUpContextMenu() {}
    isDestroyed() {
      return false;
    }
    destroy() {}
  }

  const electron = {
    app,
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (items: Array<{ label?: string; click?: () => void }>) => ({ items }) },
    nativeImage: { createFromPath: (file: string) => ({ file, setTemplateImage() {} }) },
    nativeTheme: { shouldUseDarkColors: false },
    screen: {
      getCursorScreenPoint: () => ({ x: 1700, y: 1060 }),
      getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    dialog: { showErrorBox: (title: string, message: string) => void calls.errorBoxes.push([title, message]) },
    shell: { openExternal: (url: string) => (calls.openedExternally.push(url), Promise.resolve()) },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (fn: (details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) => {
            fn({ responseHeaders: {} }, (r) => calls.cspHeaders.push(...(r.responseHeaders['Content-Security-Policy'] ?? [])));
          },
        },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
      decryptString: (blob: Buffer) => Buffer.from(blob).reverse().toString('utf8'),
    },
  };
  return { electron, calls, handlers, windows, trays };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
