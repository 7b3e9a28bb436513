/**
 * The status line's short way into the ledger. Claude Code runs `tokentally statusline` on every
 * update (target: 50 ms beyond Node's own start-up, npm run bench:statusline), so it skips what
 * the app does once at start-up and the line never needs:
 * - the ledger is opened as it is, without openDatabase's health checks, pragmas and migration
 *   pass, when its schema is the one this version writes (then the app has opened it before and
 *   set WAL, which the file keeps); any other schema goes the app's way (status-line.ts);
 * - of the glance's figures (budgets/period-spend.ts) it reads only the two the line shows:
 *   today's spend and today's allowance, which needs the period's spend before today, not the
 *   per-day series behind the whole pacing;
 * - of the settings, the one it uses (the zone, when there is no overall budget), not all of
 *   them with every setting's validator (shared/settings.ts).
 * The figures are the same the glance shows (test/integration/statusline.test.ts compares them
 * with the API's).
 */
import Database from 'better-sqlite3';
import type { Budget } from '../../../shared/api/contract.js';
import type { BudgetPeriod } from '../../../shared/budget/period.js';
import { scopeFilter } from '../../../shared/budget/scope.js';
import type { Nano } from '../../../shared/money.js';
import { todayAllowance } from '../../../shared/pacing/pacing.js';
import { tightestWindow, type StatusLineFigures } from '../../../shared/statusline/status-text.js';
import { addDays, canonicalTimeZone, localTimeZone, startOfDay } from '../../../shared/time/zoned.js';
import { overallPeriodIn } from '../budgets/overall-period-in.js';
import { spendPerDay } from '../budgets/spend-queries.js';
import { spendOver } from '../ledger/aggregate.js';
import { MIGRATIONS } from '../ledger/migrations/index.js';
import type { Db } from '../ledger/open-database.js';
import { readStoredSetting } from '../ledger/stored-setting.js';
import { costBuckets } from '../reconcile/cost-buckets.js';
import { reconciledSpendNano } from '../reconcile/reconciled-spend.js';
import { planWindows, runwayOf } from '../windows/plan-windows.js';

/** The schema this version writes: a ledger at it needs no migration. */
const CURRENT_SCHEMA = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** The ledger file opened as it is, or null when its schema is not the current one (it needs the app's open). */
export function openCurrentLedger(file: string, nativeBinding?: string): Db | null {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (db.pragma('user_version', { simple: true }) !== CURRENT_SCHEMA) {
      db.close();
      return null;
    }
    // As openDatabase sets them (per connection): a read waits out a checkpoint's moment rather
    // than fail; under WAL a commit (the window snapshot) need not wait for the disk.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The ledger's part of the line: today's spend and allowance (as the glance has them), the tightest window. */
export function ledgerFigures(db: Db, now: number): Pick<StatusLineFigures, 'today' | 'window'> {
  const { overall, tz, period } = overallPeriodIn(db, now, () => readStoredSetting(db, 'timezone', validTimeZone, localTimeZone()));
  const todayStart = startOfDay(period.today, tz);
  const spentNano = reconciledSpendNano(db, { from: todayStart, to: period.endMs });
  const allowanceNano = overall ? todayAllowance(overall.monthlyNano, spendBeforeToday(db, overall, period, todayStart), period.daysLeft) : null;
  // The line names no account (a window's short form is its name, use and reset), so no account labels.
  const windows = planWindows(db, now, { windowAccounts: [] });
  return { today: { spentNano, allowanceNano }, window: tightestWindow(runwayOf(windows, [], now, tz)) };
}

/** As the settings validate the zone (shared/settings.ts): an IANA name, canonical spelling. */
function validTimeZone(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError('a time zone is a name');
  return canonicalTimeZone(value);
}

/**
 * The budget's spend in its period before today, as pacing counts it: day by day, each day with
 * the providers' cost reports that fall inside it (spendPerDay). Where no report touches those
 * days, that is the ledger's own spend over them, read as one range (a few rollup rows, not a
 * query per day).
 */
function spendBeforeToday(db: Db, budget: Budget, period: BudgetPeriod, todayStart: number): Nano {
  if (todayStart <= period.startMs) return 0;
  const before = { from: period.startMs, to: todayStart };
  if (costBuckets(db, before).length === 0) return spendOver(db, before, scopeFilter(budget));
  return spendPerDay(db, budget, period.start, addDays(period.today, -1), budget.tz).reduce((sum, d) => sum + d.spendNano, 0);
}
