import type { Migration } from './migration.js';

/**
 * Several machines, one budget (issue 17): the ledger shared through a sync folder.
 *
 * Global row ids. A row's global id is (source, external_id), unique since migration 1: imported
 * rows carry their source's own id (a transcript's message id + request id), batch results the
 * batch and custom id; every other row now gets a random one, here for the rows already stored and
 * on insert for new ones (usage-row.ts), so every row has an id that is the same on every device.
 *
 * usage.device: NULL for this installation's own rows, else the id of the device a merged row
 * came from. sync_self holds this installation's identity (a random id made here, once), its
 * hybrid logical clock, the sync folder and how far publishing has gone. sync_outbox lists
 * changes to rows and shared settings made after they were published, filled by triggers so
 * every writer (re-pricing, an import's more complete copy, a proxied row replacing an imported
 * one) is covered; the publisher turns them into change records (corrections, tombstones).
 * The merge side remembers which segments it took (sync_merged), the devices seen, the latest
 * change per merged row and per shared setting (its clock and device decide which is latest),
 * and what it had to skip (sync_problems, shown by sync status).
 */

/** Columns whose change after publishing is published as a correction (usage's columns at version 15, written out: a migration never changes). */
const CORRECTED = [
  'time', 'provider', 'model', 'billing', 'tag', 'status', 'stream', 'input_tokens', 'cache_write_5m_tokens',
  'cache_write_1h_tokens', 'cache_read_tokens', 'output_tokens', 'reasoning_tokens', 'web_search_requests', 'cost_nano',
  'priced', 'cost_source', 'price_version', 'latency_ms', 'ttft_ms', 'request_id', 'endpoint', 'http_status',
  'error_message', 'service_tier', 'speed', 'inference_geo', 'web_fetch_requests', 'byok', 'key_ref',
  // Migration 14's: a project and session filled in later (the backfill) reach the other devices too.
  'project', 'project_name', 'session_id',
];

/** Shared settings are queued only while a sync folder is set (sync set queues what exists then). */
const SYNCING = '(SELECT folder FROM sync_self WHERE id = 1) IS NOT NULL';

export const migration015: Migration = {
  version: 15,
  name: 'sync',
  sql: `
ALTER TABLE usage ADD COLUMN device TEXT;
CREATE INDEX usage_device_time ON usage (device, time) WHERE device IS NOT NULL;
UPDATE usage SET external_id = lower(hex(randomblob(16))) WHERE external_id IS NULL;

CREATE TABLE sync_self (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  device_name TEXT NOT NULL DEFAULT '',
  folder TEXT,
  hlc TEXT NOT NULL DEFAULT '000000000000000-000000',
  published_id INTEGER NOT NULL DEFAULT 0,
  published_outbox INTEGER NOT NULL DEFAULT 0,
  next_seq INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO sync_self (id, device_id) VALUES (1, lower(hex(randomblob(16))));

CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL
) STRICT;

CREATE TRIGGER sync_outbox_usage_update AFTER UPDATE OF ${CORRECTED.join(', ')} ON usage
WHEN NEW.device IS NULL AND OLD.id <= (SELECT published_id FROM sync_self WHERE id = 1)
BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('row', NEW.source || char(31) || NEW.external_id);
END;

-- One trigger, so the tombstone is queued before the cursor moves. New rows take ids after the
-- greatest one left (SQLite's rowid): when the rows at the top are deleted, the publisher's cursor
-- comes down with them, or a new row could take a published id and never be published.
CREATE TRIGGER sync_outbox_usage_delete AFTER DELETE ON usage
WHEN OLD.id <= (SELECT published_id FROM sync_self WHERE id = 1)
BEGIN
  INSERT INTO sync_outbox (kind, key) SELECT 'row', OLD.source || char(31) || OLD.external_id WHERE OLD.device IS NULL;
  UPDATE sync_self SET published_id = COALESCE((SELECT MAX(id) FROM usage), 0)
  WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM usage WHERE id > OLD.id);
END;

CREATE TRIGGER sync_outbox_budget_insert AFTER INSERT ON budgets WHEN ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('budget', NEW.scope || char(31) || NEW.scope_value);
END;
CREATE TRIGGER sync_outbox_budget_update AFTER UPDATE ON budgets WHEN ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('budget', NEW.scope || char(31) || NEW.scope_value);
END;
CREATE TRIGGER sync_outbox_budget_delete AFTER DELETE ON budgets WHEN ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('budget', OLD.scope || char(31) || OLD.scope_value);
END;

CREATE TRIGGER sync_outbox_plans_insert AFTER INSERT ON settings WHEN NEW.key IN ('subscriptions', 'planEdits') AND ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('setting', NEW.key);
END;
CREATE TRIGGER sync_outbox_plans_update AFTER UPDATE ON settings WHEN NEW.key IN ('subscriptions', 'planEdits') AND ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('setting', NEW.key);
END;

CREATE TRIGGER sync_outbox_window_insert AFTER INSERT ON plan_windows WHEN ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('window', NEW.provider || char(31) || NEW.account || char(31) || NEW.window);
END;
CREATE TRIGGER sync_outbox_window_update AFTER UPDATE ON plan_windows WHEN ${SYNCING} BEGIN
  INSERT INTO sync_outbox (kind, key) VALUES ('window', NEW.provider || char(31) || NEW.account || char(31) || NEW.window);
END;

-- Own provider report buckets as last published (their contents' digest), so each is published once
-- and again only when a later poll changes it.
CREATE TABLE sync_reports_sent (
  provider TEXT NOT NULL,
  kind TEXT NOT NULL,
  bucket_start INTEGER NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (provider, kind, bucket_start)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_devices (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_created_at INTEGER,
  merged_at INTEGER
) STRICT;

CREATE TABLE sync_merged (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  records INTEGER NOT NULL,
  merged_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

-- The latest change taken per row (by clock and device): an older one arriving later is ignored,
-- and a row whose tombstone came first is not brought back by its original arriving late.
CREATE TABLE sync_row_changes (
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
  PRIMARY KEY (source, external_id)
) STRICT, WITHOUT ROWID;

-- The latest stamp per shared setting (budget, plans, plan window), own or merged.
CREATE TABLE sync_shared (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_problems (
  path TEXT PRIMARY KEY,
  problem TEXT NOT NULL,
  detail TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
) STRICT;
`,
};
