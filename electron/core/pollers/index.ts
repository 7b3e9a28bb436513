/** Polling the providers' own usage, cost and balance reports (issue 6). */
export { createPollScheduler, resolvePolled, ACTIVE_INTERVAL_MS, IDLE_INTERVAL_MS, type KeyAccess, type PollScheduler, type PollSchedulerOptions, type Timers } from './scheduler.js';
export { pollProvider, MIN_POLL_INTERVAL_MS, type PollDeps, type PollOutcome } from './poll-provider.js';
export { testKey, type KeyTestDeps } from './key-test.js';
export { keyStoreAccess } from './key-access.js';
export { pollerBaseUrl } from './base-url.js';
export { POLLERS } from './pollers.js';
export { listBalances } from './balances-repo.js';
export type { PolledProvider } from './poll-types.js';
export { formatAmount, type StoredSummary } from './stored-summary.js';
