/**
 * The import's worker thread: reads the pass's transcripts one after the other, claiming each
 * from a counter it shares with the main thread (which claims a file itself only when it would
 * otherwise wait), so a file is read by exactly one of them. See file-readers.ts.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readFileMessages, type FileRead, type ReadJob } from './read-file-messages.js';
import { errorMessage } from '../../../../shared/error-message.js';

export interface WorkerInput {
  jobs: ReadJob[];
  /** [0]: the next job nobody has claimed. */
  next: Int32Array;
  /** [0]: results posted so far (the main thread waits on it). */
  posted: Int32Array;
  port: MessagePort;
}

const { jobs, next, posted, port } = workerData as WorkerInput;
for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
  const job = jobs[i]!;
  let result: FileRead;
  try {
    result = readFileMessages(job);
  } catch (err) {
    result = { file: job.file, from: job.from, end: job.from, bytes: 0, usageLines: 0, badLines: 0, skipped: 0, messages: [], error: `cannot read ${job.file}: ${errorMessage(err)}` };
  }
  port.postMessage({ index: i, result });
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
}
port.close();
