/**
 * Where Codex CLI keeps its session logs: sessions/ (YYYY/MM/DD/rollout-*.jsonl) and
 * archived_sessions/ inside its home, which is $CODEX_HOME or ~/.codex.
 */
import os from 'node:os';
import path from 'node:path';
import { isDirectory } from '../claude-code/folders.js';

const SESSION_DIRS = ['sessions', 'archived_sessions'];

/** The folders to read, whether or not they exist yet (a watcher waits for them). */
export function codexSessionFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.CODEX_HOME?.trim() ? path.resolve(env.CODEX_HOME.trim()) : path.join(env.HOME || os.homedir(), '.codex');
  return SESSION_DIRS.map((dir) => path.join(home, dir));
}

/** The folders meant by a `--dir` argument: a Codex home holding sessions/, or a folder of logs itself. */
export function codexFoldersOf(dir: string): string[] {
  const resolved = path.resolve(dir);
  const inner = SESSION_DIRS.map((d) => path.join(resolved, d)).filter(isDirectory);
  return inner.length > 0 ? inner : [resolved];
}
