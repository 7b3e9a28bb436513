import type { Migration } from './migration.js';

/**
 * Plan windows (issue 11): the 5-hour and weekly windows of subscription plans as the proxy, the
 * Codex logs and Claude Code's own state report them.
 *
 * plan_windows holds the latest reading per account and window: a reading replaces it only when
 * it is at least as new (an old Codex log read late never hides a fresher proxy figure).
 * plan_window_history keeps one reading per window per minute (the last of the minute), pruned
 * to a few months by the store; break-even's window value is computed from it.
 * plan_window_alerts remembers the notifications given, one per window, reset and level
 * (a threshold such as '75', or 'rejected').
 * `used` is a fraction 0..1; instants are epoch ms.
 */
export const migration006: Migration = {
  version: 6,
  name: 'plan-windows',
  sql: `
CREATE TABLE plan_windows (
  provider TEXT NOT NULL,
  account TEXT NOT NULL,
  window TEXT NOT NULL,
  source TEXT NOT NULL,
  observed_at INTEGER NOT NULL,
  used REAL CHECK (used IS NULL OR (used >= 0 AND used <= 1)),
  resets_at INTEGER,
  window_minutes INTEGER CHECK (window_minutes IS NULL OR window_minutes > 0),
  status TEXT,
  overall_status TEXT,
  binding INTEGER NOT NULL DEFAULT 0 CHECK (binding IN (0, 1)),
  PRIMARY KEY (provider, account, window)
) STRICT;

CREATE TABLE plan_window_history (
  provider TEXT NOT NULL,
  account TEXT NOT NULL,
  window TEXT NOT NULL,
  minute INTEGER NOT NULL,
  observed_at INTEGER NOT NULL,
  used REAL CHECK (used IS NULL OR (used >= 0 AND used <= 1)),
  resets_at INTEGER,
  status TEXT,
  source TEXT NOT NULL,
  PRIMARY KEY (provider, account, window, minute)
) STRICT, WITHOUT ROWID;

CREATE INDEX plan_window_history_time ON plan_window_history (observed_at);

CREATE TABLE plan_window_alerts (
  provider TEXT NOT NULL,
  account TEXT NOT NULL,
  window TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  level TEXT NOT NULL,
  at INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (provider, account, window, cycle, level)
) STRICT;
`,
};
