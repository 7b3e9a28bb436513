/**
 * Claude Code's own cached copy of the plan windows (~/.claude.json, cachedUsageUtilization; see
 * shared/windows/claude-code-limits.ts), read when the proxy saw nothing recent: it is stored as
 * a snapshot of source 'claude-state', which replaces the latest reading only when it is newer.
 * Read-only, and only that key (plus the organization id) is kept: the same file names the
 * account, never the login token (that lives in .credentials.json or the keychain, untouched).
 * The file is read again only when it changed, at most once a minute.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import { readClaudeStateUsage } from '../../../shared/windows/claude-code-limits.js';
import { listedClaudeConfigDirs } from '../sources/claude-code/folders.js';
import { DEFAULT_ACCOUNT } from './window-store.js';

const STATE_FILE = '.claude.json';
/** A state file larger than this is not read (it holds every project's history; the figures are a few hundred bytes). */
const MAX_BYTES = 64 * 1024 * 1024;
const CLAUDE_STATE_EVERY_MS = 60_000;

/** Where Claude Code keeps its state: .claude.json in each CLAUDE_CONFIG_DIR folder, else in the home folder (and its config folders). */
export function claudeStateFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = listedClaudeConfigDirs(env);
  const home = env.HOME || os.homedir();
  const dirs = listed.length > 0 ? listed.map((d) => path.resolve(d)) : [home, path.join(home, '.claude'), path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'claude')];
  return [...new Set(dirs.map((d) => path.join(d, STATE_FILE)))];
}

export interface ClaudeStateReader {
  /** Read the files that changed since last time; returns the snapshots found (newest figures per file). */
  readNow(): WindowSnapshot[];
  start(): void;
  stop(): void;
}

export function createClaudeStateReader(options: { files: string[]; onSnapshot(s: WindowSnapshot): void; log(line: string): void; everyMs?: number }): ClaudeStateReader {
  const seen = new Map<string, { mtimeMs: number; size: number; at: number }>();
  const reported = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  const readFile = (file: string): WindowSnapshot | null => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    const before = seen.get(file);
    if (!stat.isFile() || (before && before.mtimeMs === stat.mtimeMs && before.size === stat.size)) return null;
    if (stat.size > MAX_BYTES) {
      if (!reported.has(file)) options.log(`${file} is larger than ${MAX_BYTES / 1024 / 1024} MB: its plan-window figures are not read`);
      reported.add(file);
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // Claude Code rewrites the file while it runs: a torn read is tried again on the next change.
      return null;
    }
    const usage = readClaudeStateUsage(parsed);
    seen.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, at: usage?.at ?? before?.at ?? 0 });
    if (!usage || (before && usage.at <= before.at)) return null;
    return { provider: 'anthropic', account: usage.account ?? DEFAULT_ACCOUNT, source: 'claude-state', at: usage.at, status: null, binding: null, windows: usage.windows };
  };

  const readNow = () => {
    const out: WindowSnapshot[] = [];
    for (const file of options.files) {
      const s = readFile(file);
      if (s) {
        out.push(s);
        options.onSnapshot(s);
      }
    }
    return out;
  };

  return {
    readNow,
    start() {
      if (timer || options.files.length === 0) return;
      readNow();
      timer = setInterval(readNow, options.everyMs ?? CLAUDE_STATE_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
