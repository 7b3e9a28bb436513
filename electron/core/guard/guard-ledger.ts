/**
 * The loop guard's ledger side (the engine's, off the proxy's path): alarms raised on the proxy's
 * thread are stored here and announced (the tray, the glance, notifications), and the paused tags
 * are sent back to the proxy's guard as snapshots: at start (with a week of hourly spend per tag,
 * so baselines are there from the first call), after each alarm, pause or resume, and when another
 * process (the CLI) changed the ledger. The engine sends one on every 'guard-changed' event.
 */
import type { ApiEvent } from '../../../shared/api/contract.js';
import { BASELINE_HOURS } from '../../../shared/guard/guard-rules.js';
import type { Db } from '../ledger/open-database.js';
import { hourlySpendByTag, pausedKeys, recordAlarm } from './guard-repo.js';
import type { GuardAlarmNotice, GuardSnapshot } from './proxy-guard.js';
import { errorMessage } from '../../../shared/error-message.js';

const HOUR = 3_600_000;

export interface GuardLedgerOptions {
  db: Db;
  now(): number;
  emit(event: ApiEvent): void;
  log(line: string): void;
  /** To the proxy's guard (ProxyGuardHandle.update, or across threads). */
  send(snapshot: GuardSnapshot): void;
}

export interface GuardLedger {
  /** An alarm the proxy's guard raised: store it and announce it ('guard-alert', 'guard-changed'). */
  alarm(notice: GuardAlarmNotice): void;
  /** Read the pauses and send them; `seed`: with the past week's hourly spend (the first one). */
  sendSnapshot(seed?: boolean): void;
  /**
   * Another process wrote to the ledger (the engine watches its change counter): a pause or resume
   * from the CLI is announced ('guard-changed', on which the core sends the snapshot).
   */
  otherProcessChanged(): void;
}

const pausedText = (db: Db) => JSON.stringify([...pausedKeys(db)]);

export function createGuardLedger(o: GuardLedgerOptions): GuardLedger {
  let alarmsStored = 0;
  let lastSent = '';

  const sendSnapshot = (seed = false) => {
    try {
      const snapshot: GuardSnapshot = { paused: [...pausedKeys(o.db)], alarmsStored };
      lastSent = JSON.stringify(snapshot.paused);
      if (seed) snapshot.seed = hourlySpendByTag(o.db, Math.floor(o.now() / HOUR - BASELINE_HOURS) * HOUR);
      o.send(snapshot);
    } catch (err) {
      o.log(`loop guard: the paused tags could not be read: ${errorMessage(err)}`);
    }
  };

  return {
    alarm(n) {
      try {
        recordAlarm(o.db, { key: n.key, at: n.at, signal: n.signal, message: n.message, pause: n.paused });
      } catch (err) {
        // The proxy's guard keeps the pause in memory; it is lost on restart only.
        o.log(`loop guard: an alarm was not stored: ${errorMessage(err)}`);
      }
      alarmsStored = Math.max(alarmsStored, n.seq);
      const tag = n.key === '' ? null : n.key;
      const message = n.paused ? `${n.message}. Its calls are paused until you resume them.` : `${n.message}. A runaway loop?`;
      o.emit({ type: 'guard-alert', tag, message, paused: n.paused });
      // The core answers 'guard-changed' with a snapshot, as it does after a resume.
      o.emit({ type: 'guard-changed' });
    },
    sendSnapshot,
    otherProcessChanged() {
      try {
        if (pausedText(o.db) !== lastSent) o.emit({ type: 'guard-changed' });
      } catch (err) {
        o.log(`loop guard: the paused tags could not be read: ${errorMessage(err)}`);
      }
    },
  };
}
