/**
 * The segment file: what one installation publishes into the sync folder, written once and never
 * changed. Text, one JSON value a line, so a damaged file can be looked at:
 *
 *   tokentally-segment 1
 *   {"device":"…","deviceName":"…","seq":7,"createdAt":…,"columns":["time","provider",…]}
 *   ["r",1733560000000,"anthropic",…]            a usage row, its values in `columns` order
 *   ["c","<hlc>",0,1733560000000,"anthropic",…]  a change to a published row (the whole row again)
 *   ["c","<hlc>",1,"proxy","<external id>"]       a deletion (tombstone) of a published row
 *   ["p",{…}]                                     a provider report bucket, as polled
 *   ["s","budget","overall:","<hlc>",{…}]          a shared setting (latest wins by its clock)
 *   end 4 1c291ca3
 *
 * The last line gives the number of records and the CRC-32 of every byte before it: a file that
 * a sync engine has not finished copying has no such line, or a wrong sum, and is refused as
 * partial (then read again later). The first line gives the format version: a reader refuses a
 * newer one instead of misreading it. Within a version, a reader maps columns by name, so a
 * column it does not know is ignored and one it misses is left empty.
 */
import { crc32 } from './crc32.js';

const SEGMENT_MAGIC = 'tokentally-segment';
const SEGMENT_VERSION = 1;

export interface SegmentHeader {
  /** The publishing installation's id (stable, random). */
  device: string;
  /** Its name as its user set it (or its host name). */
  deviceName: string;
  /** Its segments are numbered 1, 2, 3… without gaps. */
  seq: number;
  createdAt: number;
  /** Names of the usage columns, in the order of each row's values. */
  columns: string[];
}

/** A provider's usage or cost report for one bucket, as one device polled it. */
export interface ReportBucketRecord {
  provider: string;
  kind: 'usage' | 'cost';
  bucketStart: number;
  bucketEnd: number;
  fetchedAt: number;
  /** The bucket's rows, each an object of the report table's columns. */
  rows: Record<string, string | number | null>[];
}

export type SegmentRecord =
  | { type: 'row'; values: unknown[] }
  /** values: the whole row after the change, or null with `ref` for a deletion. */
  | { type: 'change'; hlc: string; deleted: false; values: unknown[] }
  | { type: 'change'; hlc: string; deleted: true; ref: [source: string, externalId: string] }
  | { type: 'report'; bucket: ReportBucketRecord }
  | { type: 'shared'; kind: string; key: string; hlc: string; value: unknown };

export type SegmentProblem =
  /** No trailer, or fewer records than it says: still arriving, or cut short. */
  | 'partial'
  /** The trailer's sum does not match the bytes: damaged, or changed after writing. */
  | 'checksum'
  /** Written by a newer Tokentally. */
  | 'newer-version'
  /** Not a segment at all, or a record this version cannot read. */
  | 'malformed';

export type DecodedSegment =
  | { ok: true; header: SegmentHeader; records: SegmentRecord[] }
  | { ok: false; problem: SegmentProblem; detail: string; version?: number };

function encodeRecord(r: SegmentRecord): string {
  switch (r.type) {
    case 'row':
      return JSON.stringify(['r', ...r.values]);
    case 'change':
      return r.deleted ? JSON.stringify(['c', r.hlc, 1, ...r.ref]) : JSON.stringify(['c', r.hlc, 0, ...r.values]);
    case 'report':
      return JSON.stringify(['p', r.bucket]);
    case 'shared':
      return JSON.stringify(['s', r.kind, r.key, r.hlc, r.value]);
  }
}

/** The bytes of a segment holding `records`. */
export function encodeSegment(header: SegmentHeader, records: readonly SegmentRecord[]): Uint8Array {
  const lines = [`${SEGMENT_MAGIC} ${SEGMENT_VERSION}`, JSON.stringify(header)];
  for (const r of records) lines.push(encodeRecord(r));
  const body = new TextEncoder().encode(lines.join('\n') + '\n');
  const trailer = new TextEncoder().encode(`end ${records.length} ${crc32(body).toString(16).padStart(8, '0')}\n`);
  const out = new Uint8Array(body.length + trailer.length);
  out.set(body, 0);
  out.set(trailer, body.length);
  return out;
}

const NEWLINE = 10;
const TRAILER = /^end (\d+) ([0-9a-f]{8})$/;
const MAGIC_LINE = /^tokentally-segment (\d+)$/;

function fail(problem: SegmentProblem, detail: string, version?: number): DecodedSegment {
  return version === undefined ? { ok: false, problem, detail } : { ok: false, problem, detail, version };
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function validHeader(v: unknown): v is SegmentHeader {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return (
    isText(h.device) &&
    typeof h.deviceName === 'string' &&
    Number.isSafeInteger(h.seq) &&
    (h.seq as number) >= 1 &&
    Number.isSafeInteger(h.createdAt) &&
    Array.isArray(h.columns) &&
    h.columns.every(isText)
  );
}

function validBucket(v: unknown): v is ReportBucketRecord {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return (
    isText(b.provider) &&
    (b.kind === 'usage' || b.kind === 'cost') &&
    Number.isSafeInteger(b.bucketStart) &&
    Number.isSafeInteger(b.bucketEnd) &&
    Number.isSafeInteger(b.fetchedAt) &&
    Array.isArray(b.rows) &&
    b.rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))
  );
}

/** One record line, or null when it is not one this version knows. */
function decodeRecord(line: string, width: number): SegmentRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length === 0) return null;
  switch (v[0]) {
    case 'r':
      return v.length === width + 1 ? { type: 'row', values: v.slice(1) } : null;
    case 'c': {
      if (!isText(v[1]) || (v[2] !== 0 && v[2] !== 1)) return null;
      if (v[2] === 1) return v.length === 5 && isText(v[3]) && isText(v[4]) ? { type: 'change', hlc: v[1], deleted: true, ref: [v[3], v[4]] } : null;
      return v.length === width + 3 ? { type: 'change', hlc: v[1], deleted: false, values: v.slice(3) } : null;
    }
    case 'p':
      return v.length === 2 && validBucket(v[1]) ? { type: 'report', bucket: v[1] } : null;
    case 's':
      return v.length === 5 && isText(v[1]) && typeof v[2] === 'string' && isText(v[3]) ? { type: 'shared', kind: v[1], key: v[2], hlc: v[3], value: v[4] } : null;
    default:
      return null;
  }
}

/**
 * Reads a segment's bytes, refusing (never half-reading) one that is partial, damaged, from a
 * newer version or not a segment.
 */
export function decodeSegment(bytes: Uint8Array): DecodedSegment {
  const firstNewline = bytes.indexOf(NEWLINE);
  const firstLine = new TextDecoder().decode(bytes.subarray(0, firstNewline < 0 ? Math.min(bytes.length, 64) : firstNewline));
  const magic = MAGIC_LINE.exec(firstLine);
  if (!magic) {
    // The first line itself still arriving looks like the start of the magic.
    if (firstNewline < 0 && `${SEGMENT_MAGIC} `.startsWith(firstLine.slice(0, SEGMENT_MAGIC.length + 1))) return fail('partial', 'the file ends inside its first line');
    return fail('malformed', 'not a Tokentally segment (no "tokentally-segment <version>" first line)');
  }
  const version = Number(magic[1]);
  if (version > SEGMENT_VERSION) return fail('newer-version', `format version ${version} is newer than this Tokentally reads (${SEGMENT_VERSION}): update Tokentally on this device`, version);
  if (version < 1) return fail('malformed', `format version ${version} does not exist`);
  if (bytes.length === 0 || bytes[bytes.length - 1] !== NEWLINE) return fail('partial', 'the file does not end with its trailer line');
  const trailerStart = bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1;
  const trailer = TRAILER.exec(new TextDecoder().decode(bytes.subarray(trailerStart, bytes.length - 1)));
  if (!trailer) return fail('partial', 'the file has no trailer line (still being copied, or cut short)');
  if (crc32(bytes, 0, trailerStart) !== parseInt(trailer[2]!, 16)) return fail('checksum', 'the checksum does not match the contents (damaged or incomplete copy)');
  const lines = new TextDecoder().decode(bytes.subarray(0, trailerStart - 1)).split('\n');
  const expected = Number(trailer[1]);
  if (lines.length - 2 !== expected) return fail('partial', `the trailer says ${expected} records, the file holds ${lines.length - 2}`);
  let header: unknown;
  try {
    header = JSON.parse(lines[1] ?? '');
  } catch {
    header = null;
  }
  if (!validHeader(header)) return fail('malformed', 'the header line is not a segment header');
  const records: SegmentRecord[] = new Array(expected);
  const width = header.columns.length;
  for (let i = 0; i < expected; i++) {
    const record = decodeRecord(lines[i + 2]!, width);
    if (record === null) return fail('malformed', `record ${i + 1} is not one this version reads`);
    records[i] = record;
  }
  return { ok: true, header, records };
}
