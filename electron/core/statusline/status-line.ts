/**
 * `tokentally statusline`'s work, apart from its process: store the plan-window figures Claude
 * Code passed (as snapshots of source 'statusline', through the plan-window store every source
 * uses), then read today's spend, today's allowance and the tightest plan window from the ledger
 * and make the line. It reads the ledger file directly, so it works whether or not the app runs;
 * beside a running app it is one more WAL connection: reads never wait, and the one small write
 * waits at most STORE_BUSY_MS for the app's writer, else is skipped (the next update brings
 * fresher figures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_WINDOW_ACCOUNT, type WindowSnapshot } from '../../../shared/api/contract-windows.js';
import { readStatusLineInput, type StatusLineInput } from '../../../shared/statusline/status-input.js';
import { statusLineText, tightestWindow, type StatusLineFigures } from '../../../shared/statusline/status-text.js';
import { parseJson } from '../../../shared/usage-parse/json-fields.js';
import { periodSpend } from '../budgets/period-spend.js';
import { DATABASE_FILE, openDatabase, type Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { recordWindowSnapshots } from '../windows/window-store.js';
import { planWindows, runwayOf } from '../windows/windows-report.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

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

/** Claude Code's rate_limits are the Claude.ai plan's windows; the input names no organization. */
function statusLineSnapshot(input: StatusLineInput, now: number): WindowSnapshot | null {
  if (input.windows.length === 0) return null;
  return { provider: 'anthropic', account: DEFAULT_WINDOW_ACCOUNT, source: 'statusline', at: now, status: null, binding: null, windows: input.windows };
}

/** The ledger's part of the line: today's spend and allowance, the tightest window. */
function ledgerFigures(db: Db, now: number): Pick<StatusLineFigures, 'today' | 'window'> {
  const spend = periodSpend(db, now);
  const windows = planWindows(db, now, readSettings(db).settings);
  return {
    today: { spentNano: spend.todaySpentNano, allowanceNano: spend.pacing?.todayAllowanceNano ?? null },
    window: tightestWindow(runwayOf(windows, [], now, spend.tz)),
  };
}

export function runStatusLine(options: { stdinText: string; dataDir: string; now: number; nativeBinding?: string }): StatusLineResult {
  const input = readStatusLineInput(parseJson(options.stdinText));
  const figures: StatusLineFigures = { sessionCostNano: input.sessionCostNano, today: null, window: null };
  let stored = 0;
  let problem: string | null = null;
  // Asking must not create a ledger where there is none (the app, serve or import make it).
  if (!fs.existsSync(path.join(options.dataDir, DATABASE_FILE))) {
    problem = 'no ledger yet';
  } else {
    let db: Db | null = null;
    try {
      db = openDatabase(options.dataDir, { nativeBinding: options.nativeBinding });
      const snapshot = statusLineSnapshot(input, options.now);
      if (snapshot) stored = storeSnapshot(db, snapshot);
      Object.assign(figures, ledgerFigures(db, options.now));
    } catch (err) {
      problem = shortProblem(err);
    } finally {
      db?.close();
    }
  }
  return { line: statusLineText({ ...figures, problem }), input, stored, problem };
}

/** Store it unless the app's writer holds the ledger longer than STORE_BUSY_MS; returns how many were stored. */
function storeSnapshot(db: Db, snapshot: WindowSnapshot): number {
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
