/**
 * One poll of one provider, start to finish: the once-a-minute rule, the key, the request(s), and
 * then either everything stored in one transaction (rows, balances, sync state) or nothing but
 * the error. A malformed answer or a failed page leaves earlier data exactly as it was.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import type { ProviderProfile } from '../../../shared/providers/index.js';
import type { Db } from '../ledger/open-database.js';
import { explainFailure } from './explain-failure.js';
import { replaceBalances } from './balances-repo.js';
import { PollError, type PollErrorKind } from './poll-error.js';
import type { PolledProvider, PollResult } from './poll-types.js';
import { pollWindowStart } from './poll-window.js';
import { POLLERS } from './pollers.js';
import { replaceBuckets } from './report-store.js';
import { replaceCostLines } from '../reconcile/cost-lines.js';
import { describeStored, summarize, type StoredSummary } from './stored-summary.js';
import { readSyncState, recordAttempt, recordFailure, recordSuccess } from './sync-state.js';
import { errorMessage } from '../../../shared/error-message.js';

/** Anthropic asks for at most one poll a minute; every provider gets the same courtesy. */
export const MIN_POLL_INTERVAL_MS = 60_000;

export interface PollDeps {
  db: Db;
  /** The stored key (null when none); may throw when a stored key cannot be read. */
  getKey(provider: string, kind: KeyKind): string | null;
  /** The profile of a provider with reports and where they are read (null: the provider cannot be polled). */
  resolve(provider: PolledProvider): { profile: ProviderProfile; baseUrl: URL } | null;
  fetch: typeof fetch;
  now(): number;
  sleep(ms: number): Promise<void>;
  signal?: AbortSignal;
}

export type PollOutcome =
  | { provider: PolledProvider; status: 'stored'; at: number; stored: StoredSummary; message: string }
  | { provider: PolledProvider; status: 'failed'; at: number; kind: PollErrorKind | 'internal'; message: string; retryAt: number | null }
  | { provider: PolledProvider; status: 'skipped'; message: string; nextAllowedAt: number }
  | { provider: PolledProvider; status: 'no-key'; message: string }
  | { provider: PolledProvider; status: 'aborted'; message: string };

/** The key a provider's poller would use and its kind (the profile's reports say which), or null when none is stored. */
function keyFor(deps: Pick<PollDeps, 'getKey'>, profile: ProviderProfile): { key: string; kind: KeyKind } | null {
  if (!profile.reports) return null;
  for (const kind of [profile.reports.keyKind, profile.reports.fallbackKind]) {
    if (kind === null) continue;
    const key = deps.getKey(profile.id, kind);
    if (key) return { key, kind };
  }
  return null;
}

export async function pollProvider(deps: PollDeps, provider: PolledProvider): Promise<PollOutcome> {
  const resolved = deps.resolve(provider);
  const poller = POLLERS.get(provider);
  if (!resolved || !poller || !resolved.profile.reports) return { provider, status: 'no-key', message: `Tokentally cannot read ${provider}'s own reports` };
  const { profile } = resolved;
  const reports = resolved.profile.reports;
  const now = deps.now();
  const state = readSyncState(deps.db, provider);
  if (state?.lastAttemptAt != null && now >= state.lastAttemptAt && now - state.lastAttemptAt < MIN_POLL_INTERVAL_MS) {
    const nextAllowedAt = state.lastAttemptAt + MIN_POLL_INTERVAL_MS;
    const seconds = Math.ceil((nextAllowedAt - now) / 1000);
    return { provider, status: 'skipped', nextAllowedAt, message: `polled less than a minute ago (at most once a minute); next chance in ${seconds} s` };
  }

  let chosen: { key: string; kind: KeyKind } | null;
  try {
    chosen = keyFor(deps, profile);
  } catch (err) {
    // A key sealed under another master key: say so (the message never contains the key).
    const message = errorMessage(err);
    recordFailure(deps.db, provider, now, message);
    return { provider, status: 'failed', at: now, kind: 'no-key', message, retryAt: null };
  }
  if (!chosen) {
    return { provider, status: 'no-key', message: explainFailure(profile, new PollError('no-key', noKeyText(profile)), null, reports.keyKind) };
  }

  recordAttempt(deps.db, provider, now);
  let result: PollResult;
  try {
    result = await poller.poll({
      baseUrl: resolved.baseUrl,
      key: (kind) => (kind === chosen.kind ? chosen.key : safeKey(deps, provider, kind)),
      fetch: deps.fetch,
      now: deps.now,
      sleep: deps.sleep,
      signal: deps.signal,
      since: pollWindowStart(state?.lastSuccessAt ?? null, now),
    });
  } catch (err) {
    if (deps.signal?.aborted) return { provider, status: 'aborted', message: 'polling stopped' };
    const failure = err instanceof PollError ? err : null;
    const message = failure ? explainFailure(profile, failure, chosen.key, chosen.kind) : `unexpected error: ${errorMessage(err)}`;
    recordFailure(deps.db, provider, deps.now(), message);
    return { provider, status: 'failed', at: now, kind: failure?.kind ?? 'internal', message, retryAt: failure?.retryAt ?? null };
  }
  // Stopped while the answer was read: the ledger may be closing.
  if (deps.signal?.aborted) return { provider, status: 'aborted', message: 'polling stopped' };

  const fetchedAt = deps.now();
  const stored = summarize(result);
  const message = describeStored(stored);
  deps.db.transaction(() => {
    replaceBuckets(deps.db, provider, result.buckets, result.rows, fetchedAt);
    if (result.costLines) {
      const costStarts = result.buckets.filter((b) => b.kind === 'cost').map((b) => b.bucketStart);
      replaceCostLines(deps.db, provider, costStarts, result.costLines, fetchedAt);
    }
    if (result.balances) replaceBalances(deps.db, provider, result.balances, fetchedAt);
    recordSuccess(deps.db, provider, fetchedAt, message);
  })();
  return { provider, status: 'stored', at: fetchedAt, stored, message };
}

function safeKey(deps: PollDeps, provider: string, kind: KeyKind): string | null {
  try {
    return deps.getKey(provider, kind);
  } catch {
    return null;
  }
}

function noKeyText(profile: ProviderProfile): string {
  return profile.reports?.keyKind === 'admin' ? `no ${profile.label} ${profile.adminKey?.label ?? 'Admin key'} is stored` : `no ${profile.label} key is stored`;
}
