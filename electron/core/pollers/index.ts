/** Polling the providers' own usage, cost and balance reports (issue 6). */
export { createPollScheduler, resolvePolled, ACTIVE_INTERVAL_MS, IDLE_INTERVAL_MS, type PollScheduler, type Timers } from './scheduler.js';
export { pollProvider, type PollDeps, type PollOutcome } from './poll-provider.js';
export { keyStoreAccess } from './key-access.js';
export { POLLERS } from './pollers.js';
export { listBalances } from './balances-repo.js';
export { formatAmount } from './stored-summary.js';
