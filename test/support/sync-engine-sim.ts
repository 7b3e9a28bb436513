/**
 * A sync engine stand-in (Syncthing, Dropbox…) for tests: each device has its own copy of the
 * sync folder, and the engine copies files between the copies when told to, the way real ones
 * misbehave: late, half-copied, as "conflicted copies", in any order. It copies what Tokentally
 * wrote and never reads the files' contents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TEMP_PREFIX } from '../../shared/sync/segment-names.js';

export interface Delivery {
  /** Only files whose relative path passes. */
  only?: (rel: string) => boolean;
  /** whole: the file as it is; partial: only its first part (a copy still under way). */
  mode?: 'whole' | 'partial';
  /** Also leave a "conflicted copy" of each delivered file beside it. */
  conflictedCopy?: boolean;
  /** Deliver newest names first (files arriving out of order). */
  reverse?: boolean;
}

function listFiles(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const d of names) {
    const r = path.join(rel, d.name);
    if (d.isDirectory()) out.push(...listFiles(root, r));
    else if (!d.name.startsWith(TEMP_PREFIX)) out.push(r);
  }
  return out;
}

export class SimulatedSyncEngine {
  constructor(readonly views: string[]) {}

  /** Files present in one view and missing (or shorter) in another: [from, to, relative path]. */
  pending(): [string, string, string][] {
    const out: [string, string, string][] = [];
    for (const from of this.views) {
      for (const rel of listFiles(from)) {
        if (/conflicted copy/.test(rel)) continue; // a copy stays where the engine made it
        const size = fs.statSync(path.join(from, rel)).size;
        for (const to of this.views) {
          if (to === from) continue;
          let have = -1;
          try {
            have = fs.statSync(path.join(to, rel)).size;
          } catch {
            // missing
          }
          if (have < size) out.push([from, to, rel]);
        }
      }
    }
    return out;
  }

  /** Copies the pending files per `d`; returns how many. */
  deliver(d: Delivery = {}): number {
    let list = this.pending().filter(([, , rel]) => (d.only ? d.only(rel) : true));
    list.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    if (d.reverse) list = list.reverse();
    for (const [from, to, rel] of list) {
      const bytes = fs.readFileSync(path.join(from, rel));
      const target = path.join(to, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, d.mode === 'partial' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
      if (d.conflictedCopy) {
        const ext = path.extname(rel);
        fs.writeFileSync(path.join(to, `${rel.slice(0, -ext.length)} (conflicted copy 2026-12-07)${ext}`), bytes);
      }
    }
    return list.length;
  }
}
