import type { Migration } from './migration.js';

/**
 * Budgets per API key (issue 10). Each proxied call records which key the provider billed, by a
 * one-way fingerprint (key_ref, never the key); stored keys keep theirs beside the encrypted blob,
 * and any fingerprint may be given a label. Budget scopes gain 'key': SQLite cannot widen a CHECK,
 * so the two small tables that name scopes are rebuilt. Adding a nullable column rewrites nothing.
 */
export const migration008: Migration = {
  version: 8,
  name: 'key-scope',
  sql: `
ALTER TABLE usage ADD COLUMN key_ref TEXT;
CREATE INDEX usage_key_time ON usage (key_ref, time) WHERE key_ref IS NOT NULL;

ALTER TABLE secrets ADD COLUMN key_ref TEXT;

CREATE TABLE key_labels (
  key_ref TEXT PRIMARY KEY,
  label TEXT NOT NULL
) STRICT;

CREATE TABLE budgets_v6 (
  scope TEXT NOT NULL CHECK (scope IN ('overall', 'provider', 'tag', 'key')),
  scope_value TEXT NOT NULL DEFAULT '',
  monthly_nano INTEGER NOT NULL CHECK (monthly_nano >= 0),
  hard INTEGER NOT NULL CHECK (hard IN (0, 1)),
  reset_day INTEGER NOT NULL CHECK (reset_day BETWEEN 1 AND 28),
  tz TEXT NOT NULL,
  alerts TEXT NOT NULL,
  PRIMARY KEY (scope, scope_value)
) STRICT;
INSERT INTO budgets_v6 (scope, scope_value, monthly_nano, hard, reset_day, tz, alerts)
  SELECT scope, scope_value, monthly_nano, hard, reset_day, tz, alerts FROM budgets;
DROP TABLE budgets;
ALTER TABLE budgets_v6 RENAME TO budgets;

CREATE TABLE budget_alerts_v6 (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('overall', 'provider', 'tag', 'key')),
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
INSERT INTO budget_alerts_v6 SELECT id, scope, scope_value, period_start, kind, threshold, raised_at, spent_nano, budget_nano, message FROM budget_alerts;
DROP TABLE budget_alerts;
ALTER TABLE budget_alerts_v6 RENAME TO budget_alerts;
CREATE INDEX budget_alerts_raised ON budget_alerts (raised_at);
`,
};
