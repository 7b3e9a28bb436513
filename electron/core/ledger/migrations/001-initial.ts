import type { Migration } from './migration.js';

/**
 * The first schema. Money columns are integer nano-dollars. usage_rollup is kept in step with
 * usage by triggers, in 15-minute buckets: every time zone's offset is a multiple of 15 minutes,
 * so days in any zone are exact sums of buckets, and a month summary reads a few thousand rows
 * instead of a million.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE usage (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  billing TEXT NOT NULL CHECK (billing IN ('api', 'batch', 'subscription')),
  source TEXT NOT NULL CHECK (source IN ('proxy', 'import', 'poll')),
  tag TEXT,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'incomplete', 'blocked')),
  stream INTEGER NOT NULL CHECK (stream IN (0, 1)),
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  reasoning_tokens INTEGER NOT NULL DEFAULT 0,
  web_search_requests INTEGER NOT NULL DEFAULT 0,
  cost_nano INTEGER NOT NULL,
  priced INTEGER NOT NULL CHECK (priced IN (0, 1)),
  cost_source TEXT NOT NULL CHECK (cost_source IN ('computed', 'provider', 'override', 'fallback')),
  price_version TEXT NOT NULL,
  latency_ms INTEGER,
  ttft_ms INTEGER,
  request_id TEXT,
  external_id TEXT,
  endpoint TEXT,
  http_status INTEGER,
  error_message TEXT
) STRICT;

CREATE INDEX usage_time ON usage (time);
CREATE INDEX usage_provider_time ON usage (provider, time);
CREATE INDEX usage_tag_time ON usage (tag, time) WHERE tag IS NOT NULL;
CREATE UNIQUE INDEX usage_external ON usage (source, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE usage_rollup (
  bucket INTEGER NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  billing TEXT NOT NULL,
  source TEXT NOT NULL,
  tag TEXT NOT NULL,
  requests INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  cache_write_5m_tokens INTEGER NOT NULL,
  cache_write_1h_tokens INTEGER NOT NULL,
  cache_read_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  web_search_requests INTEGER NOT NULL,
  cost_nano INTEGER NOT NULL,
  unpriced INTEGER NOT NULL,
  PRIMARY KEY (bucket, provider, model, billing, source, tag)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER usage_rollup_insert AFTER INSERT ON usage BEGIN
  INSERT INTO usage_rollup VALUES (
    NEW.time - (NEW.time % 900000), NEW.provider, NEW.model, NEW.billing, NEW.source, COALESCE(NEW.tag, ''),
    1, NEW.input_tokens, NEW.cache_write_5m_tokens, NEW.cache_write_1h_tokens, NEW.cache_read_tokens,
    NEW.output_tokens, NEW.reasoning_tokens, NEW.web_search_requests, NEW.cost_nano, 1 - NEW.priced)
  ON CONFLICT DO UPDATE SET
    requests = requests + 1,
    input_tokens = input_tokens + excluded.input_tokens,
    cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
    web_search_requests = web_search_requests + excluded.web_search_requests,
    cost_nano = cost_nano + excluded.cost_nano,
    unpriced = unpriced + excluded.unpriced;
END;

CREATE TRIGGER usage_rollup_delete AFTER DELETE ON usage BEGIN
  UPDATE usage_rollup SET
    requests = requests - 1,
    input_tokens = input_tokens - OLD.input_tokens,
    cache_write_5m_tokens = cache_write_5m_tokens - OLD.cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens - OLD.cache_write_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens,
    output_tokens = output_tokens - OLD.output_tokens,
    reasoning_tokens = reasoning_tokens - OLD.reasoning_tokens,
    web_search_requests = web_search_requests - OLD.web_search_requests,
    cost_nano = cost_nano - OLD.cost_nano,
    unpriced = unpriced - (1 - OLD.priced)
  WHERE bucket = OLD.time - (OLD.time % 900000) AND provider = OLD.provider AND model = OLD.model
    AND billing = OLD.billing AND source = OLD.source AND tag = COALESCE(OLD.tag, '');
  DELETE FROM usage_rollup WHERE requests = 0 AND bucket = OLD.time - (OLD.time % 900000);
END;

-- An update is a delete of the old row and an insert of the new one, as far as sums go.
CREATE TRIGGER usage_rollup_update AFTER UPDATE ON usage BEGIN
  UPDATE usage_rollup SET
    requests = requests - 1,
    input_tokens = input_tokens - OLD.input_tokens,
    cache_write_5m_tokens = cache_write_5m_tokens - OLD.cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens - OLD.cache_write_1h_tokens,
    cache_read_tokens = cache_read_tokens - OLD.cache_read_tokens,
    output_tokens = output_tokens - OLD.output_tokens,
    reasoning_tokens = reasoning_tokens - OLD.reasoning_tokens,
    web_search_requests = web_search_requests - OLD.web_search_requests,
    cost_nano = cost_nano - OLD.cost_nano,
    unpriced = unpriced - (1 - OLD.priced)
  WHERE bucket = OLD.time - (OLD.time % 900000) AND provider = OLD.provider AND model = OLD.model
    AND billing = OLD.billing AND source = OLD.source AND tag = COALESCE(OLD.tag, '');
  INSERT INTO usage_rollup VALUES (
    NEW.time - (NEW.time % 900000), NEW.provider, NEW.model, NEW.billing, NEW.source, COALESCE(NEW.tag, ''),
    1, NEW.input_tokens, NEW.cache_write_5m_tokens, NEW.cache_write_1h_tokens, NEW.cache_read_tokens,
    NEW.output_tokens, NEW.reasoning_tokens, NEW.web_search_requests, NEW.cost_nano, 1 - NEW.priced)
  ON CONFLICT DO UPDATE SET
    requests = requests + 1,
    input_tokens = input_tokens + excluded.input_tokens,
    cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
    cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
    web_search_requests = web_search_requests + excluded.web_search_requests,
    cost_nano = cost_nano + excluded.cost_nano,
    unpriced = unpriced + excluded.unpriced;
  DELETE FROM usage_rollup WHERE requests = 0 AND bucket = OLD.time - (OLD.time % 900000);
END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE budgets (
  scope TEXT NOT NULL CHECK (scope IN ('overall', 'provider', 'tag')),
  scope_value TEXT NOT NULL DEFAULT '',
  monthly_nano INTEGER NOT NULL CHECK (monthly_nano >= 0),
  hard INTEGER NOT NULL CHECK (hard IN (0, 1)),
  reset_day INTEGER NOT NULL CHECK (reset_day BETWEEN 1 AND 28),
  tz TEXT NOT NULL,
  alerts TEXT NOT NULL,
  PRIMARY KEY (scope, scope_value)
) STRICT;

-- Encrypted blobs only: the key never touches the disk in plain text.
CREATE TABLE secrets (
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'admin')),
  backend TEXT NOT NULL CHECK (backend IN ('safeStorage', 'keyfile')),
  blob BLOB NOT NULL,
  hint TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (provider, kind)
) STRICT;

-- Usage and cost as the providers report them (polled), one row per bucket and model.
CREATE TABLE provider_usage (
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'cost')),
  bucket_start INTEGER NOT NULL,
  bucket_end INTEGER NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  requests INTEGER,
  cost_nano INTEGER,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (provider, kind, bucket_start, model)
) STRICT;
`,
};
