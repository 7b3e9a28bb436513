/**
 * Merging: every other device's segments in the sync folder, each taken once, in one transaction
 * with the sync_merged row that says so: a crash mid-merge rolls the segment back and it is read
 * again whole. Rows keep their global id ((source, external_id), unique), so a row seen twice (two
 * segments, two devices importing the same transcript) is stored once; each is marked with the
 * device it came from. Rows go through the ledger's bulk write path (bulk-write.ts), so the
 * rollups stay equal to the rows.
 *
 * A file that is not a whole, current segment is skipped and reported (sync_problems): a partial
 * or damaged copy (read again on every pass until it arrives whole), a newer format (until this
 * Tokentally is updated), a sync engine's conflicted copy (never read: the original is).
 */
import fs from 'node:fs';
import { compareStamps, parseHlc, type Hlc } from '../../../shared/sync/hlc.js';
import { decodeSegment, type SegmentHeader, type SegmentProblem, type SegmentRecord } from '../../../shared/sync/segment-format.js';
import { insertSetBased } from '../ledger/bulk-insert.js';
import { withBulkRollups } from '../ledger/bulk-write.js';
import type { Db } from '../ledger/open-database.js';
import { stageRows, type StagedRow } from '../ledger/stage-rows.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { lastUsageId } from '../ledger/usage-ids.js';
import { USAGE_COLUMNS } from '../ledger/usage-row.js';
import { recordStamp } from './publish.js';
import { mergeBucket } from './report-buckets.js';
import { listOtherDevices } from './segment-files.js';
import { SHARED_KINDS } from './shared-kinds.js';
import { readSyncSelf, receiveClock } from './sync-self.js';
import { errorMessage } from '../../../shared/error-message.js';

type SyncProblemKind = SegmentProblem | 'conflicted-copy' | 'unreadable';

interface SyncProblem {
  path: string;
  problem: SyncProblemKind;
  detail: string;
}

export interface MergeResult {
  segments: number;
  rows: number;
  changes: number;
  reports: number;
  shared: number;
  problems: SyncProblem[];
  /** The longest single write transaction of the merge, ms: the longest the ledger's writer waited. */
  longestWriteMs: number;
}

export interface MergeOptions {
  now: number;
  /** Stop after this many segments (the rest wait for the next pass); default: all. */
  maxSegments?: number;
  /** Records per write transaction; default MERGE_CHUNK. */
  chunkRecords?: number;
}

const INSERT_SQL = `INSERT INTO usage (${USAGE_COLUMNS.join(', ')}) VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;
const UPDATED = USAGE_COLUMNS.filter((c) => c !== 'source' && c !== 'external_id');
const UPDATE_SQL = `UPDATE usage SET ${UPDATED.map((c) => `${c} = ?`).join(', ')} WHERE source = ? AND external_id = ? AND device IS NOT NULL`;
const SOURCE = USAGE_COLUMNS.indexOf('source');
const EXTERNAL_ID = USAGE_COLUMNS.indexOf('external_id');

/** The segment's values in this ledger's column order (a column it lacks is left empty), with its device. */
function columnMap(header: SegmentHeader): (values: unknown[]) => unknown[] {
  const at = USAGE_COLUMNS.map((c) => (c === 'device' ? -2 : header.columns.indexOf(c)));
  return (values) => at.map((i) => (i === -2 ? header.device : i < 0 ? null : values[i]));
}

interface Counts {
  rows: number;
  changes: number;
  reports: number;
  shared: number;
}

function latestChange(db: Db, source: unknown, externalId: unknown): { hlc: Hlc; device: string } | null {
  const r = cachedStatement(db, 'SELECT hlc, device_id FROM sync_row_changes WHERE source = ? AND external_id = ?').get(source, externalId) as { hlc: string; device_id: string } | undefined;
  const hlc = r ? parseHlc(r.hlc) : null;
  return r && hlc ? { hlc, device: r.device_id } : null;
}

/**
 * The segment's plain rows, all at once: bound into a staging table without indexes (one cheap
 * insert a row), then moved into the ledger by one INSERT … SELECT, so SQLite maintains the
 * ledger's indexes in one statement instead of a round trip from JavaScript per row (a year of
 * another device's calls is a million rows), and with the insert triggers' work done once for
 * the batch (bulk-insert.ts). A row whose change or tombstone is already stored is
 * left out: the change is what it is now. Taking the rows before the segment's changes gives the
 * same ledger as taking them in file order: a change to a row of the same segment finds it and
 * updates or deletes it, and one it arrived after left it out.
 */
function insertRows(db: Db, header: SegmentHeader, records: readonly SegmentRecord[]): number {
  const known = header.columns.map((c, i) => [c, i] as const).filter(([c]) => c !== 'device' && (USAGE_COLUMNS as readonly string[]).includes(c));
  if (known.length === 0) return 0;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_stage (${USAGE_COLUMNS.filter((c) => c !== 'device').join(', ')})`);
  const names = known.map(([c]) => c);
  // The segment's columns in this ledger's order are bound as they are; otherwise picked.
  const direct = known.length === header.columns.length;
  const rows: StagedRow[] = [];
  for (const record of records) {
    // A value SQLite cannot hold (an object, a boolean) fails the bind, and with it the segment's merge.
    if (record.type === 'row') rows.push((direct ? record.values : known.map(([, i]) => record.values[i])) as StagedRow);
  }
  if (rows.length === 0) return 0;
  stageRows(db, 'temp.sync_stage', names, rows);
  const sql = `INSERT INTO usage (${names.join(', ')}, device) SELECT ${names.map((c) => `s.${c}`).join(', ')}, @device FROM temp.sync_stage s
     WHERE NOT EXISTS (SELECT 1 FROM sync_row_changes c WHERE c.source = s.source AND c.external_id = s.external_id)
     ORDER BY s.rowid ON CONFLICT DO NOTHING`;
  try {
    return insertSetBased(db, () => cachedStatement(db, sql).run({ device: header.device }).changes);
  } finally {
    cachedStatement(db, 'DELETE FROM temp.sync_stage').run();
  }
}

/** Applies one segment's records (inside the caller's transaction). */
function applySegment(db: Db, header: SegmentHeader, records: readonly SegmentRecord[], now: number): Counts {
  const counts: Counts = { rows: 0, changes: 0, reports: 0, shared: 0 };
  const local = columnMap(header);
  const insert = cachedStatement(db, INSERT_SQL);
  let latest: Hlc | null = null;
  const seen = (hlc: Hlc) => {
    if (latest === null || compareStamps({ hlc, device: '' }, { hlc: latest, device: '' }) > 0) latest = hlc;
  };
  counts.rows = insertRows(db, header, records);
  for (const record of records) {
    if (record.type === 'row') continue;
    if (record.type === 'change') {
      const hlc = parseHlc(record.hlc);
      if (hlc === null) throw new SegmentError(`a change has an unreadable clock "${record.hlc}"`);
      seen(hlc);
      const values = record.deleted ? null : local(record.values);
      const [source, externalId] = record.deleted ? record.ref : [values![SOURCE], values![EXTERNAL_ID]];
      const before = latestChange(db, source, externalId);
      if (before !== null && compareStamps(before, { hlc, device: header.device }) >= 0) continue;
      cachedStatement(
        db,
        'INSERT INTO sync_row_changes (source, external_id, hlc, device_id, deleted) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id, deleted = excluded.deleted',
      ).run(source, externalId, record.hlc, header.device, values === null ? 1 : 0);
      if (values === null) cachedStatement(db, 'DELETE FROM usage WHERE source = ? AND external_id = ? AND device IS NOT NULL').run(source, externalId);
      else if (insert.run(values).changes === 0) {
        const update = UPDATED.map((c) => values[USAGE_COLUMNS.indexOf(c)]);
        cachedStatement(db, UPDATE_SQL).run(...update, source, externalId);
      }
      counts.changes++;
    } else if (record.type === 'report') {
      if (mergeBucket(db, record.bucket)) counts.reports++;
    } else {
      const hlc = parseHlc(record.hlc);
      const kind = SHARED_KINDS[record.kind];
      if (hlc === null || kind === undefined) continue; // a kind this version does not share
      seen(hlc);
      const stamp = { hlc, device: header.device };
      const before = cachedStatement(db, 'SELECT hlc, device_id FROM sync_shared WHERE kind = ? AND key = ?').get(record.kind, record.key) as { hlc: string; device_id: string } | undefined;
      const beforeHlc = before ? parseHlc(before.hlc) : null;
      if (before && beforeHlc && compareStamps({ hlc: beforeHlc, device: before.device_id }, stamp) >= 0) continue;
      const outboxBefore = (cachedStatement(db, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM sync_outbox').get() as { seq: number }).seq;
      kind.apply(db, record.key, record.value, now);
      // Taking another device's change is not a change of this device's to publish.
      cachedStatement(db, 'DELETE FROM sync_outbox WHERE seq > ?').run(outboxBefore);
      recordStamp(db, record.kind, record.key, record.hlc, header.device);
      counts.shared++;
    }
  }
  if (latest !== null) receiveClock(db, latest, now);
  return counts;
}

class SegmentError extends Error {}

function recordProblems(db: Db, problems: readonly SyncProblem[], now: number): void {
  const keep = new Set(problems.map((p) => p.path));
  for (const p of cachedStatement(db, 'SELECT path FROM sync_problems').all() as { path: string }[]) {
    if (!keep.has(p.path)) cachedStatement(db, 'DELETE FROM sync_problems WHERE path = ?').run(p.path);
  }
  for (const p of problems) {
    cachedStatement(
      db,
      `INSERT INTO sync_problems (path, problem, detail, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET problem = excluded.problem, detail = excluded.detail, last_seen = excluded.last_seen`,
    ).run(p.path, p.problem, p.detail, now, now);
  }
}

/** Records per write transaction (a segment holds up to 20,000). */
const MERGE_CHUNK = 2_000;

/**
 * Page cache while merging: a segment's rows land all over a dozen indexes of a large ledger, and
 * with SQLite's default 2 MB most of those pages are read again from the file for every batch.
 */
const MERGE_CACHE_KIB = 128 * 1024;

/**
 * WAL pages before this connection checkpoints while merging (SQLite's default is 1,000): a
 * merge transaction dirties hundreds of index and rollup pages, so at the default nearly every
 * commit copied the log back into the file and synced it, the same pages again each time. The
 * log stays bounded (about 40 MB); the engine's own passive checkpoints go on between passes.
 */
const MERGE_CHECKPOINT_PAGES = 10_000;

/** Merges every segment of the other devices not merged yet. Does nothing while sync is off. */
export function mergeFolder(db: Db, options: MergeOptions): MergeResult {
  const result: MergeResult = { segments: 0, rows: 0, changes: 0, reports: 0, shared: 0, problems: [], longestWriteMs: 0 };
  const self = readSyncSelf(db);
  if (self.folder === null) return result;
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  const checkpointBefore = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`cache_size = -${MERGE_CACHE_KIB}`);
  // Only raised: a connection that never checkpoints (0) is left so.
  if (checkpointBefore > 0) db.pragma(`wal_autocheckpoint = ${Math.max(checkpointBefore, MERGE_CHECKPOINT_PAGES)}`);
  try {
    mergeSegments(db, self, options, result);
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
    db.pragma(`wal_autocheckpoint = ${checkpointBefore}`);
  }
  db.transaction(() => recordProblems(db, result.problems, options.now))();
  return result;
}

function mergeSegments(db: Db, self: ReturnType<typeof readSyncSelf>, options: MergeOptions, result: MergeResult): void {
  if (self.folder === null) return;
  const { entries } = listOtherDevices(self.folder, self.deviceId);
  const merged = new Set((cachedStatement(db, 'SELECT device_id, seq FROM sync_merged').all() as { device_id: string; seq: number }[]).map((r) => `${r.device_id}/${r.seq}`));
  // Oldest first per device, though nothing depends on it: any order gives the same ledger.
  const segments = entries.filter((e) => e.kind.kind === 'segment').sort((a, b) => (a.deviceId === b.deviceId ? (a.kind as { seq: number }).seq - (b.kind as { seq: number }).seq : a.deviceId < b.deviceId ? -1 : 1));
  for (const e of entries) {
    if (e.kind.kind === 'conflict') {
      result.problems.push({ path: e.path, problem: 'conflicted-copy', detail: 'a copy the sync engine made of a segment: not read (the original is); it can be deleted' });
    }
  }
  for (const e of segments) {
    const seq = (e.kind as { seq: number }).seq;
    if (merged.has(`${e.deviceId}/${seq}`)) continue;
    if (options.maxSegments !== undefined && result.segments >= options.maxSegments) break;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(e.path);
    } catch (err) {
      result.problems.push({ path: e.path, problem: 'unreadable', detail: errorMessage(err) });
      continue;
    }
    const decoded = decodeSegment(bytes);
    if (!decoded.ok) {
      result.problems.push({ path: e.path, problem: decoded.problem, detail: decoded.detail });
      continue;
    }
    const { header, records } = decoded;
    if (header.device !== e.deviceId || header.seq !== seq) {
      result.problems.push({ path: e.path, problem: 'malformed', detail: `the segment says it is number ${header.seq} of device ${header.device}: it is in the wrong place` });
      continue;
    }
    try {
      // In chunks, each its own transaction, so the ledger's writer (the proxy's rows) waits at most
      // one chunk; the segment counts as merged with its last chunk. A crash between chunks merges
      // the segment again: the rows already in are no-ops (their global id), changes and shared
      // records older than or equal to what is stored are skipped.
      const chunk = Math.max(1, options.chunkRecords ?? MERGE_CHUNK);
      for (let from = 0; from < records.length || from === 0; from += chunk) {
        const last = from + chunk >= records.length;
        const started = performance.now();
        const counts = withBulkRollups(db, () => {
          const maxBefore = lastUsageId(db);
          const c = applySegment(db, header, records.slice(from, from + chunk), options.now);
          if (last) {
            cachedStatement(db, 'INSERT INTO sync_merged (device_id, seq, records, merged_at) VALUES (?, ?, ?, ?)').run(header.device, seq, records.length, options.now);
            cachedStatement(
              db,
              `INSERT INTO sync_devices (device_id, name, last_seq, last_created_at, merged_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT DO UPDATE SET name = CASE WHEN excluded.last_seq >= last_seq THEN excluded.name ELSE name END,
                 last_seq = MAX(last_seq, excluded.last_seq), last_created_at = MAX(COALESCE(last_created_at, 0), excluded.last_created_at), merged_at = excluded.merged_at`,
            ).run(header.device, header.deviceName, seq, header.createdAt, options.now);
          }
          // The rows just merged are not this device's to publish: when everything before them was
          // published, the publisher's cursor moves past them instead of reading them one by one.
          const maxAfter = lastUsageId(db);
          cachedStatement(db, 'UPDATE sync_self SET published_id = ? WHERE id = 1 AND published_id >= ?').run(maxAfter, maxBefore);
          return c;
        });
        result.longestWriteMs = Math.max(result.longestWriteMs, performance.now() - started);
        result.rows += counts.rows;
        result.changes += counts.changes;
        result.reports += counts.reports;
        result.shared += counts.shared;
        if (last) break;
      }
      result.segments++;
    } catch (err) {
      result.problems.push({ path: e.path, problem: 'malformed', detail: `could not be merged: ${errorMessage(err)}` });
    }
  }
}
