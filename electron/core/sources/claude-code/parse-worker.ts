/**
 * An import's worker thread: reads the pass's transcripts one after the other, claiming each from
 * a counter it shares with the caller and the other workers, so a file is read by exactly one of
 * them. See file-readers.ts.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import { adoptPriceData, type PriceDataSnapshot } from '../../../../shared/pricing/price-data.js';
import { readFileMessages, unreadFile, type FileRead, type ReadJob } from './read-file-messages.js';
import { packedTransfers, packRows, type PackedRows } from './packed-rows.js';
import { errorMessage } from '../../../../shared/error-message.js';

export interface WorkerInput {
  jobs: ReadJob[];
  /** [0]: the next job nobody has claimed. */
  next: Int32Array;
  /** [0]: results posted so far (the caller waits on it). */
  posted: Int32Array;
  /** [slot]: the job this worker is claiming or reading, set before the claim (the caller reads it again should this worker die). */
  current: Int32Array;
  slot: number;
  port: MessagePort;
  /** The caller's price overrides and price list in force: rows are priced here as the caller would. */
  overrides: readonly PriceOverride[];
  priceData: PriceDataSnapshot;
}

/** What a worker posts per job: the read, its rows packed when they can be (then `result.rows` is empty). */
export interface WorkerPost {
  index: number;
  result: FileRead;
  packed: PackedRows | null;
}

const { jobs, next, posted, current, slot, port, overrides, priceData } = workerData as WorkerInput;
adoptPriceData(priceData);

/** Claims the next job: says which first, so that a claimed job is always known to be someone's. */
function claim(): number {
  for (;;) {
    const i = Atomics.load(next, 0);
    if (i >= jobs.length) return i;
    Atomics.store(current, slot, i);
    if (Atomics.compareExchange(next, 0, i, i + 1) === i) return i;
  }
}

for (let i = claim(); i < jobs.length; i = claim()) {
  const job = jobs[i]!;
  let result: FileRead;
  try {
    result = readFileMessages(job, overrides);
  } catch (err) {
    result = unreadFile(job, `cannot read ${job.file}: ${errorMessage(err)}`);
  }
  const packed = result.rows.length > 0 ? packRows(result.rows) : null;
  const post: WorkerPost = { index: i, result: packed ? { ...result, rows: [] } : result, packed };
  port.postMessage(post, packed ? packedTransfers(packed) : []);
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
}
Atomics.store(current, slot, -1);
port.close();
