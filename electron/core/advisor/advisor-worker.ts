/**
 * The advisor's thread (started by advisor-thread.ts): its own read-only connection to the ledger,
 * on which the month's calls are read and the rules run, so the engine's thread (every API read)
 * never waits for a pass. Dismissals are applied again by the engine (withDismissals).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { adoptPriceData } from '../../../shared/pricing/price-data.js';
import { ProviderRegistry } from '../../../shared/providers/index.js';
import { loadProviderProfiles } from '../engine/provider-modules.js';
import { createRpc } from '../threads/rpc.js';
import { advisorReport } from './advisor-report.js';
import type { AdvisorPass, AdvisorThreadInput } from './advisor-thread.js';

const input = workerData as AdvisorThreadInput;
const db = new Database(input.databasePath, { readonly: true, fileMustExist: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
const profiles = await loadProviderProfiles(input.providerModules);

const rpc = createRpc(parentPort!, {
  report(pass: AdvisorPass) {
    // The price list the engine has in force (it may have downloaded a newer one since).
    adoptPriceData(pass.priceData);
    const registry = new ProviderRegistry(profiles, pass.customProviders.map((name) => ({ name })));
    return advisorReport(db, pass.now, { includeDismissed: true, registry });
  },
  close() {
    db.close();
  },
});
rpc.push('ready', null);
