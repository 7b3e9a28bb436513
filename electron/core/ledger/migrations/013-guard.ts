import type { Migration } from './migration.js';

/**
 * The runaway-loop guard (issue 16): the tags it paused (their calls are refused until resumed; ''
 * is untagged calls) and the alarms it raised. Detection itself is in memory (shared/guard/).
 */
export const migration013: Migration = {
  version: 13,
  name: 'guard',
  sql: `
CREATE TABLE guard_pauses (
  tag TEXT PRIMARY KEY,
  paused_at INTEGER NOT NULL,
  reason TEXT NOT NULL
) STRICT;

CREATE TABLE guard_alarms (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  tag TEXT NOT NULL,
  signal TEXT NOT NULL CHECK (signal IN ('rate', 'repeat')),
  message TEXT NOT NULL,
  paused INTEGER NOT NULL CHECK (paused IN (0, 1))
) STRICT;
CREATE INDEX guard_alarms_at ON guard_alarms (at);
`,
};
