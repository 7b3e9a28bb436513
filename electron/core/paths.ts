import fs from 'node:fs';
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
  // `--data-dir ""` (an unset shell variable) is a mistake to say, not a reason to use another folder.
  if (flag !== undefined && flag.trim() === '') throw new Error('--data-dir is empty: name the folder the ledger is in');
  const chosen = flag || env.TOKENTALLY_DATA_DIR;
  const dir = chosen ? path.resolve(chosen) : defaultDataDir(env);
  // A file named as the folder: every command says so, rather than "No budgets set." over a ledger it never found.
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new Error(`the data folder ${dir} is a file, not a folder`);
  return dir;
}
