import type { ApiEvent, AppStatus, ProxyStatus } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import type { PollScheduler } from '../pollers/scheduler.js';
import type { ResolvedProviders } from '../proxy/upstreams.js';
import type { KeyStore } from '../secrets/key-store.js';
import type { TranscriptImporter } from '../sources/claude-code/importer.js';

/** What the API's handlers share: the ledger, the key store, the clock and the event bus. */
export interface ServiceContext {
  db: Db;
  keyStore: KeyStore;
  now(): number;
  emit(event: ApiEvent): void;
  proxyStatus(): ProxyStatus;
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
}
