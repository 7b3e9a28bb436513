/**
 * Runs raiseDueAlerts after ledger writes and budget changes, throttled: at most once per
 * interval, on a timer of its own, never inside the proxy's request path or the writer's flush.
 * New alerts go out as ApiEvent 'alert' (UI, Electron notifications) and as a log line (headless
 * stdout).
 */
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import { raiseDueAlerts } from './raise-alerts.js';
import { errorMessage } from '../../../shared/error-message.js';

export interface AlertMonitorOptions {
  db: Db;
  now(): number;
  emit(event: ApiEvent): void;
  log(line: string): void;
  /** Minimum time between two evaluations (default 2 s). */
  intervalMs?: number;
}

export interface AlertMonitor {
  /** Something changed: evaluate soon (coalesced with other pokes). */
  poke(): void;
  /** Evaluate now (on start); returns how many alerts were raised. */
  runNow(): number;
  close(): void;
}

export function createAlertMonitor(options: AlertMonitorOptions): AlertMonitor {
  const intervalMs = options.intervalMs ?? 2_000;
  let timer: NodeJS.Timeout | null = null;
  let lastRun = -Infinity;
  let closed = false;
  let failureReported = false;

  const run = (): number => {
    if (closed) return 0;
    lastRun = Date.now();
    try {
      const { raised, notify } = raiseDueAlerts(options.db, options.now());
      failureReported = false;
      for (const alert of notify) {
        options.log(`alert: ${alert.message}`);
        options.emit({ type: 'alert', id: alert.id, message: alert.message });
      }
      return raised.length;
    } catch (err) {
      // A locked or closing database: try again on the next change; say so once.
      if (!failureReported) options.log(`budget alerts could not be checked: ${errorMessage(err)}`);
      failureReported = true;
      return 0;
    }
  };

  return {
    poke() {
      if (closed || timer) return;
      const wait = Math.max(0, lastRun + intervalMs - Date.now());
      timer = setTimeout(() => {
        timer = null;
        run();
      }, wait);
      timer.unref();
    },
    runNow: run,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
