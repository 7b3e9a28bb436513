/**
 * Segment files on disk. A segment is written whole under a temporary name (in the data folder, or
 * when the sync folder is on another file system, in the device's folder under a name sync engines
 * skip), flushed to the disk, then renamed to its final name: a sync engine only ever sees a whole
 * file under a segment's name, and the file is never opened for writing again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { classifySegmentName, isDeviceId, segmentFileName, SYNC_SUBFOLDER, TEMP_PREFIX, type SegmentName } from '../../../shared/sync/segment-names.js';
import { errorCode } from '../../../shared/error-message.js';
import { flushDirectory } from '../flush-directory.js';

function syncRoot(folder: string): string {
  return path.join(folder, SYNC_SUBFOLDER);
}

export function deviceFolder(folder: string, deviceId: string): string {
  return path.join(syncRoot(folder), deviceId);
}

export function segmentPath(folder: string, deviceId: string, seq: number): string {
  return path.join(deviceFolder(folder, deviceId), segmentFileName(seq));
}

function writeFlushed(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves a finished temporary file to `target` unless something is there: a hard link fails on an
 * existing name (so two processes of one device can never overwrite each other's segment), then
 * the temporary name goes. File systems without hard links get a rename after a check.
 */
function place(temp: string, target: string): 'written' | 'exists' | 'other-device' {
  try {
    fs.linkSync(temp, target);
    fs.rmSync(temp, { force: true });
    return 'written';
  } catch (err) {
    const code = errorCode(err);
    if (code === 'EEXIST') {
      fs.rmSync(temp, { force: true });
      return 'exists';
    }
    if (code === 'EXDEV') {
      fs.rmSync(temp, { force: true });
      return 'other-device';
    }
    if (fs.existsSync(target)) {
      fs.rmSync(temp, { force: true });
      return 'exists';
    }
    fs.renameSync(temp, target);
    return 'written';
  }
}

/**
 * Publishes bytes as segment `seq` of `deviceId`. 'exists': a segment of that number is there
 * already (written before a crash, or by another process of this device); nothing is overwritten.
 */
export function writeSegmentFile(folder: string, deviceId: string, seq: number, bytes: Uint8Array, tempDir: string): 'written' | 'exists' {
  const dir = deviceFolder(folder, deviceId);
  fs.mkdirSync(dir, { recursive: true });
  const target = segmentPath(folder, deviceId, seq);
  if (fs.existsSync(target)) return 'exists';
  const tempName = `${TEMP_PREFIX}${crypto.randomBytes(8).toString('hex')}.tmp`;
  fs.mkdirSync(tempDir, { recursive: true });
  let outcome = (writeFlushed(path.join(tempDir, tempName), bytes), place(path.join(tempDir, tempName), target));
  if (outcome === 'other-device') {
    // The sync folder is on another file system: the temporary file goes beside the target.
    const temp = path.join(dir, tempName);
    writeFlushed(temp, bytes);
    outcome = place(temp, target);
    if (outcome === 'other-device') throw new Error(`cannot move a segment into ${dir}`);
  }
  flushDirectory(dir);
  return outcome;
}

export interface FolderEntry {
  deviceId: string;
  name: string;
  path: string;
  kind: SegmentName;
}

/** Every file in every device folder but `ownDevice`'s, classified by name. */
export function listOtherDevices(folder: string, ownDevice: string): { devices: string[]; entries: FolderEntry[] } {
  const root = syncRoot(folder);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { devices: [], entries: [] };
    throw err;
  }
  const devices = names.filter((n) => isDeviceId(n) && n !== ownDevice);
  const entries: FolderEntry[] = [];
  for (const deviceId of devices) {
    let files: string[];
    try {
      files = fs.readdirSync(path.join(root, deviceId));
    } catch {
      continue; // not a folder, or gone meanwhile
    }
    for (const name of files) entries.push({ deviceId, name, path: path.join(root, deviceId, name), kind: classifySegmentName(name) });
  }
  return { devices, entries };
}
