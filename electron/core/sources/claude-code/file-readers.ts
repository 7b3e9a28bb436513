/**
 * Reading the files of a pass, handing the results over in file order. A large pass (the first
 * import, a long catch-up) has worker threads read and parse the files, so that parsing overlaps
 * writing the ledger on the caller's thread. The workers claim files in order from a shared
 * counter and run ahead. The running app has one worker and the caller reads too: it reads a file
 * itself when no worker has claimed it yet (while the worker starts up, or when writing is faster
 * than parsing), and when the file it needs next is being read, it claims and reads the next file
 * nobody has claimed (kept until its turn), so a history of a few large files is read by both
 * threads too. A one-off import (the CLI) has two workers, one per core, and the caller only
 * writes: while it waits it is told (onWait), so it writes what it has instead of sitting idle.
 * Should a worker fail to start or die, the caller reads what it had claimed. Small passes (a new
 * reply) are read in the caller's thread only.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import { priceDataSnapshot } from '../../../../shared/pricing/price-data.js';
import { workerScript } from '../../threads/worker-script.js';
import type { WorkerInput, WorkerPost } from './parse-worker.js';
import { unpackRows } from './packed-rows.js';
import { readFileMessages, type FileRead, type ReadJob } from './read-file-messages.js';

/** How long one blocking wait for the workers lasts before the event loop gets a turn (to hear of a death). */
const WAIT_SLICE_MS = 50;

export interface ReadStats {
  /** Files the worker threads read. */
  threaded: number;
}

export interface ReadPlan {
  /** Price overrides the rows are priced with (the price list is the one in force in the caller's thread). */
  overrides: readonly PriceOverride[];
  /** Worker threads reading beside the caller (0: the caller reads every file). */
  workers: number;
  /** The caller reads files too rather than wait (default true); false: it only waits, and writes meanwhile. */
  callerReads?: boolean;
  /** Told each time the caller is about to wait for a worker's result. */
  onWait?: () => void;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  dead: boolean;
}

interface Helpers {
  list: Helper[];
  /** [0]: the next job nobody has claimed. */
  next: Int32Array;
  /** [0]: results posted so far (the caller waits on it). */
  posted: Int32Array;
  /** [w]: the job worker w is claiming or reading (-1: none). */
  current: Int32Array;
}

function startHelpers(jobs: readonly ReadJob[], count: number, overrides: readonly PriceOverride[]): Helpers | null {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const posted = new Int32Array(new SharedArrayBuffer(4));
  const current = new Int32Array(new SharedArrayBuffer(4 * count)).fill(-1);
  const list: Helper[] = [];
  const priceData = priceDataSnapshot();
  for (let slot = 0; slot < count; slot++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { jobs: [...jobs], next, posted, current, slot, port: port2, overrides: [...overrides], priceData };
      const worker = new Worker(workerScript(import.meta.url, './parse-worker'), { workerData: input, transferList: [port2] });
      const helper: Helper = { worker, port: port1, dead: false };
      const die = () => {
        helper.dead = true;
      };
      worker.on('error', die);
      worker.on('exit', die);
      list.push(helper);
    } catch {
      // Fewer workers (or none): the caller reads what they would have.
    }
  }
  return list.length > 0 ? { list, next, posted, current } : null;
}

/**
 * Block until a worker posts another result (true), or a slice of time passed (false: the
 * caller lets the event loop run, so a dead worker's exit is heard).
 */
function waitForPost(helpers: Helpers, seen: number): boolean {
  try {
    return Atomics.wait(helpers.posted, 0, seen, WAIT_SLICE_MS) !== 'timed-out';
  } catch {
    // A thread that may not block (not the case in Node or Electron's main process): poll instead.
    return false;
  }
}

/** Whether a live worker holds job i (claimed and not yet posted). */
function heldByLiveWorker(helpers: Helpers, i: number): boolean {
  return helpers.list.some((h, slot) => !h.dead && Atomics.load(helpers.current, slot) === i);
}

/** Each job's result, in job order. */
export async function* readInOrder(jobs: readonly ReadJob[], plan: ReadPlan, stats: ReadStats = { threaded: 0 }): AsyncGenerator<FileRead> {
  const helpers = plan.workers > 0 && jobs.length > 1 ? startHelpers(jobs, plan.workers, plan.overrides) : null;
  const callerReads = plan.callerReads ?? true;
  const fromWorker = new Map<number, FileRead>();
  const drain = () => {
    if (!helpers) return;
    for (const helper of helpers.list) {
      for (let m = receiveMessageOnPort(helper.port); m; m = receiveMessageOnPort(helper.port)) {
        const { index, result, packed } = m.message as WorkerPost;
        fromWorker.set(index, packed ? { ...result, rows: unpackRows(packed) } : result);
        stats.threaded++;
      }
    }
  };
  // Files this thread read ahead while a worker had the one it needed.
  const readAhead = new Map<number, FileRead>();
  try {
    for (let i = 0; i < jobs.length; i++) {
      const ahead = readAhead.get(i);
      if (ahead) {
        readAhead.delete(i);
        yield ahead;
        continue;
      }
      for (;;) {
        const everyWorkerDead = !helpers || helpers.list.every((h) => h.dead);
        // Unclaimed (the counter still points at it): read it here rather than wait, if this thread reads.
        if ((callerReads || everyWorkerDead) && (!helpers || Atomics.compareExchange(helpers.next, 0, i, i + 1) === i)) {
          yield readFileMessages(jobs[i]!, plan.overrides);
          break;
        }
        const seen = Atomics.load(helpers!.posted, 0);
        drain();
        const done = fromWorker.get(i);
        if (done) {
          fromWorker.delete(i);
          yield done;
          break;
        }
        // Claimed by a worker that died before posting it: read it here.
        if (Atomics.load(helpers!.next, 0) > i && !heldByLiveWorker(helpers!, i)) {
          drain();
          const late = fromWorker.get(i);
          fromWorker.delete(i);
          yield late ?? readFileMessages(jobs[i]!, plan.overrides);
          break;
        }
        if (callerReads) {
          // Rather than wait, read the next file nobody has claimed (the counter only grows: each is claimed once).
          const next = Atomics.add(helpers!.next, 0, 1);
          if (next < jobs.length) {
            readAhead.set(next, readFileMessages(jobs[next]!, plan.overrides));
            continue;
          }
        }
        plan.onWait?.();
        if (!waitForPost(helpers!, seen)) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  } finally {
    if (helpers) {
      for (const helper of helpers.list) helper.port.close();
      await Promise.all(helpers.list.map((h) => h.worker.terminate()));
    }
  }
}
