/**
 * Checkpoints on another thread, for a one-off command writing a whole history (tokentally import).
 * Its connection never checkpoints (tuneForOneOffWrites), so the whole WAL used to be copied back
 * into the database file as the command closed the ledger: 0.6 s of a cold import's 4.6 s on the
 * message-dense corpus, most of it waiting for the disk, all of it after the last batch. Here,
 * each time a batch commits, a worker thread with a connection of its own copies the log back
 * (PASSIVE: it never blocks the writer, and SQLite starts the log over once all of it is copied)
 * while the next batch is written; at the end only the last batch is left to copy. Durability is
 * unchanged: a batch is committed to the WAL before it is copied. Should the worker not start or
 * fail, nothing is lost or changed: closing the ledger checkpoints whatever is left, as before.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../threads/worker-script.js';
import type { CheckpointWorkerInput, CheckpointWorkerMessage } from './checkpoint-worker.js';
import type { Db } from './open-database.js';

export interface BackgroundCheckpoints {
  /** A batch was committed: copy the log back as soon as the worker is free. */
  request(): void;
  /** Waits for the copies asked for, then ends the worker (its connection closed). */
  finish(): Promise<void>;
}

/**
 * The worker starts with the first request: an import with nothing new (a refresh) writes no batch
 * and so never pays for a thread and a second connection.
 */
export function startBackgroundCheckpoints(db: Db): BackgroundCheckpoints {
  let worker: Worker | null = null;
  let started = false;
  let exited: Promise<void> = Promise.resolve();
  const start = () => {
    started = true;
    try {
      const input: CheckpointWorkerInput = { file: db.name };
      const w = new Worker(workerScript(import.meta.url, './checkpoint-worker'), { workerData: input });
      exited = new Promise((resolve) => w.once('exit', () => resolve()));
      w.on('error', () => {
        worker = null;
      });
      worker = w;
    } catch {
      worker = null;
    }
  };
  const post = (message: CheckpointWorkerMessage) => worker?.postMessage(message);
  return {
    request: () => {
      if (!started) start();
      post('checkpoint');
    },
    finish: async () => {
      post('close');
      await exited;
      worker = null;
    },
  };
}
