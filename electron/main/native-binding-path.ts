import path from 'node:path';

/**
 * better-sqlite3 is built twice: for Node (node_modules/better-sqlite3/build, used by tests and
 * the CLI) and for Electron's ABI in a folder of its own, so neither build overwrites the other
 * and `npm test` / `npm start` work from one checkout in either order.
 * scripts/ensure-electron.mjs builds into the same folder names (a test checks they agree).
 */
const NATIVE_DIR = '.native';
/** Folder under process.resourcesPath in a packaged app (electron-builder extraResources). */
export const PACKAGED_NATIVE_DIR = 'native';
const ADDON_FILE = 'better_sqlite3.node';

export interface RuntimeVersions {
  electron?: string;
}

/** e.g. "electron-39.5.0-linux-x64": one folder per Electron version, OS and CPU. */
export function nativeBuildDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** The Electron-ABI addon in a checkout: <appRoot>/.native/electron-<v>-<platform>-<arch>/better_sqlite3.node. */
export function electronNativeBindingPath(appRoot: string, versions: RuntimeVersions, platform: string, arch: string): string {
  return path.join(appRoot, NATIVE_DIR, nativeBuildDirName(requireElectron(versions), platform, arch), ADDON_FILE);
}

/** The same file in a packaged app: <resourcesPath>/native/electron-<v>-<platform>-<arch>/better_sqlite3.node. */
export function packagedNativeBindingPath(resourcesPath: string, versions: RuntimeVersions, platform: string, arch: string): string {
  return path.join(resourcesPath, PACKAGED_NATIVE_DIR, nativeBuildDirName(requireElectron(versions), platform, arch), ADDON_FILE);
}

function requireElectron(versions: RuntimeVersions): string {
  if (!versions.electron) throw new Error('not running under Electron: process.versions.electron is missing');
  return versions.electron;
}
