import type { Settings } from '../../../shared/api/contract.js';
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import type { NewUsageRecord } from '../../../shared/usage.js';
import type { BudgetGate } from './budget-gate.js';
import type { ProxyGuard } from '../guard/proxy-guard.js';
import type { PriceFn } from './call-record.js';
import type { StoredBodies } from './stored-bodies.js';
import type { ResolvedProviders } from './upstreams.js';

/** Everything the proxy handler needs from the rest of the core; tests pass fakes. */
export interface ProxyDeps {
  /** The provider registry and upstream URLs in force (resolveProviders), read on every call: keep it cached. */
  providers(): ResolvedProviders;
  /** The stored API key for a provider, or null. Never logged. */
  getKey(provider: string): string | null;
  /**
   * Queue a finished call for the ledger (the batched writer): must not block. Returns the call's
   * number at the writer, which the hard-cap gate needs to know when the ledger holds it.
   */
  record(rec: NewUsageRecord): number;
  /** priceUsage from shared/pricing. */
  price: PriceFn;
  gate: BudgetGate;
  /**
   * The runaway-loop guard, asked before the gate about every spending call and told each recorded
   * call's cost: in memory, O(1) a call (absent: no guard, as in tests of other parts).
   */
  guard?: ProxyGuard;
  /** Wall clock, epoch ms (record times). Durations use the monotonic clock. */
  now(): number;
  log(line: string): void;
  /** Read on every call: proxyCors, storeBodiesForTags, priceOverrides. Keep it cached. */
  settings(): Settings;
  /** Save the capped bodies of a call whose tag is in storeBodiesForTags (createBodyStore). */
  storeBodies?(bodies: StoredBodies): void;
  /**
   * Plan-window figures a response carried (anthropic-ratelimit-unified-*), parsed off the
   * response path: must only queue (the core's window recorder), never write.
   */
  windowSnapshot?(snapshot: WindowSnapshot): void;
  /** Connect timeout (default 10 s) and silence allowed on an open call (default 10 min). */
  timeouts?: { connectMs?: number; idleMs?: number };
}
