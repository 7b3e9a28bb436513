/**
 * The API contract's part for: Provider usage polling and reconciliation (issue 6).
 * Declare methods on ProvidersApi and list them in PROVIDERS_METHODS; contract.ts merges both.
 *
 * Providers' own reports are read with the user's keys (Anthropic and OpenAI: Admin keys;
 * OpenRouter and DeepSeek: API keys). Days here are UTC days: that is how the providers bucket
 * their reports.
 */
import type { Nano } from '../money.js';
import type { ProviderId } from '../usage.js';
import type { Day, KeyKind } from './contract.js';

/**
 * no-key: nothing to poll with (see `note`). waiting: a key is stored but no poll has finished yet.
 * ok: the last poll succeeded. error: the last poll failed (see `lastError`; earlier data is kept).
 */
export type ProviderSyncState = 'no-key' | 'waiting' | 'ok' | 'error';

export interface ProviderSyncStatus {
  provider: ProviderId;
  /** What is read, in plain words (e.g. "usage and cost reports"). */
  reads: string;
  /** The key kind the poller uses. */
  keyKind: KeyKind;
  hasKey: boolean;
  state: ProviderSyncState;
  /** Epoch ms. */
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** When the next automatic poll is due; null when none is scheduled (no key, or polling is off). */
  nextSyncAt: number | null;
  /** Why the last poll failed, in plain words (e.g. "the key is not an admin key …"). */
  lastError: string | null;
  /** What the last successful poll stored, in plain words. */
  lastStored: string | null;
  /** A hint for the user when there is nothing to poll with (how to add the key). */
  note: string | null;
}

export interface KeyTestArgs {
  provider: ProviderId;
  /** Default 'admin' for anthropic and openai, 'api' otherwise. */
  kind?: KeyKind;
  /** Test this key instead of the stored one (it is not stored, never echoed). */
  key?: string;
}

export interface KeyTestResult {
  provider: ProviderId;
  kind: KeyKind;
  ok: boolean;
  /** Plain words: what works, or what is wrong and what to do. */
  message: string;
}

export interface ReconciliationQuery {
  /** First UTC day (default: 29 days before until). */
  since?: Day;
  /** Last UTC day (default: today, UTC). */
  until?: Day;
  provider?: ProviderId;
}

/**
 * One provider and UTC day. Days with neither a provider report nor proxy spend are left out.
 * unseenCostNano = reported − proxy: spend the proxy did not see (other machines, CI, teammates).
 * It may be negative: the proxy priced calls above what the provider billed, or the provider has
 * not reported the day's last hours yet (complete = false).
 */
export interface ReconciliationRow {
  provider: ProviderId;
  /** UTC day. */
  day: Day;
  /** What the provider's cost report says; null when it has not reported this day. */
  reportedCostNano: Nano | null;
  /** API + batch cost the proxy logged for this provider on this UTC day. */
  proxyCostNano: Nano;
  /** reported − proxy; null when the provider has not reported. */
  unseenCostNano: Nano | null;
  /** The provider's figure covers the whole day (fetched after the day ended and its data settled). */
  complete: boolean;
  /** When the provider's figure was fetched (epoch ms), or null. */
  fetchedAt: number | null;
}

/** A credit balance as a provider reports it. Amounts are nano-units of `currency` (not converted). */
export interface ProviderBalance {
  provider: ProviderId;
  /** ISO 4217, upper case: USD, CNY. */
  currency: string;
  /**
   * Credits left. OpenRouter: the account's credits left, or — when they cannot be read without a
   * management key — what is left of the key's limit; null when neither is known.
   */
  remainingNano: Nano | null;
  /** OpenRouter: credits bought and credits used, account-wide. */
  creditsTotalNano: Nano | null;
  creditsUsedNano: Nano | null;
  /** DeepSeek: the granted and topped-up parts of the balance. */
  grantedNano: Nano | null;
  toppedUpNano: Nano | null;
  /** OpenRouter: the key's own spending limit (null: unlimited), what is left of it, and its spend. */
  keyLimitNano: Nano | null;
  keyLimitRemainingNano: Nano | null;
  keyUsageNano: Nano | null;
  /** Spend of the key in the current UTC day / month. */
  keyUsageDailyNano: Nano | null;
  keyUsageMonthlyNano: Nano | null;
  /** DeepSeek: whether the balance can pay for calls; null when not reported. */
  available: boolean | null;
  fetchedAt: number;
}

/** A provider as the UI and the CLI see it (from its profile in shared/providers/). */
export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Proxy path prefix without slashes: `anthropic`, `p/<name>`. */
  route: string;
  builtIn: boolean;
  /** The key slots it has: 'api' always; 'admin' for report keys (Admin keys, OpenRouter's management key). */
  keyKinds: KeyKind[];
  /** What its 'admin' slot is called ("Admin key", "Management key"). */
  adminKeyLabel: string | null;
  /** How its Admin keys start (sk-ant-admin), or null. */
  adminKeyPrefix: string | null;
  /** Who can have an Admin key, when not every account. */
  adminKeyNote: string | null;
  /** What an API key looks like ("sk-ant-…"), for placeholders. */
  keyPlaceholder: string;
  /** What of its own reports Tokentally reads, in plain words; null when none. */
  reads: string | null;
  /** Environment variables that point tools at the proxy for it (the path after the route). */
  clientEnv: { name: string; path: string; usedBy: string }[];
  /** Its upstream unless configured otherwise; null for custom providers. */
  defaultUpstream: string | null;
  /** Model ids offered in pickers. */
  suggestedModels: string[];
}

/** Where the proxy sends a provider's calls right now, and why (the value in force, not only the stored one). */
export interface UpstreamInForce {
  provider: ProviderId;
  url: string;
  /** environment: TOKENTALLY_UPSTREAM_<NAME> overrides the setting; settings: the stored setting; default: the profile's. */
  origin: 'environment' | 'settings' | 'default';
  /** The environment variable that overrides it (set or not). */
  envName: string;
}

export interface ProvidersApi {
  /** Every provider Tokentally knows (built-in, then custom), from the provider registry. */
  listProviders(): Promise<ProviderInfo[]>;
  /** Each pollable provider's sync state: last successful sync, next sync, last error. */
  listProviderSync(): Promise<ProviderSyncStatus[]>;
  /** Poll now (one provider, or every provider with a key); at most once a minute per provider. */
  pollProviders(args: { provider?: ProviderId }): Promise<ProviderSyncStatus[]>;
  /** One cheap request with a key (stored or given); the answer in plain words. */
  testProviderKey(args: KeyTestArgs): Promise<KeyTestResult>;
  /** Provider-reported cost beside the proxy's, per provider and UTC day. */
  listReconciliation(query: ReconciliationQuery): Promise<ReconciliationRow[]>;
  /** Credit balances (OpenRouter, DeepSeek) as last polled. */
  listBalances(): Promise<ProviderBalance[]>;
}

export const PROVIDERS_METHODS = {
  listProviders: true,
  listProviderSync: true,
  pollProviders: true,
  testProviderKey: true,
  listReconciliation: true,
  listBalances: true,
} as const satisfies Record<keyof ProvidersApi, true>;
