/**
 * The thread behind background-checkpoints.ts: a connection of its own to the ledger, which copies
 * the WAL back into the database file each time it is asked, and closes when told to.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointWorkerInput {
  file: string;
}

export type CheckpointWorkerMessage = 'checkpoint' | 'close';

const { file } = workerData as CheckpointWorkerInput;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

parentPort!.on('message', (message: CheckpointWorkerMessage) => {
  if (message === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  // PASSIVE: copies what is committed, never waits for or blocks the writer. A failure leaves the
  // log to the writer's own close, which checkpoints whatever is left.
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Nothing to do: see above.
  }
});
