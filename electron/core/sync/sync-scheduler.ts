/**
 * Sync passes: every few seconds (and soon after asked), publish this device's news into the
 * sync folder, then merge what the other devices published. A pass merges a few segments at a
 * time and comes back at once for the rest, so a year of another device's calls arriving does
 * not hold the ledger for long at a stretch. A failing pass (the folder unplugged, a disk full)
 * is reported once and retried on the next.
 */
import path from 'node:path';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import { mergeFolder } from './merge.js';
import { publishPending } from './publish.js';
import type { PassState } from './sync-folder.js';
import { readSyncSelf } from './sync-self.js';
import { errorMessage } from '../../../shared/error-message.js';

const DEFAULT_SYNC_INTERVAL_MS = 5_000;
/** Segments merged per pass before giving the thread back (about 0.2 s each on a quiet machine). */
const SEGMENTS_PER_PASS = 4;

export interface SyncSchedulerOptions {
  db: Db;
  dataDir: string;
  now(): number;
  log(line: string): void;
  emit(event: ApiEvent): void;
  intervalMs?: number;
}

export interface SyncScheduler {
  start(): void;
  /** A pass on the next turn (after a setting changed, a budget was set…). */
  soon(): void;
  /** One whole pass now, every pending segment included (tests, the CLI). */
  runNow(): void;
  state(): PassState;
  stop(): void;
}

/** TOKENTALLY_SYNC_INTERVAL_MS: a shorter interval (tests), from 50 ms to an hour. */
export function syncIntervalFrom(env: Record<string, string | undefined>): number {
  const v = Number(env.TOKENTALLY_SYNC_INTERVAL_MS);
  return Number.isInteger(v) && v >= 50 && v <= 3_600_000 ? v : DEFAULT_SYNC_INTERVAL_MS;
}

function syncTempDir(dataDir: string): string {
  return path.join(dataDir, 'sync-outgoing');
}

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const interval = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const pass: PassState = { lastError: null, lastPassAt: null };
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  /** Returns whether segments are left to merge. */
  function run(maxSegments: number | undefined): boolean {
    if (readSyncSelf(options.db).folder === null) return false;
    const now = options.now();
    try {
      publishPending(options.db, { now, tempDir: syncTempDir(options.dataDir) });
      const merged = mergeFolder(options.db, { now, maxSegments });
      if (merged.rows > 0 || merged.changes > 0) options.emit({ type: 'usage-changed', count: merged.rows + merged.changes });
      if (merged.reports > 0) options.emit({ type: 'import-changed' });
      if (merged.shared > 0) {
        options.emit({ type: 'budgets-changed' });
        options.emit({ type: 'settings-changed' });
        options.emit({ type: 'windows-changed' });
      }
      if (pass.lastError !== null) options.log('sync: working again');
      pass.lastError = null;
      pass.lastPassAt = now;
      return maxSegments !== undefined && merged.segments >= maxSegments;
    } catch (err) {
      const message = errorMessage(err);
      if (pass.lastError !== message) options.log(`sync: ${message} (trying again in ${Math.round(interval / 1000)} s)`);
      pass.lastError = message;
      pass.lastPassAt = now;
      return false;
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const more = run(SEGMENTS_PER_PASS);
      schedule(more ? 0 : interval);
    }, delay);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    soon() {
      schedule(0);
    },
    runNow() {
      run(undefined);
    },
    state: () => ({ ...pass }),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
