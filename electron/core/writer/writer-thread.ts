/**
 * The proxy's side of the writer thread: a finished call is numbered and posted there (batched
 * per turn of the event loop); commits, the recovery file and the ledger's health come back as
 * messages. Nothing here touches the database.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LedgerHealth } from '../../../shared/api/contract.js';
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import type { NewUsageRecord } from '../../../shared/usage.js';
import type { StoredBodies } from '../proxy/stored-bodies.js';
import { createRpc } from '../threads/rpc.js';
import { workerScript } from '../threads/worker-script.js';
import type { WriterEvents } from './writer-service.js';

export interface WriterThreadInput {
  dataDir: string;
  nativeBinding?: string;
  run: string;
  flushIntervalMs: number;
}

export interface WriterThreadOptions extends WriterEvents {
  dataDir: string;
  nativeBinding?: string;
  /** How often the writer commits what it holds (default 10 ms): the window a kill -9 can lose. */
  flushIntervalMs?: number;
}

export interface WriterThread {
  /** This start's id (calls are numbered per run). */
  readonly run: string;
  /** Queue a finished call; returns its number. Never throws, never blocks. */
  record(rec: NewUsageRecord): number;
  window(snapshot: WindowSnapshot): void;
  bodies(bodies: StoredBodies): void;
  health(): LedgerHealth;
  /** Resolves when every call recorded so far is committed (or kept aside). */
  flush(): Promise<void>;
  /** Write everything (or keep it in the recovery file) and stop; resolves with how many calls were lost. */
  close(): Promise<number>;
}

/**
 * The writer thread commits almost at once (group commit: what arrives while a commit runs goes in
 * the next). It has a thread of its own, so a commit holds up nothing else; waiting longer only
 * widens what a kill -9 can lose.
 */
const DEFAULT_WRITER_FLUSH_MS = 2;
const CLOSE_TIMEOUT_MS = 15_000;

export async function startWriterThread(o: WriterThreadOptions): Promise<WriterThread> {
  const run = randomUUID();
  const input: WriterThreadInput = { dataDir: o.dataDir, nativeBinding: o.nativeBinding, run, flushIntervalMs: o.flushIntervalMs ?? DEFAULT_WRITER_FLUSH_MS };
  const worker = new Worker(workerScript(import.meta.url, './writer-worker'), { workerData: input });
  const rpc = createRpc(worker);
  let health: LedgerHealth = { state: 'ok', message: null, since: null, kept: 0, lost: 0, recoveredAtStart: 0 };
  let seq = 0;
  let outbox: { rec: NewUsageRecord; seq: number }[] = [];
  let posting: NodeJS.Immediate | null = null;
  let exited = false;
  let lostToExit = 0;

  rpc.onPush('written', (w: { count: number; seq: number | null }) => o.onWritten(w.count, w.seq));
  rpc.onPush('windows', () => o.onWindowsStored());
  rpc.onPush('health', (h: LedgerHealth) => {
    health = { ...h, lost: h.lost + lostToExit };
    o.onHealth(health);
  });
  rpc.onPush('spilled', (seqs: number[]) => o.onSpilled(seqs));
  rpc.onPush('recovered', () => o.onRecovered());
  rpc.onPush('log', (line: string) => o.log(line));

  const ready = new Promise<LedgerHealth>((resolve, reject) => {
    rpc.onPush('ready', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ledger writer stopped at start (exit code ${code})`)));
  });
  worker.on('error', (err) => o.log(`the ledger writer failed: ${err.message}`));
  worker.on('exit', () => {
    exited = true;
    rpc.failPending('the ledger writer stopped');
  });
  health = await ready;
  o.onHealth(health);

  const post = () => {
    posting = null;
    if (outbox.length === 0) return;
    if (exited) {
      // Nowhere to write: say so, never pretend.
      lostToExit += outbox.length;
      health = { ...health, state: 'failing', lost: health.lost + outbox.length, message: 'ledger cannot be written: the writer thread stopped' };
      o.onHealth(health);
      outbox = [];
      return;
    }
    rpc.push('calls', outbox);
    outbox = [];
  };

  return {
    run,
    record(rec) {
      seq++;
      outbox.push({ rec, seq });
      // One message per turn of the event loop, after the responses of this turn are out.
      posting ??= setImmediate(post);
      return seq;
    },
    window(snapshot) {
      if (!exited) rpc.push('window', snapshot);
    },
    bodies(b) {
      if (!exited) rpc.push('bodies', b);
    },
    health: () => health,
    async flush() {
      if (posting) clearImmediate(posting);
      post();
      if (!exited) await rpc.call('flush').catch(() => {});
    },
    async close() {
      if (posting) clearImmediate(posting);
      post();
      if (exited) return health.lost;
      const timeout = new Promise<{ lost: number }>((resolve) => setTimeout(() => resolve({ lost: -1 }), CLOSE_TIMEOUT_MS).unref());
      const result = await Promise.race([rpc.call<{ lost: number; health: LedgerHealth }>('close'), timeout]).catch(() => ({ lost: -1 }));
      await worker.terminate();
      return result.lost < 0 ? -1 : result.lost + lostToExit;
    },
  };
}
