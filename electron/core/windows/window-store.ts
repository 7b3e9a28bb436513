/**
 * The plan-window snapshots in the ledger: the latest reading per account and window, and one
 * reading per window per minute for a few months. Every source feeds it through
 * recordWindowSnapshot: the proxy (through the queue), the Codex import, Claude Code's state file,
 * and the status-line command of a later issue (it parses its stdin with
 * readStatusLineRateLimits and records a snapshot with source 'statusline').
 *
 * Accounts: the organization id when the source names one, else 'default'. A provider seen under
 * exactly one named account takes 'default' readings as that account's (one subscription account
 * per provider unless the responses say otherwise); the first named account of a provider takes
 * over the readings stored as 'default' before it was known.
 */
import { DEFAULT_WINDOW_ACCOUNT, type WindowSnapshot, type WindowSource } from '../../../shared/api/contract-windows.js';
import { windowAlertKey } from '../../../shared/windows/window-alerts.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

export const DEFAULT_ACCOUNT = DEFAULT_WINDOW_ACCOUNT;
/** History is kept this long ("a few months"). */
export const HISTORY_KEEP_MS = 120 * 86_400_000;

export interface StoredWindow {
  provider: string;
  account: string;
  window: string;
  source: WindowSource;
  observedAt: number;
  used: number | null;
  resetsAt: number | null;
  windowMinutes: number | null;
  status: string | null;
  overallStatus: string | null;
  binding: boolean;
}

export interface HistoryPoint {
  at: number;
  used: number | null;
  resetsAt: number | null;
  status: string | null;
}

const UPSERT_LATEST = `
INSERT INTO plan_windows (provider, account, window, source, observed_at, used, resets_at, window_minutes, status, overall_status, binding)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (provider, account, window) DO UPDATE SET
  source = excluded.source, observed_at = excluded.observed_at, used = excluded.used, resets_at = excluded.resets_at,
  window_minutes = excluded.window_minutes, status = excluded.status, overall_status = excluded.overall_status, binding = excluded.binding
WHERE excluded.observed_at >= plan_windows.observed_at`;

const UPSERT_HISTORY = `
INSERT INTO plan_window_history (provider, account, window, minute, observed_at, used, resets_at, status, source)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (provider, account, window, minute) DO UPDATE SET
  observed_at = excluded.observed_at, used = excluded.used, resets_at = excluded.resets_at, status = excluded.status, source = excluded.source
WHERE excluded.observed_at >= plan_window_history.observed_at`;

/** Store one snapshot (latest and history). Call inside a transaction when storing many. */
export function recordWindowSnapshot(db: Db, snapshot: WindowSnapshot): void {
  if (snapshot.windows.length === 0 || !Number.isFinite(snapshot.at)) return;
  const account = resolveAccount(db, snapshot.provider, snapshot.account);
  const latest = cachedStatement(db, UPSERT_LATEST);
  const history = cachedStatement(db, UPSERT_HISTORY);
  const minute = Math.floor(snapshot.at / 60_000);
  for (const w of snapshot.windows) {
    latest.run(
      snapshot.provider,
      account,
      w.window,
      snapshot.source,
      snapshot.at,
      w.used,
      w.resetsAt,
      w.windowMinutes,
      w.status,
      snapshot.status,
      snapshot.binding === w.window ? 1 : 0,
    );
    history.run(snapshot.provider, account, w.window, minute, snapshot.at, w.used, w.resetsAt, w.status, snapshot.source);
  }
}

/** Store several snapshots in one transaction. */
export function recordWindowSnapshots(db: Db, snapshots: readonly WindowSnapshot[]): void {
  if (snapshots.length === 0) return;
  db.transaction(() => {
    for (const s of snapshots) recordWindowSnapshot(db, s);
  })();
}

function resolveAccount(db: Db, provider: string, account: string): string {
  const named = cachedStatement(db, `SELECT DISTINCT account FROM plan_windows WHERE provider = ? AND account != '${DEFAULT_ACCOUNT}' LIMIT 2`)
    .pluck()
    .all(provider) as string[];
  if (account === DEFAULT_ACCOUNT) return defaultReadingsAccount(named);
  if (named.length === 0) adoptDefaultReadings(db, provider, account);
  return account;
}

/** Where a 'default' reading goes, given the provider's named accounts: the only one, else 'default'. */
function defaultReadingsAccount(named: readonly string[]): string {
  return named.length === 1 ? named[0]! : DEFAULT_ACCOUNT;
}

/**
 * Whether the latest readings (latestWindows) already hold this snapshot's figures, from this
 * source, observed in the same minute (history keeps one reading a minute): storing it again
 * would change nothing but the second it was seen. The status line, run on every update of
 * Claude Code, stores its unchanging figures once a minute rather than several times a second.
 */
export function alreadyRecorded(stored: readonly StoredWindow[], snapshot: WindowSnapshot): boolean {
  const ofProvider = stored.filter((w) => w.provider === snapshot.provider);
  const named = [...new Set(ofProvider.map((w) => w.account).filter((a) => a !== DEFAULT_ACCOUNT))];
  const account = snapshot.account === DEFAULT_ACCOUNT ? defaultReadingsAccount(named) : snapshot.account;
  const minute = Math.floor(snapshot.at / 60_000);
  return snapshot.windows.every((w) =>
    ofProvider.some(
      (s) =>
        s.account === account &&
        s.window === w.window &&
        s.source === snapshot.source &&
        Math.floor(s.observedAt / 60_000) === minute &&
        s.observedAt <= snapshot.at &&
        s.used === w.used &&
        s.resetsAt === w.resetsAt &&
        s.windowMinutes === w.windowMinutes &&
        s.status === w.status &&
        s.overallStatus === snapshot.status &&
        s.binding === (snapshot.binding === w.window),
    ),
  );
}

/** The first named account of a provider takes over what was stored as 'default'. */
function adoptDefaultReadings(db: Db, provider: string, account: string): void {
  for (const table of ['plan_windows', 'plan_window_history', 'plan_window_alerts']) {
    cachedStatement(db, `UPDATE OR IGNORE ${table} SET account = ? WHERE provider = ? AND account = '${DEFAULT_ACCOUNT}'`).run(account, provider);
    cachedStatement(db, `DELETE FROM ${table} WHERE provider = ? AND account = '${DEFAULT_ACCOUNT}'`).run(provider);
  }
}

type LatestRow = Omit<StoredWindow, 'binding'> & { binding: number };

/** Every window's latest reading, per provider and account, binding first then by name. */
export function latestWindows(db: Db): StoredWindow[] {
  const rows = cachedStatement(
    db,
    `SELECT provider, account, window, source, observed_at AS observedAt, used, resets_at AS resetsAt, window_minutes AS windowMinutes,
       status, overall_status AS overallStatus, binding
     FROM plan_windows ORDER BY provider, account, binding DESC, window`,
  ).all() as LatestRow[];
  return rows.map((r) => ({ ...r, binding: r.binding === 1 }));
}

/** One window's readings from `from` to `to` (epoch ms, inclusive), oldest first. */
export function windowHistory(db: Db, q: { provider: string; account: string; window: string; from: number; to: number }): HistoryPoint[] {
  return cachedStatement(
    db,
    `SELECT observed_at AS at, used, resets_at AS resetsAt, status FROM plan_window_history
     WHERE provider = ? AND account = ? AND window = ? AND observed_at >= ? AND observed_at <= ? ORDER BY observed_at`,
  ).all(q.provider, q.account, q.window, q.from, q.to) as HistoryPoint[];
}

/** The windows that have history in the range: for break-even's window values. */
export function windowsWithHistory(db: Db, q: { provider: string; from: number; to: number }): { account: string; window: string }[] {
  return cachedStatement(
    db,
    `SELECT DISTINCT account, window FROM plan_window_history WHERE provider = ? AND observed_at >= ? AND observed_at <= ? ORDER BY account, window`,
  ).all(q.provider, q.from, q.to) as { account: string; window: string }[];
}

/** Drop history older than `before` (epoch ms); returns how many readings went. */
export function pruneWindowHistory(db: Db, before: number): number {
  return cachedStatement(db, 'DELETE FROM plan_window_history WHERE observed_at < ?').run(before).changes;
}

/** Keys (shared/windows windowAlertKey) of the notifications given for these cycles. */
export function sentWindowAlerts(db: Db): Set<string> {
  const rows = cachedStatement(db, 'SELECT provider, account, window, cycle, level FROM plan_window_alerts').all() as {
    provider: string;
    account: string;
    window: string;
    cycle: number;
    level: string;
  }[];
  return new Set(rows.map((r) => windowAlertKey(r, r.level)));
}

export function recordWindowAlert(db: Db, a: { provider: string; account: string; window: string; cycle: number; level: string; at: number; message: string }): boolean {
  return (
    cachedStatement(db, 'INSERT OR IGNORE INTO plan_window_alerts (provider, account, window, cycle, level, at, message) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      a.provider,
      a.account,
      a.window,
      a.cycle,
      a.level,
      a.at,
      a.message,
    ).changes === 1
  );
}

/** Alerts of cycles long gone are of no use: drop those older than `before`. */
export function pruneWindowAlerts(db: Db, before: number): void {
  cachedStatement(db, 'DELETE FROM plan_window_alerts WHERE at < ?').run(before);
}
