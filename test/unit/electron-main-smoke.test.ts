import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, type Budget } from '../../shared/api/contract.js';
import type { CoreOptions } from '../../electron/core/core-types.js';
import { createFakeElectron, type FakeElectron } from '../support/fake-electron.js';

/** The glance window's height (electron/main/windows.ts GLANCE_SIZE); it sits above a bottom taskbar whose work area ends at y = 1040. */
const GLANCE_HEIGHT = 640;

/*
 * electron/main/index.ts run under Node against a recording fake of Electron (Electron itself
 * cannot be launched here) and the real core on a real SQLite file. Checks the wiring the pure
 * tests cannot: start, IPC, windows, tray, security hooks, start errors and the flush on quit.
 */
const state = vi.hoisted(() => ({ fake: null as FakeElectron | null }));
vi.mock('electron', () => {
  const get = (name: string) => (state.fake!.electron as Record<string, unknown>)[name];
  return Object.defineProperties(
    {},
    Object.fromEntries(
      ['app', 'ipcMain', 'BrowserWindow', 'Tray', 'Menu', 'nativeImage', 'nativeTheme', 'screen', 'dialog', 'shell', 'session', 'safeStorage'].map((name) => [
        name,
        { get: () => get(name), enumerable: true },
      ]),
    ),
  );
});
// The real core, on a free port instead of the default 8787 that other tests or a running app may hold.
vi.mock('../../electron/core/core.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/core.js')>();
  return { ...real, startCore: (options: CoreOptions) => real.startCore({ ...options, port: 0 }) };
});

const repo = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_VERSION = '39.5.0';
let tmp: string;

beforeAll(() => {
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON_VERSION, configurable: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-main-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => {
  delete (process.versions as Record<string, string>).electron;
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  state.fake = null;
});

/** An app root like a checkout after `npm start`'s build and ensure-electron steps. */
function appRoot(name: string, { withNative = true } = {}): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(path.join(root, 'out', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<!doctype html><title>Tokentally</title>');
  if (withNative) {
    const dir = path.join(root, '.native', `electron-${ELECTRON_VERSION}-${process.platform}-${process.arch}`);
    fs.mkdirSync(dir, { recursive: true });
    // Under Node the Node build stands in for the Electron one: same file, loaded by path.
    fs.copyFileSync(path.join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), path.join(dir, 'better_sqlite3.node'));
  }
  return root;
}

async function launch(root: string, userData: string): Promise<FakeElectron> {
  const fake = createFakeElectron({ appRoot: root, userData });
  state.fake = fake;
  vi.resetModules();
  await import('../../electron/main/index.js');
  return fake;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  // Generous: the core starts two worker threads, each loading the TypeScript sources through tsx
  // here (the built app loads compiled JS), which takes seconds on a loaded machine.
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the Electron main process (fake Electron, real core)', () => {
  it('starts the core, registers IPC, opens hardened windows, fills the tray and flushes on quit', async () => {
    const root = appRoot('app');
    const userData = path.join(tmp, 'userData');
    const fake = await launch(root, userData);
    await waitFor(() => (fake.trays[0]?.tooltip ?? '').includes('Today'), 'the tray summary');

    // Data lives in Electron's userData, and the ledger was created there.
    expect(fake.calls.userDataSetTo).toBe(userData);
    expect(fs.existsSync(path.join(userData, 'tokentally.db'))).toBe(true);

    // One IPC handler per contract method, answering only our renderer.
    expect([...fake.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map((m) => IPC_METHOD_PREFIX + m).sort());
    const ours = `${pathToFileURL(path.join(root, 'out', 'renderer', 'index.html')).href}#/glance`;
    const call = (method: string, arg?: unknown, url = ours) => fake.handlers.get(IPC_METHOD_PREFIX + method)!({ senderFrame: { url } }, arg);
    const summary = (await call('getSummary')) as { ok: boolean; result: { spentNano: number; proxy: { listening: boolean } } };
    expect(summary.ok).toBe(true);
    expect(summary.result.spentNano).toBe(0);
    expect(summary.result.proxy.listening).toBe(true);
    expect(() => call('getSummary', undefined, 'https://evil.example/')).toThrow(/untrusted frame/);

    // Glance (frameless, fixed, hidden) and main window (shown on launch), both locked down.
    const [glance, main] = fake.windows;
    expect(fake.windows).toHaveLength(2);
    expect(glance!.options).toMatchObject({ width: 360, height: GLANCE_HEIGHT, frame: false, resizable: false, skipTaskbar: true, alwaysOnTop: true, show: false });
    expect(glance!.loaded).toEqual([ours]);
    expect(main!.loaded[0]).toMatch(/out\/renderer\/index\.html#\/overview$/);
    for (const window of fake.windows) {
      expect(window.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: path.join(root, 'out', 'electron', 'preload', 'index.cjs'),
        additionalArguments: [`--tt-methods=${API_METHOD_NAMES.join(',')}`],
      });
    }
    await waitFor(() => main!.visible, 'the main window to show');

    // Navigation away is refused; http(s) links go to the browser; window.open never opens a window.
    const prevented: string[] = [];
    const navigate = (url: string) => glance!.webContents.emit('will-navigate', { url, preventDefault: () => prevented.push(url) });
    navigate('https://docs.anthropic.com/pricing');
    navigate('file:///etc/passwd');
    expect(prevented).toEqual(['https://docs.anthropic.com/pricing', 'file:///etc/passwd']);
    expect(fake.calls.openedExternally).toEqual(['https://docs.anthropic.com/pricing']);
    expect(glance!.webContents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(glance!.webContents.windowOpenHandler!({ url: ours.replace('#/glance', '#/requests') })).toEqual({ action: 'deny' });
    expect(main!.loaded.at(-1)).toMatch(/#\/requests$/);
    expect(fake.calls.openedExternally).toHaveLength(1);
    expect(fake.calls.cspHeaders[0]).toContain("default-src 'self'");

    // A tray click shows the glance at the tray; a second click hides it.
    const tray = fake.trays[0]!;
    tray.emit('click', {}, { x: 1700, y: 1048, width: 24, height: 24 });
    expect(glance!.visible).toBe(true);
    expect(glance!.position).toEqual([1532, 1040 - GLANCE_HEIGHT]);
    tray.emit('click', {}, { x: 1700, y: 1048, width: 24, height: 24 });
    expect(glance!.visible).toBe(false);

    // A budget change reaches the windows as an event and the tray within the throttle.
    const budget: Budget = { scope: 'overall', scopeValue: null, monthlyNano: 50_000_000_000, hard: false, resetDay: 1, tz: 'UTC', alerts: [80] };
    const set = (await call('setBudget', budget)) as { ok: boolean };
    expect(set.ok).toBe(true);
    await waitFor(() => glance!.webContents.sent.some(([channel, e]) => channel === IPC_EVENT_CHANNEL && (e as { type: string }).type === 'budgets-changed'), 'the event');
    await waitFor(() => tray.tooltip.includes('$50.00 left of $50.00'), 'the tray to show the budget');
    expect(tray.menuLabels).toEqual(['$50.00 left · $0.00 today', '—', 'Open Tokentally', '—', 'Quit Tokentally']);

    // A second launch focuses the main window.
    main!.hide();
    fake.electron.app.emit('second-instance');
    expect(main!.visible).toBe(true);

    // Quit from the tray menu: held until the ledger is closed (its WAL file is gone), then done.
    tray.menuClicks.get('Quit Tokentally')!();
    await waitFor(() => fake.calls.quits === 2, 'the second quit after the flush');
    expect(fake.calls.quitHeld).toEqual([true, false]);
    expect(fs.existsSync(path.join(userData, 'tokentally.db-wal'))).toBe(false);
    expect(fake.calls.errorBoxes).toEqual([]);
  }, 30_000);

  it('says plainly why it cannot start when the database is from a newer version, and exits', async () => {
    const userData = path.join(tmp, 'newer');
    fs.mkdirSync(userData, { recursive: true });
    const db = new Database(path.join(userData, 'tokentally.db'));
    db.pragma('user_version = 999');
    db.close();
    const fake = await launch(appRoot('app-newer'), userData);
    await waitFor(() => fake.calls.errorBoxes.length > 0, 'the error box');
    const [title, message] = fake.calls.errorBoxes[0]!;
    expect(title).toBe('Tokentally could not start');
    expect(message).toMatch(/newer version of Tokentally/);
    expect(message).not.toMatch(/\n\s+at /);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.handlers.size).toBe(0);
    expect(new Database(path.join(userData, 'tokentally.db')).pragma('user_version', { simple: true })).toBe(999);
  });

  it('names the fix when the Electron build of SQLite is missing', async () => {
    const fake = await launch(appRoot('app-no-native', { withNative: false }), path.join(tmp, 'no-native'));
    await waitFor(() => fake.calls.errorBoxes.length > 0, 'the error box');
    expect(fake.calls.errorBoxes[0]![1]).toMatch(/SQLite module built for Electron is missing .*scripts\/ensure-electron\.mjs/);
    expect(fake.calls.exitCodes).toEqual([1]);
  });
});
