import type { ApiEvent, AppStatus, ProxyStatus } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import type { KeyStore } from '../secrets/key-store.js';

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
}
