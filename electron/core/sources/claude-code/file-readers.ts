/**
 * Reading the files of a pass, handing the results over in file order. A large pass (the first
 * import, a long catch-up) has a worker thread read and parse the files, so that parsing overlaps
 * writing the ledger on the caller's thread. The worker claims files in order from a shared
 * counter and runs ahead; the caller reads a file itself when the worker has not claimed it yet
 * (while the worker starts up, or when writing is faster than parsing), so it never waits for the
 * worker to start. When the file it needs next is the one the worker is reading, it does not sit
 * idle either: it claims and reads the next file nobody has claimed (kept until its turn), so a
 * history of a few large files is read by both threads too; it waits only when every file is
 * claimed. Should the worker fail to start or die, the caller reads what it had claimed. Small
 * passes (a new reply) are read in the caller's thread only.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { workerScript } from '../../threads/worker-script.js';
import type { WorkerInput } from './parse-worker.js';
import { readFileMessages, type FileRead, type ReadJob } from './read-file-messages.js';

/** How long one blocking wait for the worker lasts before the event loop gets a turn (to hear of its death). */
const WAIT_SLICE_MS = 50;

export interface ReadStats {
  /** Files the worker thread read. */
  threaded: number;
}

interface Helper {
  worker: Worker;
  port: import('node:worker_threads').MessagePort;
  next: Int32Array;
  posted: Int32Array;
  dead: boolean;
}

function startHelper(jobs: readonly ReadJob[]): Helper | null {
  try {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const posted = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { jobs: [...jobs], next, posted, port: port2 };
    const worker = new Worker(workerScript(import.meta.url, './parse-worker'), { workerData: input, transferList: [port2] });
    const helper: Helper = { worker, port: port1, next, posted, dead: false };
    const die = () => {
      helper.dead = true;
    };
    worker.on('error', die);
    worker.on('exit', die);
    return helper;
  } catch {
    return null;
  }
}

/**
 * Block until the worker posts another result (true), or a slice of time passed (false: the
 * caller lets the event loop run, so a dead worker's exit is heard).
 */
function waitForPost(helper: Helper, seen: number): boolean {
  try {
    return Atomics.wait(helper.posted, 0, seen, WAIT_SLICE_MS) !== 'timed-out';
  } catch {
    // A thread that may not block (not the case in Node or Electron's main process): poll instead.
    return false;
  }
}

/** Each job's result, in job order. */
export async function* readInOrder(jobs: readonly ReadJob[], useWorker: boolean, stats: ReadStats = { threaded: 0 }): AsyncGenerator<FileRead> {
  const helper = useWorker && jobs.length > 1 ? startHelper(jobs) : null;
  const fromWorker = new Map<number, FileRead>();
  const drain = () => {
    if (!helper) return;
    for (let m = receiveMessageOnPort(helper.port); m; m = receiveMessageOnPort(helper.port)) {
      const { index, result } = m.message as { index: number; result: FileRead };
      fromWorker.set(index, result);
      stats.threaded++;
    }
  };
  // Files this thread read ahead while the worker had the one it needed.
  const readAhead = new Map<number, FileRead>();
  try {
    for (let i = 0; i < jobs.length; i++) {
      const ahead = readAhead.get(i);
      if (ahead) {
        readAhead.delete(i);
        yield ahead;
        continue;
      }
      // Unclaimed (the counter still points at it): read it here rather than wait.
      if (!helper || Atomics.compareExchange(helper.next, 0, i, i + 1) === i) {
        yield readFileMessages(jobs[i]!);
        continue;
      }
      // The worker has it: wait, hearing of the worker's death between waits.
      for (;;) {
        drain();
        const done = fromWorker.get(i);
        if (done) {
          fromWorker.delete(i);
          yield done;
          break;
        }
        if (helper.dead) {
          drain();
          const late = fromWorker.get(i);
          fromWorker.delete(i);
          yield late ?? readFileMessages(jobs[i]!);
          break;
        }
        const seen = Atomics.load(helper.posted, 0);
        drain();
        if (fromWorker.has(i)) continue;
        // Rather than wait, read the next file nobody has claimed (the counter only grows: each is claimed once).
        const next = Atomics.add(helper.next, 0, 1);
        if (next < jobs.length) {
          readAhead.set(next, readFileMessages(jobs[next]!));
          continue;
        }
        if (!waitForPost(helper, seen)) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  } finally {
    if (helper) {
      helper.port.close();
      await helper.worker.terminate();
    }
  }
}
