/**
 * Change notifications for the transcript folders. macOS and Windows watch a tree with one
 * recursive fs.watch; on Linux Node 20's recursive mode is emulated in JavaScript (it walks and
 * re-walks the tree), so each folder gets its own watcher and new folders are added as they appear.
 * Watchers can fail (inotify limits, network drives): then `watching` turns false and the
 * importer falls back to polling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { errorCode } from '../../../../shared/error-message.js';

export interface FolderWatcher {
  /** Watch these folders too (each is watched once); roots that do not exist are skipped. */
  add(dirs: readonly string[]): void;
  /** All watchers are up: events can be trusted to arrive. */
  readonly watching: boolean;
  close(): void;
}

/**
 * onChange receives the changed transcript's path, or null when something else changed
 * (a folder appeared, the platform did not name the file): then everything is re-scanned.
 */
export function watchFolders(onChange: (file: string | null) => void, platform: NodeJS.Platform = process.platform): FolderWatcher {
  const recursive = platform === 'darwin' || platform === 'win32';
  const watchers = new Map<string, fs.FSWatcher>();
  let failed = false;
  let closed = false;

  const watchOne = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, { recursive, persistent: false }, (_event, name) => {
        const file = name ? path.join(dir, name.toString()) : null;
        onChange(file !== null && file.endsWith('.jsonl') ? file : null);
      });
    } catch (err) {
      // A folder that vanished is no failure; a refused watch (limits, permissions) is.
      if (errorCode(err) !== 'ENOENT') failed = true;
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
      // The folder itself went away: a later scan re-adds it. Anything else: poll from now on.
      if (fs.existsSync(dir)) failed = true;
      onChange(null);
    });
    watchers.set(dir, watcher);
  };

  return {
    add(dirs) {
      for (const dir of dirs) {
        // With recursive watching the roots cover everything below them.
        if (recursive && [...watchers.keys()].some((root) => dir.startsWith(root + path.sep))) continue;
        watchOne(dir);
      }
    },
    get watching() {
      return !failed && !closed && watchers.size > 0;
    },
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
