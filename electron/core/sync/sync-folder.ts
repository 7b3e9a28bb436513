/**
 * Turning sync on and off, and what sync status shows. Setting a folder checks it is an existing
 * folder this device can write in; a folder that holds no segment of this device yet (a new one)
 * gets everything this device has, from its first row; its budgets, plans and plan windows are
 * queued then too, so they are shared however long ago they were set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/contract.js';
import type { SyncStatus } from '../../../shared/api/contract-sync.js';
import { classifySegmentName } from '../../../shared/sync/segment-names.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { deviceFolder, segmentPath } from './segment-files.js';
import { SHARED_KINDS } from './shared-kinds.js';
import { readSyncSelf, setDeviceName } from './sync-self.js';
import { errorMessage } from '../../../shared/error-message.js';

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

/** The highest segment number this device has in `folder` (0: none). */
function ownSegments(folder: string, deviceId: string): number {
  let max = 0;
  try {
    for (const name of fs.readdirSync(deviceFolder(folder, deviceId))) {
      const k = classifySegmentName(name);
      if (k.kind === 'segment') max = Math.max(max, k.seq);
    }
  } catch {
    // no folder yet
  }
  return max;
}

export function setSyncFolder(db: Db, folder: string | null, deviceName?: string): void {
  if (deviceName !== undefined) {
    if (typeof deviceName !== 'string' || deviceName.trim() === '' || deviceName.length > 100) bad('deviceName must be 1 to 100 characters');
    setDeviceName(db, deviceName.trim());
  }
  if (folder === null) {
    cachedStatement(db, 'UPDATE sync_self SET folder = NULL WHERE id = 1').run();
    return;
  }
  if (typeof folder !== 'string' || folder.trim() === '') bad('folder must be a path to a folder, or null to turn sync off');
  if (!path.isAbsolute(folder)) bad(`the sync folder must be an absolute path, got "${folder}"`);
  const resolved = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    bad(`the sync folder ${resolved} does not exist: create it (or pick your sync engine's folder) first`);
  }
  if (!stat.isDirectory()) bad(`${resolved} is a file, not a folder`);
  const self = readSyncSelf(db);
  try {
    fs.mkdirSync(deviceFolder(resolved, self.deviceId), { recursive: true });
    fs.accessSync(deviceFolder(resolved, self.deviceId), fs.constants.W_OK);
  } catch (err) {
    bad(`cannot write in the sync folder ${resolved}: ${errorMessage(err)}`);
  }
  if (self.folder === resolved) return;
  const published = ownSegments(resolved, self.deviceId);
  db.transaction(() => {
    if (published === 0) {
      // A folder without this device's segments: publish everything, from the first row.
      cachedStatement(db, 'UPDATE sync_self SET folder = ?, published_id = 0, next_seq = 1 WHERE id = 1').run(resolved);
      cachedStatement(db, 'DELETE FROM sync_reports_sent').run();
    } else {
      cachedStatement(db, 'UPDATE sync_self SET folder = ?, next_seq = MAX(next_seq, ?) WHERE id = 1').run(resolved, published + 1);
    }
    for (const [kind, def] of Object.entries(SHARED_KINDS)) {
      for (const key of def.keys(db)) cachedStatement(db, 'INSERT INTO sync_outbox (kind, key) VALUES (?, ?)').run(kind, key);
    }
  })();
}

export interface PassState {
  lastError: string | null;
  lastPassAt: number | null;
}

export function syncStatus(db: Db, pass: PassState = { lastError: null, lastPassAt: null }): SyncStatus {
  const self = readSyncSelf(db);
  const own = cachedStatement(db, 'SELECT COUNT(*) AS n FROM usage WHERE device IS NULL').get() as { n: number };
  const pending = cachedStatement(db, 'SELECT COUNT(*) AS n FROM usage WHERE id > ? AND device IS NULL').get(self.publishedId) as { n: number };
  const outbox = cachedStatement(db, 'SELECT COUNT(*) AS n FROM sync_outbox WHERE seq > ?').get(self.publishedOutbox) as { n: number };
  const others = cachedStatement(
    db,
    `SELECT d.device_id, d.name, d.last_created_at,
       (SELECT COUNT(*) FROM sync_merged m WHERE m.device_id = d.device_id) AS segments,
       (SELECT COUNT(*) FROM usage u WHERE u.device = d.device_id) AS rows
     FROM sync_devices d ORDER BY d.name, d.device_id`,
  ).all() as { device_id: string; name: string; last_created_at: number | null; segments: number; rows: number }[];
  const problems = cachedStatement(db, 'SELECT path, problem, detail, first_seen, last_seen FROM sync_problems ORDER BY path').all() as {
    path: string;
    problem: SyncStatus['problems'][number]['problem'];
    detail: string;
    first_seen: number;
    last_seen: number;
  }[];
  return {
    folder: self.folder,
    deviceId: self.deviceId,
    deviceName: self.deviceName,
    devices: [
      { deviceId: self.deviceId, name: self.deviceName, self: true, rows: own.n, segments: self.nextSeq - 1, lastSeenAt: lastOwnSegmentAt(self.folder, self.deviceId, self.nextSeq - 1) },
      ...others.map((d) => ({ deviceId: d.device_id, name: d.name, self: false, rows: d.rows, segments: d.segments, lastSeenAt: d.last_created_at })),
    ],
    pendingRows: self.folder === null ? 0 : pending.n + outbox.n,
    problems: problems.map((p) => ({ path: p.path, problem: p.problem, detail: p.detail, firstSeen: p.first_seen, lastSeen: p.last_seen })),
    lastError: pass.lastError,
    lastPassAt: pass.lastPassAt,
  };
}

/** When this machine last wrote a segment into the folder (its newest one's time), or null. */
function lastOwnSegmentAt(folder: string | null, deviceId: string, seq: number): number | null {
  if (folder === null || seq < 1) return null;
  try {
    return Math.floor(fs.statSync(segmentPath(folder, deviceId, seq)).mtimeMs);
  } catch {
    // Not there (the folder is offline, or the sync engine has not brought it back): unknown.
    return null;
  }
}
