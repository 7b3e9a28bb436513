import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../core/paths.js';

/** Files the shell loads, relative to the app root (the folder of package.json, or app.asar). */
export interface AppPaths {
  rendererDir: string;
  rendererIndex: string;
  /** Compiled from electron/preload/index.cts. */
  preload: string;
  /** Tray icons; shipped as-is (electron-builder `files`), not compiled. */
  assetsDir: string;
}

export function appPaths(appRoot: string): AppPaths {
  const rendererDir = path.join(appRoot, 'out', 'renderer');
  return {
    rendererDir,
    rendererIndex: path.join(rendererDir, 'index.html'),
    preload: path.join(appRoot, 'out', 'electron', 'preload', 'index.cjs'),
    assetsDir: path.join(appRoot, 'electron', 'main', 'assets'),
  };
}

/** A hash route of the renderer: "/glance", "/overview", "/settings/keys". */
const ROUTE = /^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** The renderer uses hash routes, so both windows load the same index.html (or dev server page). */
export function rendererUrl(route: string, rendererIndex: string, devUrl: URL | null): string {
  if (!ROUTE.test(route)) throw new Error(`not a renderer route: "${route}"`);
  const base = devUrl ? new URL('/', devUrl) : pathToFileURL(rendererIndex);
  base.hash = route;
  return base.href;
}

/** The route of one of our renderer URLs ("...index.html#/requests" gives "/requests"), or null. */
export function routeOfRendererUrl(url: string): string | null {
  let hash: string;
  try {
    hash = new URL(url).hash;
  } catch {
    return null;
  }
  const route = hash.startsWith('#') ? hash.slice(1) : '';
  return ROUTE.test(route) ? route : null;
}

/** `--data-dir DIR` or `--data-dir=DIR` from the command line; the last one wins. */
export function parseDataDirFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error('--data-dir needs a folder: --data-dir DIR');
      found = next;
      i++;
    } else if (arg.startsWith('--data-dir=')) {
      found = arg.slice('--data-dir='.length);
      if (!found) throw new Error('--data-dir needs a folder: --data-dir=DIR');
    }
  }
  return found;
}

/**
 * The data directory of the desktop app: --data-dir, then TOKENTALLY_DATA_DIR, then Electron's own
 * userData folder (which is where `tokentally serve` looks by default, so both share one ledger).
 */
export function chooseDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, electronUserData: string): string {
  const flag = parseDataDirFlag(argv);
  if (flag || env.TOKENTALLY_DATA_DIR) return resolveDataDir(flag, env);
  return electronUserData;
}
