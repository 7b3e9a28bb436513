/**
 * When to poll. Every provider with a key is polled every 5 minutes, every minute while a window
 * is open (setActive), never more than once a minute (MIN_POLL_INTERVAL_MS, also across restarts
 * and the CLI: the last attempt is in provider_sync). A failure backs off — doubling from the
 * interval up to an hour, never sooner than the provider's retry-after, an hour after a refused
 * key unless the keys change. Polls run one at a time.
 */
import { ApiError, type KeyKind } from '../../../shared/api/contract.js';
import type { KeyTestResult, ProviderSyncStatus } from '../../../shared/api/contract-providers.js';
import type { Db } from '../ledger/open-database.js';
import type { ResolvedProviders } from '../proxy/upstreams.js';
import { pollerBaseUrl } from './base-url.js';
import { addKeyHint } from './explain-failure.js';
import { testKey } from './key-test.js';
import { MIN_POLL_INTERVAL_MS, pollProvider, type PollDeps, type PollOutcome } from './poll-provider.js';
import type { PolledProvider } from './poll-types.js';
import { POLLERS } from './pollers.js';
import { listSyncStates, readSyncState, recordNextRun, type SyncState } from './sync-state.js';
import { errorMessage } from '../../../shared/error-message.js';

export const IDLE_INTERVAL_MS = 5 * 60_000;
export const ACTIVE_INTERVAL_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;
const REFUSED_KEY_RETRY_MS = 60 * 60_000;
/** The timer is re-armed at least this often (long timeouts drift across sleep / wake). */
const MAX_TIMER_MS = 10 * 60_000;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface KeyAccess {
  /** The key itself (main process only); may throw when it cannot be decrypted. */
  get(provider: string, kind: KeyKind): string | null;
  /** Whether one is stored, without decrypting it. */
  has(provider: string, kind: KeyKind): boolean;
}

export interface PollSchedulerOptions {
  db: Db;
  keys: KeyAccess;
  /** The providers in force (registry and upstream URLs), re-read on every use. */
  providers(): ResolvedProviders;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timers?: Timers;
  /** Something about the sync state changed (emit 'sync-changed'). */
  onChange?: () => void;
  log?: (line: string) => void;
}

export interface PollScheduler {
  /** Begin automatic polling. */
  start(): void;
  /** Stop timers, abort a poll in flight, and wait for it to wind down. */
  stop(): Promise<void>;
  /** A window is open: poll every minute instead of every 5. */
  setActive(active: boolean): void;
  /** Keys were added or removed: re-plan (a provider refused earlier is tried again soon). */
  keysChanged(): void;
  /** Poll now (one provider, or all that have a key), at most once a minute each. */
  pollNow(provider?: string): Promise<PollOutcome[]>;
  /** Poll the providers that are due (what the timer runs; exposed for tests). */
  runDue(): Promise<PollOutcome[]>;
  statuses(): ProviderSyncStatus[];
  /** One cheap request with a key (see key-test.ts). */
  testKey(provider: string, kind: KeyKind, key: string): Promise<KeyTestResult>;
  readonly started: boolean;
}

export function createPollScheduler(options: PollSchedulerOptions): PollScheduler {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? NODE_TIMERS;
  const log = options.log ?? (() => {});
  const aborter = new AbortController();
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, aborter.signal));
  let started = false;
  let stopped = false;
  let active = false;
  let timer: unknown = null;
  let queue: Promise<unknown> = Promise.resolve();

  const deps: PollDeps = {
    db: options.db,
    getKey: (provider, kind) => options.keys.get(provider, kind),
    resolve: (provider) => resolvePolled(options.providers(), provider),
    fetch: options.fetch ?? globalThis.fetch,
    now,
    sleep,
    signal: aborter.signal,
  };

  const interval = () => (active ? ACTIVE_INTERVAL_MS : IDLE_INTERVAL_MS);
  /** Providers whose profile has reports and that have a poller, in the registry's order. */
  const polled = (): PolledProvider[] => options.providers().registry.polled().filter((p) => POLLERS.has(p.id)).map((p) => p.id);
  const isPolled = (p: string) => polled().includes(p);
  const hasKey = (p: PolledProvider) => {
    const reports = options.providers().registry.get(p)?.reports;
    if (!reports) return false;
    return options.keys.has(p, reports.keyKind) || (reports.fallbackKind !== null && options.keys.has(p, reports.fallbackKind));
  };

  /** When a provider should be polled next, from its stored state; null when it has no key. */
  const plan = (p: PolledProvider, state: SyncState | null): number | null => {
    if (!hasKey(p)) return null;
    if (!state || state.lastAttemptAt === null) return now();
    const earliest = state.lastAttemptAt + MIN_POLL_INTERVAL_MS;
    // After a failure next_run_at holds the backoff; cleared (keys changed), as soon as allowed.
    if (state.failures > 0) return Math.max(state.nextRunAt ?? earliest, earliest);
    return Math.max(state.lastAttemptAt + interval(), earliest);
  };

  const backoff = (failures: number) => Math.min(interval() * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);

  const afterFailure = (outcome: Extract<PollOutcome, { status: 'failed' }>): number => {
    const failures = readSyncState(options.db, outcome.provider)?.failures ?? 1;
    if (outcome.kind === 'unauthorized' || outcome.kind === 'forbidden' || outcome.kind === 'no-key') return outcome.at + REFUSED_KEY_RETRY_MS;
    return Math.max(outcome.at + backoff(failures), outcome.retryAt ?? 0);
  };

  const arm = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (!started || stopped) return;
    const states = listSyncStates(options.db);
    let next = Infinity;
    for (const p of polled()) {
      const due = plan(p, states.get(p) ?? null);
      if (due !== null) next = Math.min(next, due);
    }
    if (next === Infinity) return;
    timer = timers.set(() => {
      timer = null;
      void runDue().catch((err: unknown) => log(`provider polling failed: ${errorMessage(err)}`));
    }, Math.min(Math.max(0, next - now()), MAX_TIMER_MS));
  };

  const run = (providers: readonly PolledProvider[], onlyDue: boolean): Promise<PollOutcome[]> => {
    const job = queue.then(async () => {
      const outcomes: PollOutcome[] = [];
      for (const p of providers) {
        if (stopped) break;
        if (onlyDue) {
          const due = plan(p, readSyncState(options.db, p));
          if (due === null || due > now()) continue;
        }
        const outcome = await pollProvider(deps, p);
        if (outcome.status === 'aborted') break;
        outcomes.push(outcome);
        if (outcome.status === 'failed') recordNextRun(options.db, p, afterFailure(outcome));
        else if (outcome.status === 'stored') recordNextRun(options.db, p, started ? outcome.at + interval() : null);
        if (outcome.status !== 'skipped') options.onChange?.();
      }
      return outcomes;
    });
    queue = job.catch(() => {});
    return job.finally(() => arm());
  };

  const runDue = () => run(polled(), true);

  return {
    get started() {
      return started && !stopped;
    },
    start() {
      if (started || stopped) return;
      started = true;
      arm();
    },
    async stop() {
      stopped = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
      aborter.abort();
      await queue;
    },
    setActive(value) {
      if (active === value) return;
      active = value;
      arm();
    },
    keysChanged() {
      // A refused key waits an hour; a new key deserves a try as soon as the minute rule allows.
      for (const [p, state] of listSyncStates(options.db)) {
        if (isPolled(p) && state.failures > 0) recordNextRun(options.db, p, null);
      }
      arm();
      options.onChange?.();
    },
    async pollNow(provider) {
      if (provider !== undefined && !isPolled(provider)) {
        throw new ApiError('bad_request', `Tokentally polls ${polled().join(', ')}; "${provider}" is not one of them`);
      }
      const providers = provider ? [provider] : polled().filter(hasKey);
      return run(providers, false);
    },
    runDue,
    testKey(provider, kind, key) {
      const resolve = (p: string) => {
        const providers = options.providers();
        const profile = providers.registry.get(p);
        const baseUrl = profile ? pollerBaseUrl(profile, providers) : null;
        return profile && baseUrl ? { profile, baseUrl } : null;
      };
      return testKey({ fetch: deps.fetch, now, sleep, resolve }, provider, kind, key);
    },
    statuses() {
      const states = listSyncStates(options.db);
      const registry = options.providers().registry;
      return polled().map((p) => {
        const profile = registry.get(p)!;
        const reports = profile.reports!;
        const state = states.get(p) ?? null;
        const keyed = hasKey(p);
        const due = started && !stopped ? plan(p, state) : null;
        return {
          provider: p,
          reads: reports.reads,
          keyKind: reports.keyKind,
          hasKey: keyed,
          state: !keyed ? 'no-key' : state?.lastError ? 'error' : state?.lastSuccessAt ? 'ok' : 'waiting',
          lastAttemptAt: state?.lastAttemptAt ?? null,
          lastSuccessAt: state?.lastSuccessAt ?? null,
          nextSyncAt: due === null ? null : Math.max(due, now()),
          lastError: state?.lastError ?? null,
          lastStored: state?.lastStored ?? null,
          note: keyed ? null : addKeyHint(profile),
        } satisfies ProviderSyncStatus;
      });
    },
  };
}

/** A provider's profile and where its reports are, when it can be polled. */
export function resolvePolled(providers: ResolvedProviders, provider: string): { profile: NonNullable<ReturnType<ResolvedProviders['registry']['get']>>; baseUrl: URL } | null {
  const profile = providers.registry.get(provider);
  if (!profile?.reports) return null;
  const baseUrl = pollerBaseUrl(profile, providers);
  return baseUrl ? { profile, baseUrl } : null;
}

const NODE_TIMERS: Timers = {
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    // Polling alone must not keep a process (the CLI, a test) alive.
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
