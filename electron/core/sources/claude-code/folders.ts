/**
 * Where Claude Code keeps its transcripts: `projects/` inside its config folder, which is
 * ~/.config/claude (newer versions) and ~/.claude (older ones), or each folder listed,
 * comma-separated, in CLAUDE_CONFIG_DIR (which then replaces both, as in Claude Code and ccusage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PROJECTS_DIR = 'projects';

/** The folders listed, comma-separated, in CLAUDE_CONFIG_DIR (empty when unset). */
export function listedClaudeConfigDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter((dir) => dir !== '');
}

/** The projects/ folders to read, whether or not they exist yet (a watcher waits for them). */
export function claudeProjectFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = listedClaudeConfigDirs(env);
  const home = env.HOME || os.homedir();
  const configDirs = listed.length > 0 ? listed : [path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'claude'), path.join(home, '.claude')];
  return unique(configDirs.map((dir) => path.join(path.resolve(dir), PROJECTS_DIR)));
}

/**
 * The projects/ folder meant by a `--dir` argument: a Claude config folder holding projects/,
 * or a projects/ folder (any folder of transcripts) itself.
 */
export function projectsFolderOf(dir: string): string {
  const resolved = path.resolve(dir);
  const inner = path.join(resolved, PROJECTS_DIR);
  return isDirectory(inner) ? inner : resolved;
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
