/**
 * The app's API over a data folder's ledger, for a process that answers questions beside the app
 * (`tokentally mcp`): the same service (createService) with the same handlers, so every figure is
 * the one the glance, the dashboard and the CLI show. It reads the ledger file directly: the app
 * need not be running, and beside it this is one more reader of a WAL database (reads never wait
 * for its writes). Read-only: the connection refuses writes (PRAGMA query_only), stored keys cannot
 * be decrypted here (no cipher), and no proxy runs in this process (its status says so).
 */
import path from 'node:path';
import type { ProxyStatus, TokentallyApi } from '../../../shared/api/contract.js';
import { BUILT_IN_PROFILES } from '../../../shared/providers/index.js';
import type { AdvisorPasses } from '../advisor/advisor-thread.js';
import { DATABASE_FILE, openDatabase, type Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { resolveProviders } from '../proxy/upstreams.js';
import { KeyStore } from '../secrets/key-store.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import type { ServiceContext } from '../service/context.js';
import { createService } from '../service/create-service.js';
import { warmGlance } from '../service/summary-handler.js';

export interface LedgerApi {
  api: TokentallyApi;
  db: Db;
  close(): void;
}

const NO_PROXY: ProxyStatus = { listening: false, url: null, port: null, error: 'this process reads the ledger; it runs no proxy' };

/** Keys stay sealed: nothing here needs them, and a read-only reader must not be able to read them. */
const NO_CIPHER: SecretCipher = {
  backend: 'keyfile',
  status: () => ({ backend: 'keyfile', available: false, warning: 'keys are not readable in a read-only reader of the ledger' }),
  encrypt: () => {
    throw new Error('keys cannot be stored from a read-only reader of the ledger');
  },
  decrypt: () => {
    throw new Error('keys cannot be read from a read-only reader of the ledger');
  },
};

/** Open the ledger in dataDir (it must exist) and the app's API over it, read-only. */
export function openLedgerApi(dataDir: string, options: { env?: NodeJS.ProcessEnv; now?: () => number; advisor?: AdvisorPasses } = {}): LedgerApi {
  const db = openDatabase(dataDir);
  // After openDatabase (which may bring an older schema up to date, as any tokentally command does).
  db.pragma('query_only = ON');
  const env = options.env ?? process.env;
  const service: ServiceContext = {
    db,
    keyStore: new KeyStore(db, NO_CIPHER),
    now: options.now ?? Date.now,
    emit: () => {},
    proxyStatus: () => NO_PROXY,
    dataDir,
    databasePath: path.join(dataDir, DATABASE_FILE),
    mode: 'headless',
    providers: () => resolveProviders(readSettings(db).settings, env, () => {}, BUILT_IN_PROFILES),
    // The MCP server makes the advisor's passes in its own process; the ledger bench gives the thread the app uses.
    advisor: options.advisor,
  };
  const api = createService(service);
  // As the app's engine does at its start: the first question about spend is answered warm.
  warmGlance(service, () => {});
  return { api, db, close: () => db.close() };
}
