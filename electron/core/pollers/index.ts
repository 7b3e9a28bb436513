/** Polling the providers' own usage, cost and balance reports (issue 6). */
export { createPollScheduler, ACTIVE_INTERVAL_MS, IDLE_INTERVAL_MS, type KeyAccess, type PollScheduler, type PollSchedulerOptions, type Timers } from './scheduler.js';
export { pollProvider, MIN_POLL_INTERVAL_MS, type PollDeps, type PollOutcome } from './poll-provider.js';
export { testKey, type KeyTestDeps } from './key-test.js';
export { keyStoreAccess } from './key-access.js';
export { pollerBaseUrl, DEEPSEEK_DEFAULT_URL } from './base-url.js';
export { listBalances } from './balances-repo.js';
export { POLLED_PROVIDERS, isPolledProvider, type PolledProvider } from './poll-types.js';
export { formatAmount, type StoredSummary } from './stored-summary.js';
export { PROVIDER_NAMES } from './explain-failure.js';
