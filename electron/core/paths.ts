import os from 'node:os';
import path from 'node:path';

const APP_NAME = 'Tokentally';

/**
 * The folder Electron would use as userData for an app named Tokentally, so the desktop app and
 * `tokentally serve` share one ledger by default.
 */
function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
  }
}

/** --data-dir wins over TOKENTALLY_DATA_DIR, which wins over the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.TOKENTALLY_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(env);
}
