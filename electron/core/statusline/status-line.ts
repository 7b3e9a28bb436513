/**
 * `tokentally statusline`'s work, apart from its process: store the plan-window figures Claude
 * Code passed (as snapshots of source 'statusline', through the plan-window store every source
 * uses), then read today's spend, today's allowance and the tightest plan window from the ledger
 * and make the line. It reads the ledger file directly, so it works whether or not the app runs;
 * beside a running app it is one more WAL connection: reads never wait, and the one small write
 * waits at most STORE_BUSY_MS for the app's writer, else is skipped (the next update brings
 * fresher figures).
 *
 * Claude Code runs it on every update, so it takes the short way (status-ledger.ts): the ledger
 * opened without the app's checks and migrations when its schema is the current one, and only the
 * sums the line shows. Anything else (an older schema, an error on the short way) goes the app's
 * way, openDatabase, which migrates, checks, and says what is wrong in its own words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_WINDOW_ACCOUNT, type WindowSnapshot } from '../../../shared/api/contract-windows.js';
import { readStatusLineInput, type StatusLineInput } from '../../../shared/statusline/status-input.js';
import { statusLineText, type StatusLineFigures } from '../../../shared/statusline/status-text.js';
import { parseJson } from '../../../shared/usage-parse/json-fields.js';
import { isPlausibleReset } from '../../../shared/windows/reading-values.js';
import { DATABASE_FILE } from '../ledger/database-file.js';
import type { Db } from '../ledger/open-database.js';
import { alreadyRecorded, latestWindows, recordWindowSnapshots } from '../windows/window-store.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';
import { ledgerFigures, openCurrentLedger } from './status-ledger.js';

/** How long the snapshot write waits for a busy ledger before giving up (the line must not). */
const STORE_BUSY_MS = 200;

export interface StatusLineResult {
  line: string;
  input: StatusLineInput;
  /** Plan-window snapshots stored (0 or 1). */
  stored: number;
  /** What went wrong reading or writing the ledger, or null. */
  problem: string | null;
}

/**
 * Claude Code's rate_limits are the Claude.ai plan's windows; the input names no organization.
 * A window whose reset its length cannot reach from now (isPlausibleReset) is left out; none left: nothing to store.
 */
function statusLineSnapshot(input: StatusLineInput, now: number): WindowSnapshot | null {
  const windows = input.windows.filter((w) => isPlausibleReset(w, now));
  if (windows.length === 0) return null;
  return { provider: 'anthropic', account: DEFAULT_WINDOW_ACCOUNT, source: 'statusline', at: now, status: null, binding: null, windows };
}

export async function runStatusLine(options: { stdinText: string; dataDir: string; now: number; nativeBinding?: string }): Promise<StatusLineResult> {
  const input = readStatusLineInput(parseJson(options.stdinText));
  const figures: StatusLineFigures = { sessionCostNano: input.sessionCostNano, today: null, window: null };
  const file = path.join(options.dataDir, DATABASE_FILE);
  let stored = 0;
  let problem: string | null = null;
  // Asking must not create a ledger where there is none (the app, serve or import make it).
  if (!fs.existsSync(file)) {
    problem = 'no ledger yet';
  } else {
    const snapshot = statusLineSnapshot(input, options.now);
    const read = (db: Db) => {
      stored = snapshot ? storeSnapshot(db, snapshot) : 0;
      Object.assign(figures, ledgerFigures(db, options.now));
    };
    let done = false;
    try {
      const db = openCurrentLedger(file, options.nativeBinding);
      if (db) {
        try {
          read(db);
          done = true;
        } finally {
          db.close();
        }
      }
    } catch {
      // The app's way below says what is wrong, in its words.
    }
    if (!done) {
      stored = 0;
      problem = await readTheAppsWay(options, read);
    }
  }
  return { line: statusLineText({ ...figures, problem }), input, stored, problem };
}

/** Through openDatabase (migrations, health checks), loaded only when needed: the problem, or null. */
async function readTheAppsWay(options: { dataDir: string; nativeBinding?: string }, read: (db: Db) => void): Promise<string | null> {
  let db: Db | null = null;
  try {
    const { openDatabase } = await import('../ledger/open-database.js');
    db = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding });
    read(db);
    return null;
  } catch (err) {
    return shortProblem(err);
  } finally {
    db?.close();
  }
}

/**
 * Store it unless the ledger already holds it (the same figures this minute: nothing to write) or
 * the app's writer holds the ledger longer than STORE_BUSY_MS; returns how many were stored.
 */
function storeSnapshot(db: Db, snapshot: WindowSnapshot): number {
  if (alreadyRecorded(latestWindows(db), snapshot)) return 0;
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${STORE_BUSY_MS}`);
  try {
    recordWindowSnapshots(db, [snapshot]);
    return 1;
  } catch (err) {
    if (errorCode(err) === 'SQLITE_BUSY') return 0;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}

/** One clause for the status line: the first sentence of the error, at most 60 characters. */
function shortProblem(err: unknown): string {
  const message = errorMessage(err).split(/\.\s/)[0]!;
  return message.length > 60 ? `${message.slice(0, 59)}…` : message;
}
