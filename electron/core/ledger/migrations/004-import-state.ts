import type { Migration } from './migration.js';

/**
 * Transcript import (Claude Code) and its de-duplication against the proxy.
 *
 * import_files remembers, per transcript file, what was read: the file's size, mtime and identity
 * (device:inode) when last read and the byte offset up to which complete lines were taken in, so a
 * pass reads only appended bytes, and a file that shrank or was replaced is read again from the
 * start (re-reading is harmless: imported rows are keyed by (source, external_id)).
 *
 * The same Claude reply can reach the ledger twice: the proxy records the call (source 'proxy',
 * request_id from the `request-id` header) and the transcript holds the message with the same
 * requestId (source 'import'). The proxy's row wins whichever arrives first: it has the wire's
 * exact usage, latency, status and tag. The two triggers keep that true for every writer:
 * an imported row is not inserted when a proxied row has its request id, and a proxied row
 * removes an imported row with its request id (through DELETE, so the rollup triggers keep
 * usage_rollup in step).
 */
export const migration004: Migration = {
  version: 4,
  name: 'import-state',
  sql: `
CREATE TABLE import_files (
  source TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  identity TEXT NOT NULL,
  read_offset INTEGER NOT NULL CHECK (read_offset >= 0),
  usage_lines INTEGER NOT NULL DEFAULT 0,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (source, path)
) STRICT;

-- Only proxied rows are indexed by request id: imported rows are found through usage_external,
-- their external_id being "<request id>:<message id>".
CREATE INDEX usage_proxy_request ON usage (request_id) WHERE source = 'proxy';

CREATE TRIGGER usage_import_defers_to_proxy BEFORE INSERT ON usage
WHEN NEW.source = 'import' AND NEW.request_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM usage WHERE source = 'proxy' AND request_id = NEW.request_id)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER usage_proxy_replaces_import AFTER INSERT ON usage
WHEN NEW.source = 'proxy' AND NEW.request_id IS NOT NULL
BEGIN
  DELETE FROM usage WHERE source = 'import' AND external_id > NEW.request_id || ':' AND external_id < NEW.request_id || ';'
    AND request_id = NEW.request_id;
END;
`,
};
