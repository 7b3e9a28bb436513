/**
 * Publishing: this device's new rows, the changes to rows it published before (corrections and
 * tombstones), its shared settings and report buckets, as immutable segment files in its folder of
 * the sync folder. Never keys, never stored bodies: a row's key is only the one-way fingerprint
 * the ledger keeps (key_ref), bodies are not in the usage table at all.
 *
 * Crash safety: a pass reads what to publish, writes the segment (segment-files.ts) and only then
 * moves its cursors. A crash before the rename leaves a temporary file and publishes the same
 * again; a crash after it leaves the segment in place with the cursors behind: the next pass finds
 * its number taken, reads the cursors from that segment's header and goes on after it. Either way
 * nothing is lost, and nothing is counted twice (a row's global id makes a repeat a no-op).
 */
import { formatHlc } from '../../../shared/sync/hlc.js';
import { decodeSegment, encodeSegment, type SegmentRecord } from '../../../shared/sync/segment-format.js';
import fs from 'node:fs';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { USAGE_COLUMNS } from '../ledger/usage-row.js';
import { changedBuckets, markBucketSent } from './report-buckets.js';
import { KEY_SEPARATOR, SHARED_KINDS } from './shared-kinds.js';
import { segmentPath, writeSegmentFile } from './segment-files.js';
import { readSyncSelf, tickClock } from './sync-self.js';

/** The usage columns a segment carries: all but the device (the segment's header says it). */
const PUBLISHED_COLUMNS = USAGE_COLUMNS.filter((c) => c !== 'device');

/** Records per segment: a segment stays a few MB, quick to copy and to read. */
const MAX_SEGMENT_RECORDS = 20_000;

export interface PublishOptions {
  now: number;
  /** Where temporary files are written before being renamed into the sync folder. */
  tempDir: string;
  maxRecords?: number;
}

export interface PublishResult {
  segments: number;
  rows: number;
  changes: number;
  reports: number;
  shared: number;
}

/** Cursors a segment's header carries, so a crash after its rename loses nothing. */
interface Through {
  rowId: number;
  outbox: number;
}

interface Batch {
  records: SegmentRecord[];
  through: Through;
  counts: Omit<PublishResult, 'segments'>;
  after: (() => void)[];
}

const ROWS_SQL = `SELECT id, device, ${PUBLISHED_COLUMNS.join(', ')} FROM usage WHERE id > ? ORDER BY id LIMIT ?`;
const ROW_BY_ID_SQL = `SELECT device, ${PUBLISHED_COLUMNS.join(', ')} FROM usage WHERE source = ? AND external_id = ?`;

/** Gathers one segment's worth, ticking the clock for each change (inside a write transaction). */
function gather(db: Db, now: number, max: number): Batch {
  const self = readSyncSelf(db);
  const records: SegmentRecord[] = [];
  const counts = { rows: 0, changes: 0, reports: 0, shared: 0 };
  const after: (() => void)[] = [];

  const outbox = cachedStatement(db, 'SELECT seq, kind, key FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?').all(self.publishedOutbox, max) as { seq: number; kind: string; key: string }[];
  const outboxThrough = outbox.length > 0 ? outbox[outbox.length - 1]!.seq : self.publishedOutbox;
  // The latest state of each key is what is published: a key changed five times is one record.
  const seen = new Set<string>();
  for (const { kind, key } of outbox) {
    if (seen.has(`${kind}|${key}`)) continue;
    seen.add(`${kind}|${key}`);
    const hlc = formatHlc(tickClock(db, now));
    if (kind === 'row') {
      const [source, externalId] = key.split(KEY_SEPARATOR) as [string, string];
      const row = cachedStatement(db, ROW_BY_ID_SQL, { raw: true }).get(source, externalId) as unknown[] | undefined;
      if (row === undefined) records.push({ type: 'change', hlc, deleted: true, ref: [source, externalId] });
      else if (row[0] === null) records.push({ type: 'change', hlc, deleted: false, values: row.slice(1) });
      else continue; // a merged row with this id took its place: it is the other device's to change
      counts.changes++;
    } else {
      const def = SHARED_KINDS[kind];
      if (!def) continue;
      const value = def.read(db, key);
      records.push({ type: 'shared', kind, key, hlc, value });
      after.push(() => recordStamp(db, kind, key, hlc, self.deviceId));
      counts.shared++;
    }
  }

  let rowThrough = self.publishedId;
  if (records.length < max) {
    const rows = cachedStatement(db, ROWS_SQL, { raw: true }).all(self.publishedId, max - records.length) as unknown[][];
    for (const r of rows) {
      rowThrough = r[0] as number;
      if (r[1] !== null) continue; // merged from another device: its own segments carry it
      records.push({ type: 'row', values: r.slice(2) });
      counts.rows++;
    }
  }

  if (records.length < max) {
    for (const { record, digest } of changedBuckets(db).slice(0, max - records.length)) {
      records.push({ type: 'report', bucket: record });
      after.push(() => markBucketSent(db, record, digest));
      counts.reports++;
    }
  }
  return { records, through: { rowId: rowThrough, outbox: outboxThrough }, counts, after };
}

export function recordStamp(db: Db, kind: string, key: string, hlc: string, device: string): void {
  cachedStatement(db, 'INSERT INTO sync_shared (kind, key, hlc, device_id) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id').run(
    kind,
    key,
    hlc,
    device,
  );
}

function advance(db: Db, through: Through, nextSeq: number): void {
  cachedStatement(db, 'UPDATE sync_self SET published_id = MAX(published_id, ?), published_outbox = MAX(published_outbox, ?), next_seq = MAX(next_seq, ?) WHERE id = 1').run(
    through.rowId,
    through.outbox,
    nextSeq,
  );
  cachedStatement(db, 'DELETE FROM sync_outbox WHERE seq <= ?').run(through.outbox);
}

/** The cursors in a segment this device wrote before a crash, or null when it cannot be read. */
function throughOf(file: string, deviceId: string): Through | null {
  try {
    const decoded = decodeSegment(fs.readFileSync(file));
    if (!decoded.ok || decoded.header.device !== deviceId) return null;
    const t = (decoded.header as unknown as { through?: Through }).through;
    return t && Number.isSafeInteger(t.rowId) && Number.isSafeInteger(t.outbox) ? t : null;
  } catch {
    return null;
  }
}

/**
 * Publishes everything pending, one segment per MAX_SEGMENT_RECORDS records. Does nothing while
 * no sync folder is set. Throws when the folder cannot be written (the next pass tries again).
 */
export function publishPending(db: Db, options: PublishOptions): PublishResult {
  const result: PublishResult = { segments: 0, rows: 0, changes: 0, reports: 0, shared: 0 };
  const max = options.maxRecords ?? MAX_SEGMENT_RECORDS;
  for (;;) {
    const self = readSyncSelf(db);
    if (self.folder === null) return result;
    const batch = db.transaction(() => gather(db, options.now, max))();
    if (batch.records.length === 0) {
      // Only merged rows were read: the cursor moves past them all the same.
      if (batch.through.rowId > self.publishedId) advance(db, batch.through, self.nextSeq);
      return result;
    }
    const seq = self.nextSeq;
    const header = { device: self.deviceId, deviceName: self.deviceName, seq, createdAt: options.now, columns: [...PUBLISHED_COLUMNS], through: batch.through };
    const outcome = writeSegmentFile(self.folder, self.deviceId, seq, encodeSegment(header, batch.records), options.tempDir);
    if (outcome === 'exists') {
      // Written before a crash (its cursors were not stored): go on after it, or past it when
      // it cannot be read (what it held is published again; repeats are no-ops).
      const t = throughOf(segmentPath(self.folder, self.deviceId, seq), self.deviceId);
      db.transaction(() => advance(db, t ?? { rowId: self.publishedId, outbox: self.publishedOutbox }, seq + 1))();
      continue;
    }
    db.transaction(() => {
      advance(db, batch.through, seq + 1);
      for (const f of batch.after) f();
    })();
    result.segments++;
    result.rows += batch.counts.rows;
    result.changes += batch.counts.changes;
    result.reports += batch.counts.reports;
    result.shared += batch.counts.shared;
  }
}
