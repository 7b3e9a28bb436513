import type { Migration } from './migration.js';

/**
 * Budget alerts, the hard-cap lift and saved plans (issue 4).
 * budget_alerts: one row per budget, period, kind and threshold (the UNIQUE key): raising the
 * same alert again is a no-op, so evaluating as often as we like can never produce a storm.
 * cap_lift: at most one row, the instant until which hard caps let calls through.
 */
export const migration003: Migration = {
  version: 3,
  name: 'budget-alerts',
  sql: `
CREATE TABLE budget_alerts (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('overall', 'provider', 'tag')),
  scope_value TEXT NOT NULL DEFAULT '',
  period_start TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('threshold', 'projection', 'cap')),
  threshold REAL NOT NULL,
  raised_at INTEGER NOT NULL,
  spent_nano INTEGER NOT NULL,
  budget_nano INTEGER NOT NULL,
  message TEXT NOT NULL,
  UNIQUE (scope, scope_value, period_start, kind, threshold)
) STRICT;

CREATE INDEX budget_alerts_raised ON budget_alerts (raised_at);

CREATE TABLE cap_lift (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  lifted_until INTEGER NOT NULL,
  lifted_at INTEGER NOT NULL
) STRICT;

CREATE TABLE saved_plans (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  rows TEXT NOT NULL,
  created INTEGER NOT NULL
) STRICT;
`,
};
