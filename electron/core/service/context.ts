import type { ApiEvent, AppStatus, KeyInfo, KeyKind, KeyStoreStatus, LedgerHealth, ProxyStatus, SetKeyArgs } from '../../../shared/api/contract.js';
import type { AdvisorPasses } from '../advisor/advisor-thread.js';
import type { Db } from '../ledger/open-database.js';
import type { PollScheduler } from '../pollers/scheduler.js';
import type { ResolvedProviders } from '../proxy/upstreams.js';
import type { TranscriptImporter } from '../sources/claude-code/importer.js';
import type { SyncScheduler } from '../sync/sync-scheduler.js';

/** What the API's handlers share: the ledger, the key store, the clock and the event bus. */
export interface ServiceContext {
  db: Db;
  keyStore: ServiceKeys;
  now(): number;
  emit(event: ApiEvent): void;
  proxyStatus(): ProxyStatus;
  /** Whether finished calls reach the ledger (the writer thread's report); ok when not given. */
  ledgerHealth?(): LedgerHealth;
  dataDir: string;
  databasePath: string;
  mode: AppStatus['mode'];
  /** The provider registry and upstreams in force (from the settings and the environment). */
  providers(): ResolvedProviders;
  /** The Claude Code transcript import (absent: not running in this process). */
  transcriptImport?: TranscriptImporter;
  /** The provider report pollers (absent: a poller that only polls on demand is made). */
  pollers?: PollScheduler;
  /** Where the price library publishes its list (TOKENTALLY_PRICE_DATA_URL may point elsewhere). */
  priceDataUrl?: string;
  /** Sync passes (absent: sync runs in no process here; status is read from the ledger alone). */
  sync?: SyncScheduler;
  /** The advisor's passes off this thread (absent: made here, as a one-off process like the MCP server does). */
  advisor?: AdvisorPasses;
}

/**
 * The key store as the API's handlers use it. The KeyStore itself fits; the engine thread has one
 * that reads the list from the ledger and asks the thread holding the cipher to store or remove
 * (the OS keychain is only reachable from Electron's main thread).
 */
export interface ServiceKeys {
  status(): KeyStoreStatus;
  /** check: also say, per key, why it cannot be read back (KeyInfo.problem). */
  list(options?: { check?: boolean }): KeyInfo[];
  /** The key itself: for the pollers and the key test, never sent to the renderer. */
  get(provider: string, kind: KeyKind): string | null;
  set(args: SetKeyArgs): KeyInfo | Promise<KeyInfo>;
  remove(provider: string, kind: KeyKind): boolean | Promise<boolean>;
}
