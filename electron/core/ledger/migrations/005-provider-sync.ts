import type { Migration } from './migration.js';

/**
 * What the provider pollers keep besides provider_usage (migration 1): each provider's sync state
 * (so the app, the CLI and a restart share the once-a-minute rule and the backoff) and the credit
 * balances the providers report. Balances are in nano-units of their currency (a CNY balance is
 * not converted): null where the provider did not say.
 */
export const migration005: Migration = {
  version: 5,
  name: 'provider-sync',
  sql: `
CREATE TABLE provider_sync (
  provider TEXT PRIMARY KEY,
  last_attempt_at INTEGER,
  last_success_at INTEGER,
  next_run_at INTEGER,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_stored TEXT
) STRICT;

CREATE TABLE provider_balances (
  provider TEXT NOT NULL,
  currency TEXT NOT NULL,
  remaining_nano INTEGER,
  credits_total_nano INTEGER,
  credits_used_nano INTEGER,
  granted_nano INTEGER,
  topped_up_nano INTEGER,
  key_limit_nano INTEGER,
  key_limit_remaining_nano INTEGER,
  key_usage_nano INTEGER,
  key_usage_daily_nano INTEGER,
  key_usage_monthly_nano INTEGER,
  available INTEGER CHECK (available IN (0, 1)),
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (provider, currency)
) STRICT;
`,
};
