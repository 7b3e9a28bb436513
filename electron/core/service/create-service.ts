import type { TokentallyApi } from '../../../shared/api/contract.js';
import { budgetHandlers } from './budget-handlers.js';
import type { ServiceContext } from './context.js';
import { keyHandlers } from './key-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { statusHandlers } from './status-handlers.js';
import { summaryHandler } from './summary-handler.js';
import { usageHandlers } from './usage-handlers.js';
import { pacingHandlers } from './pacing-handlers.js';
import { providerHandlers } from './provider-handlers.js';
import { subscriptionHandlers } from './subscription-handlers.js';
import { windowsHandlers } from './windows-handlers.js';
import { priceDataHandlers } from './price-data-handlers.js';
import { advisorHandlers } from './advisor-handlers.js';
import { guardHandlers } from './guard-handlers.js';
import { syncHandlers } from './sync-handlers.js';
import { sessionsHandlers } from './sessions-handlers.js';

/**
 * The one implementation of the contract: one handler map per feature, merged. The annotation
 * makes a method missing from every map a compile error; a name implemented twice is refused.
 */
export function createService(ctx: ServiceContext): TokentallyApi {
  const parts = [
    statusHandlers(ctx),
    summaryHandler(ctx),
    usageHandlers(ctx),
    settingsHandlers(ctx),
    budgetHandlers(ctx),
    keyHandlers(ctx),
    pacingHandlers(ctx),
    subscriptionHandlers(ctx),
    providerHandlers(ctx),
    windowsHandlers(ctx),
    priceDataHandlers(ctx),
    advisorHandlers(ctx),
    guardHandlers(ctx),
    syncHandlers(ctx),
    sessionsHandlers(ctx),
  ] as const;
  refuseDuplicates(parts);
  const [status, summary, usage, settings, budgets, keys, pacing, subscriptions, providers, windows, prices, advisor, guard, sync, sessions] = parts;
  const api: TokentallyApi = { ...status, ...summary, ...usage, ...settings, ...budgets, ...keys, ...pacing, ...subscriptions, ...providers, ...windows, ...prices, ...advisor, ...guard, ...sync, ...sessions };
  return api;
}

function refuseDuplicates(parts: readonly object[]): void {
  const seen = new Set<string>();
  for (const name of parts.flatMap((p) => Object.keys(p))) {
    if (seen.has(name)) throw new Error(`API method "${name}" is implemented twice`);
    seen.add(name);
  }
}
