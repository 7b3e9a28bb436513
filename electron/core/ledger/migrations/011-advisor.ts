import type { Migration } from './migration.js';

/**
 * The savings advisor (issue 16): the findings the user dismissed, by their stable id
 * (`<kind>:<provider>:<model>:<tag>`); the findings themselves are computed, never stored.
 */
export const migration011: Migration = {
  version: 11,
  name: 'advisor',
  sql: `
CREATE TABLE advisor_dismissals (
  finding_id TEXT PRIMARY KEY,
  dismissed_at INTEGER NOT NULL
) STRICT;
`,
};
