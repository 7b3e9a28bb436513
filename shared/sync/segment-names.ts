/**
 * Names in the sync folder. Everything Tokentally writes lives under one subfolder, one folder per
 * device (only that device writes in it), its segments numbered from 1:
 *
 *   <sync folder>/tokentally/<device id>/0000000001.ttseg
 *
 * A reader takes only names of this exact grammar. Sync engines that meet two versions of one
 * file keep both under a new name ("… (conflicted copy 2026-12-07).ttseg" for Dropbox,
 * "….sync-conflict-20261207-101010-ABCDEFG.ttseg" for Syncthing, "…-LAPTOP.ttseg" for OneDrive,
 * "… 2.ttseg" for iCloud): such a copy is never read (the original is, once it arrives intact),
 * and is reported so the user can remove it. Temporary files are written under a name starting
 * with ".~", which Dropbox does not sync (Insync's list of Dropbox's ignored names, read
 * 2026-12-07) and which no reader takes.
 */

export const SYNC_SUBFOLDER = 'tokentally';
const SEGMENT_EXTENSION = '.ttseg';
export const TEMP_PREFIX = '.~tokentally-';

const DEVICE_ID = /^[0-9a-f]{32}$/;
const SEGMENT = /^(\d{10})\.ttseg$/;

export function isDeviceId(name: string): boolean {
  return DEVICE_ID.test(name);
}

export function segmentFileName(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 9_999_999_999) throw new RangeError(`segment number out of range: ${seq}`);
  return `${String(seq).padStart(10, '0')}${SEGMENT_EXTENSION}`;
}

export type SegmentName =
  | { kind: 'segment'; seq: number }
  /** Our own temporary file (being written, or left by a crash). */
  | { kind: 'temp' }
  /** A copy a sync engine made of a segment; `seq` is the segment it copies, when the name shows it. */
  | { kind: 'conflict'; seq: number | null }
  | { kind: 'other' };

// The sync engines' own markers (their docs and users' reports; see the module comment).
const CONFLICT_MARKERS = [/conflicted copy/i, /\.sync-conflict-/i, /conflict/i];

export function classifySegmentName(name: string): SegmentName {
  const m = SEGMENT.exec(name);
  if (m) return { kind: 'segment', seq: Number(m[1]) };
  if (name.startsWith(TEMP_PREFIX)) return { kind: 'temp' };
  // Any other name that starts like a segment and ends like one is a copy (Dropbox, Syncthing,
  // OneDrive's "-HOSTNAME", iCloud's " 2"), whether or not its marker is one we know.
  const copy = /^(\d{10})\D.*\.ttseg$/i.exec(name);
  if (copy) return { kind: 'conflict', seq: Number(copy[1]) };
  if (name.toLowerCase().endsWith(SEGMENT_EXTENSION) && CONFLICT_MARKERS.some((re) => re.test(name))) return { kind: 'conflict', seq: null };
  return { kind: 'other' };
}
