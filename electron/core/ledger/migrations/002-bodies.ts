import type { Migration } from './migration.js';

/**
 * Request and response bodies of proxied calls, only for tags the user listed in
 * storeBodiesForTags, each capped (64 KB) by the proxy. Linked to the usage row by its
 * externalId (source 'proxy'), since the row's id is assigned later by the batched writer.
 */
export const migration002: Migration = {
  version: 2,
  name: 'bodies',
  sql: `
CREATE TABLE call_bodies (
  external_id TEXT PRIMARY KEY,
  time INTEGER NOT NULL,
  request_body BLOB NOT NULL,
  request_truncated INTEGER NOT NULL CHECK (request_truncated IN (0, 1)),
  response_body BLOB NOT NULL,
  response_truncated INTEGER NOT NULL CHECK (response_truncated IN (0, 1))
) STRICT;

CREATE INDEX call_bodies_time ON call_bodies (time);
`,
};
