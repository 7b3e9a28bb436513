/**
 * The engine's side of the advisor's thread (advisor-worker.ts): a pass over a month of calls takes
 * seconds on a large ledger, so it runs there, one at a time. The thread starts with the first pass
 * and again after a failure.
 */
import { Worker } from 'node:worker_threads';
import type { AdvisorReport } from '../../../shared/api/contract-advisor.js';
import { priceDataSnapshot, type PriceDataSnapshot } from '../../../shared/pricing/price-data.js';
import type { ProviderRegistry } from '../../../shared/providers/index.js';
import { createRpc, type Rpc } from '../threads/rpc.js';
import { workerScript } from '../threads/worker-script.js';

export interface AdvisorThreadInput {
  databasePath: string;
  nativeBinding?: string;
  /** The provider profile modules the engine loaded (profiles hold functions: each thread loads its own). */
  providerModules?: string[];
}

/** One pass's arguments, as plain data. */
export interface AdvisorPass {
  now: number;
  /** The registry's providers that are not built-in profiles (custom ones, routes an environment variable names). */
  customProviders: string[];
  priceData: PriceDataSnapshot;
}

/** Advisor passes off the caller's thread. */
export interface AdvisorPasses {
  /** The report at `now`, dismissed findings included (marked as the ledger had them). */
  report(now: number, registry: ProviderRegistry): Promise<AdvisorReport>;
  close(): Promise<void>;
}

export function advisorThread(input: AdvisorThreadInput): AdvisorPasses {
  let thread: Promise<{ worker: Worker; rpc: Rpc }> | null = null;
  let closed = false;

  const start = () =>
    new Promise<{ worker: Worker; rpc: Rpc }>((resolve, reject) => {
      const worker = new Worker(workerScript(import.meta.url, './advisor-worker'), { workerData: input });
      const rpc = createRpc(worker);
      rpc.onPush('ready', () => resolve({ worker, rpc }));
      worker.on('error', reject); // after the start: the pass waiting fails on the exit that follows
      worker.on('exit', (code) => {
        thread = null; // the next pass starts a new one
        rpc.failPending(`the advisor's thread stopped (exit code ${code})`);
        reject(new Error(`the advisor's thread stopped while starting (exit code ${code})`));
      });
    });

  return {
    async report(now, registry) {
      if (closed) throw new Error("the advisor's thread is closed");
      thread ??= start();
      const { rpc } = await thread;
      const customProviders = registry.ids().filter((id) => !registry.isBuiltIn(id));
      return rpc.call<AdvisorReport>('report', { now, customProviders, priceData: priceDataSnapshot() } satisfies AdvisorPass);
    },
    async close() {
      closed = true;
      const t = await thread?.catch(() => null);
      if (!t) return;
      await t.rpc.call('close').catch(() => {});
      await t.worker.terminate();
    },
  };
}
