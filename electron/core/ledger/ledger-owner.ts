/**
 * Which process runs a core (the app, `tokentally serve`) on a ledger: its pid in a file beside it.
 * Other commands read and write the ledger alongside a running core at will (SQLite's WAL), but a
 * repair must not: it sets the file aside and starts a new one, and a running core would go on
 * writing its calls to the file set aside (found by a fault review: every call after the repair
 * lost). A core killed outright leaves the file behind; its pid is then no live process and the
 * file counts for nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { errorCode } from '../../../shared/error-message.js';

const OWNER_FILE = 'tokentally.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return errorCode(err) === 'EPERM';
  }
}

/** The pid of a live process other than this one running a core on the ledger in `dataDir`, or null. */
export function runningOwner(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/**
 * Marks this process as running a core on the ledger; `release` removes the mark (if it is still
 * this process's). When another live core already runs there, its mark is left and `otherPid` says so.
 */
export function claimLedger(dataDir: string): { otherPid: number | null; release(): void } {
  const file = path.join(dataDir, OWNER_FILE);
  const otherPid = runningOwner(dataDir);
  let mine = false;
  if (otherPid === null) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`);
      mine = true;
    } catch {
      // A folder it cannot write to has already failed the ledger's own start; nothing to add.
    }
  }
  return {
    otherPid,
    release() {
      if (!mine) return;
      mine = false;
      try {
        if (Number.parseInt(fs.readFileSync(file, 'utf8'), 10) === process.pid) fs.rmSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}
