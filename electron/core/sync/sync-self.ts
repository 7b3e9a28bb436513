/**
 * This installation's side of sync (sync_self, migration 14): its device id and name, the sync
 * folder, its hybrid logical clock and how far publishing has gone.
 */
import os from 'node:os';
import { formatHlc, parseHlc, receiveHlc, tickHlc, ZERO_HLC, type Hlc } from '../../../shared/sync/hlc.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export interface SyncSelf {
  deviceId: string;
  /** As the user named it, else this machine's host name. */
  deviceName: string;
  /** The sync folder; null: sync is off. */
  folder: string | null;
  hlc: Hlc;
  publishedId: number;
  publishedOutbox: number;
  nextSeq: number;
}

interface SelfRow {
  device_id: string;
  device_name: string;
  folder: string | null;
  hlc: string;
  published_id: number;
  published_outbox: number;
  next_seq: number;
}

export function readSyncSelf(db: Db): SyncSelf {
  const row = cachedStatement(db, 'SELECT device_id, device_name, folder, hlc, published_id, published_outbox, next_seq FROM sync_self WHERE id = 1').get() as SelfRow;
  return {
    deviceId: row.device_id,
    deviceName: row.device_name === '' ? os.hostname() : row.device_name,
    folder: row.folder,
    hlc: parseHlc(row.hlc) ?? ZERO_HLC,
    publishedId: row.published_id,
    publishedOutbox: row.published_outbox,
    nextSeq: row.next_seq,
  };
}

/** The clock's next value for a local change (stored, so it never goes back across restarts). */
export function tickClock(db: Db, now: number): Hlc {
  const next = tickHlc(readSyncSelf(db).hlc, now);
  cachedStatement(db, 'UPDATE sync_self SET hlc = ? WHERE id = 1').run(formatHlc(next));
  return next;
}

/** Moves the clock past a change seen from another device. */
export function receiveClock(db: Db, remote: Hlc, now: number): void {
  const next = receiveHlc(readSyncSelf(db).hlc, remote, now);
  cachedStatement(db, 'UPDATE sync_self SET hlc = ? WHERE id = 1').run(formatHlc(next));
}

export function setDeviceName(db: Db, name: string): void {
  cachedStatement(db, 'UPDATE sync_self SET device_name = ? WHERE id = 1').run(name);
}
