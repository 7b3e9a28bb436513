import type { Migration } from './migration.js';

/**
 * Projects and sessions of imported coding sessions (issue 15.2): each imported Claude Code and
 * Codex call gets the project it was made in (its working directory, `project`, and that folder's
 * name, `project_name`: shared/projects/project-of.ts) and its session (`session_id`). Proxied
 * calls have none (unless the transcript of the same request fills them in, import-store.ts).
 *
 * The backfill: rows imported before this version hold neither, and their external ids
 * ("<request id>:<message id>", "codex:<session>:<total>") do not name a working directory, so
 * the transcripts still on disk are read again. This migration rewinds the read offset of every
 * Claude Code and Codex file to 0; the next import pass (the app's first at start, or
 * `tokentally import …`) reads each whole file through the ordinary importer. Why that is safe
 * and idempotent: imported rows are unique by (source, external_id), so a message read again is
 * never inserted twice (nor counted twice: its figures change only for a more complete copy, as
 * always); the pass fills project and session only where a row has none yet (COALESCE), and
 * never touches the summed columns, so the rollups stay as they are. A pass cut short leaves the
 * files it had not reached at offset 0, to be read by the next. Rows whose transcript is gone
 * keep no project ("(no project)" in the app).
 *
 * Grouping by project or session reads the rows (no rollup has the columns); the Requests page's
 * project filter walks the partial (project, time) index like its other filters. Sessions are
 * listed from the rows of a period (time index): no index of their own, which an import would
 * pay for on every row it writes.
 */
export const migration014: Migration = {
  version: 14,
  name: 'projects-sessions',
  sql: `
ALTER TABLE usage ADD COLUMN project TEXT;
ALTER TABLE usage ADD COLUMN project_name TEXT;
ALTER TABLE usage ADD COLUMN session_id TEXT;
CREATE INDEX usage_project_time ON usage (project, time) WHERE project IS NOT NULL;
UPDATE import_files SET read_offset = 0 WHERE source IN ('claude-code', 'codex');
`,
};
