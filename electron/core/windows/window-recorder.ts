/**
 * The proxy's path for plan-window snapshots, like the usage writer's: the response handler only
 * pushes the parsed snapshot onto a queue; a timer stores the queue in one transaction, outside
 * any request, then says so (windows-changed, notifications). History older than a few months is
 * pruned on the way, at most once an hour.
 */
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import type { Db } from '../ledger/open-database.js';
import { HISTORY_KEEP_MS, pruneWindowAlerts, pruneWindowHistory, recordWindowSnapshots } from './window-store.js';

export interface WindowRecorderOptions {
  now(): number;
  /** After each stored batch. */
  onStored(snapshots: readonly WindowSnapshot[]): void;
  /** A failed write (the batch is dropped: the next response brings fresher figures). */
  onError(err: unknown): void;
  flushIntervalMs?: number;
}

export interface WindowRecorder {
  /** Queue a snapshot; never throws, never touches the database. */
  enqueue(snapshot: WindowSnapshot): void;
  /** Store what is queued now. */
  flush(): void;
  close(): void;
}

const PRUNE_EVERY_MS = 3_600_000;
/** Queued snapshots beyond this are dropped (the database is failing; newer ones follow). */
const MAX_QUEUE = 10_000;

export function createWindowRecorder(db: Db, options: WindowRecorderOptions): WindowRecorder {
  const interval = options.flushIntervalMs ?? 25;
  let queue: WindowSnapshot[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let prunedAt = -Infinity;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      recordWindowSnapshots(db, batch);
      const now = options.now();
      if (now - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now;
        pruneWindowHistory(db, now - HISTORY_KEEP_MS);
        pruneWindowAlerts(db, now - HISTORY_KEEP_MS);
      }
    } catch (err) {
      options.onError(err);
      return;
    }
    options.onStored(batch);
  };

  return {
    enqueue(snapshot) {
      if (closed || queue.length >= MAX_QUEUE) return;
      queue.push(snapshot);
      if (!timer) {
        timer = setTimeout(flush, interval);
        timer.unref();
      }
    },
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}
