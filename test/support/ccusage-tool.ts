import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * ccusage, the public Claude Code usage CLI we check parity against, pinned. It is not a
 * devDependency: its per-platform native packages are optional dependencies and most of them are
 * missing from the registry for this version, so a lockfile holding it can never `npm ci`. It is
 * installed on first use into a git-ignored tool folder instead.
 */
export const CCUSAGE_VERSION = '20.0.24';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOOL_DIR = path.join(ROOT, '.tmp', 'tools', `ccusage-${CCUSAGE_VERSION}`);

/** Path of ccusage's CLI script, installing it if needed; null when no native build exists for this platform. */
export function ccusageCli(): string | null {
  const cli = path.join(TOOL_DIR, 'node_modules', 'ccusage', 'src', 'cli.js');
  const native = path.join(TOOL_DIR, 'node_modules', '@ccusage', `ccusage-${process.platform}-${process.arch}`, 'package.json');
  if (!fs.existsSync(cli)) {
    fs.mkdirSync(TOOL_DIR, { recursive: true });
    fs.writeFileSync(path.join(TOOL_DIR, 'package.json'), JSON.stringify({ private: true }));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', `ccusage@${CCUSAGE_VERSION}`], {
      cwd: TOOL_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
  }
  return fs.existsSync(native) ? cli : null;
}
