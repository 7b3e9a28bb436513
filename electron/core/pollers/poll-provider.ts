/**
 * One poll of one provider, start to finish: the once-a-minute rule, the key, the request(s), and
 * then either everything stored in one transaction (rows, balances, sync state) or nothing but
 * the error. A malformed answer or a failed page leaves earlier data exactly as it was.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import { explainFailure, PROVIDER_NAMES } from './explain-failure.js';
import { replaceBalances } from './balances-repo.js';
import { PollError, type PollErrorKind } from './poll-error.js';
import type { PolledProvider, Poller, PollResult } from './poll-types.js';
import { pollWindowStart } from './poll-window.js';
import { POLLERS } from './pollers.js';
import { replaceBuckets } from './report-store.js';
import { describeStored, summarize, type StoredSummary } from './stored-summary.js';
import { readSyncState, recordAttempt, recordFailure, recordSuccess } from './sync-state.js';

/** Anthropic asks for at most one poll a minute; every provider gets the same courtesy. */
export const MIN_POLL_INTERVAL_MS = 60_000;

export interface PollDeps {
  db: Db;
  /** The stored key (null when none); may throw when a stored key cannot be read. */
  getKey(provider: string, kind: KeyKind): string | null;
  baseUrl(provider: PolledProvider): URL;
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

/** The key a poller would use and its kind, or null when none is stored. */
export function keyFor(deps: Pick<PollDeps, 'getKey'>, poller: Poller): { key: string; kind: KeyKind } | null {
  for (const kind of [poller.keyKind, poller.fallbackKind]) {
    if (kind === null) continue;
    const key = deps.getKey(poller.provider, kind);
    if (key) return { key, kind };
  }
  return null;
}

export async function pollProvider(deps: PollDeps, provider: PolledProvider): Promise<PollOutcome> {
  const poller = POLLERS[provider];
  const now = deps.now();
  const state = readSyncState(deps.db, provider);
  if (state?.lastAttemptAt != null && now >= state.lastAttemptAt && now - state.lastAttemptAt < MIN_POLL_INTERVAL_MS) {
    const nextAllowedAt = state.lastAttemptAt + MIN_POLL_INTERVAL_MS;
    const seconds = Math.ceil((nextAllowedAt - now) / 1000);
    return { provider, status: 'skipped', nextAllowedAt, message: `polled less than a minute ago (at most once a minute); next chance in ${seconds} s` };
  }

  let chosen: { key: string; kind: KeyKind } | null;
  try {
    chosen = keyFor(deps, poller);
  } catch (err) {
    // A key sealed under another master key: say so (the message never contains the key).
    const message = (err as Error).message;
    recordFailure(deps.db, provider, now, message);
    return { provider, status: 'failed', at: now, kind: 'no-key', message, retryAt: null };
  }
  if (!chosen) {
    return { provider, status: 'no-key', message: explainFailure(provider, new PollError('no-key', noKeyText(poller)), null, poller.keyKind) };
  }

  recordAttempt(deps.db, provider, now);
  let result: PollResult;
  try {
    result = await poller.poll({
      baseUrl: deps.baseUrl(provider),
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
    const message = failure ? explainFailure(provider, failure, chosen.key, chosen.kind) : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
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

function noKeyText(poller: Poller): string {
  const name = PROVIDER_NAMES[poller.provider];
  return poller.keyKind === 'admin' ? `no ${name} Admin key is stored` : `no ${name} key is stored`;
}
