/**
 * The proxy's path into the ledger. A request handler only pushes its record onto a queue; a
 * timer writes the queue in batches, one transaction each, outside any request. When the
 * database refuses a write (disk full, locked, closed) the records are handed to `spill` (the
 * recovery file) when there is one, else they stay queued and are retried on the next tick; the
 * failure is reported once per outage, not once per tick.
 */
import type { NewUsageRecord } from '../../../shared/usage.js';
import type { Db } from './open-database.js';
import { insertUsage } from './usage-repo.js';
import { validateNewUsageRecord } from './usage-row.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

export interface UsageWriterOptions {
  flushIntervalMs?: number;
  /** Records per transaction. */
  maxBatch?: number;
  /** Records held while the database is failing; beyond this new records are dropped (and reported). */
  maxQueue?: number;
  /** After each committed batch, with the ids of the rows it inserted (duplicates have none). */
  onWritten?: (ids: number[]) => void;
  /** A write failure (once per outage), a dropped record, or records left unwritten at close. */
  onError?: (err: unknown) => void;
  /** Commits one batch (default insertUsage); the writer thread also records its progress in it. */
  insert?: (batch: readonly NewUsageRecord[]) => number[];
  /**
   * Records the ledger would not take (an outage, not a bad record): keep them elsewhere, durably.
   * true: they are safe and leave the queue; false: they stay queued (and are counted as lost at close).
   */
  spill?: (records: readonly NewUsageRecord[]) => boolean;
  /** The ledger took a batch again after an outage. */
  onRecovered?: () => void;
  /** The database refused a write (once per outage; onError hears of it too). */
  onOutage?: (err: unknown) => void;
}

export interface UsageWriter {
  /** Queue a record; never throws, never touches the database. */
  enqueue(record: NewUsageRecord): void;
  /** Write everything queued now; returns how many queued records were committed. Never throws. */
  flush(): number;
  /** Stop the timer and write what is queued, synchronously (for SIGINT/SIGTERM); returns how many records were lost. */
  close(): number;
  pending(): number;
}

const DEFAULT_MAX_QUEUE = 100_000;
/**
 * Short batches: a flush holds the event loop about 30 µs a row, so the interval bounds the stall a
 * proxied call can meet; it is also the window a kill -9 can lose (documented in the README).
 */
const DEFAULT_FLUSH_INTERVAL_MS = 25;

// Errors that belong to one record, not to the database: retrying the same record cannot help.
const RECORD_ERROR_CODES = new Set([
  'SQLITE_CONSTRAINT_CHECK',
  'SQLITE_CONSTRAINT_NOTNULL',
  'SQLITE_CONSTRAINT_DATATYPE',
  'SQLITE_MISMATCH',
  'SQLITE_TOOBIG',
]);

function isRecordError(err: unknown): boolean {
  if (err instanceof RangeError) return true;
  const code = errorCode(err);
  return code !== undefined && RECORD_ERROR_CODES.has(code);
}

export function createUsageWriter(db: Db, options: UsageWriterOptions = {}): UsageWriter {
  const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const maxQueue = Math.max(1, options.maxQueue ?? DEFAULT_MAX_QUEUE);
  const queue: NewUsageRecord[] = [];
  const insert = options.insert ?? ((batch: readonly NewUsageRecord[]) => insertUsage(db, batch));
  let lost = 0;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let closed = false;
  let flushing = false;
  let outageReported = false;
  let dropped = 0;

  const report = (err: unknown) => {
    try {
      options.onError?.(err);
    } catch {
      // A failing listener must not take the writer down with it.
    }
  };

  const notify = (ids: number[]) => {
    try {
      options.onWritten?.(ids);
    } catch {
      // Same: the rows are committed whatever the listener does.
    }
  };

  const schedule = () => {
    if (timer || immediate || closed || queue.length === 0) return;
    timer = setTimeout(tick, flushIntervalMs);
    // The queue alone never keeps the process alive; close() writes what is left.
    timer.unref();
  };

  function tick(): void {
    timer = null;
    flush();
    schedule();
  }

  const recovered = () => {
    if (outageReported) {
      try {
        options.onRecovered?.();
      } catch {
        // The listener's trouble is not the writer's.
      }
    }
    outageReported = false;
    if (dropped > 0) {
      report(new Error(`${dropped} usage record(s) were dropped while the ledger could not keep up`));
      dropped = 0;
    }
  };

  /**
   * Write records one by one, dropping those the database rejects as invalid. Returns how many
   * left the queue and, when the database itself failed part-way, that failure.
   */
  const isolate = (batch: NewUsageRecord[]): { done: number; outage?: unknown } => {
    let done = 0;
    for (const record of batch) {
      try {
        notify(insert([record]));
      } catch (err) {
        if (!isRecordError(err)) return { done, outage: err };
        report(new Error(`a usage record was rejected by the ledger and dropped: ${errorMessage(err)}`));
      }
      done++;
    }
    return { done };
  };

  const outage = (err: unknown) => {
    if (!outageReported) {
      report(err);
      try {
        options.onOutage?.(err);
      } catch {
        // The listener's trouble is not the writer's.
      }
    }
    outageReported = true;
  };

  function flush(): number {
    if (flushing) return 0;
    flushing = true;
    let written = 0;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        let taken = batch.length;
        let failure: unknown = null;
        try {
          notify(insert(batch));
        } catch (err) {
          if (isRecordError(err)) {
            const result = isolate(batch);
            taken = result.done;
            failure = result.outage ?? null;
          } else {
            taken = 0;
            failure = err;
          }
        }
        queue.splice(0, taken);
        written += taken;
        if (failure !== null) {
          outage(failure);
          // What the ledger would not take goes to the recovery file, durably, at once: a kill
          // during the outage then loses nothing queued.
          if (options.spill && queue.length > 0 && options.spill(queue)) queue.length = 0;
          break;
        }
        recovered();
      }
    } finally {
      flushing = false;
    }
    return written;
  }

  return {
    enqueue(record) {
      if (closed) {
        report(new Error('a usage record arrived after the writer was closed and was dropped'));
        lost++;
        return;
      }
      try {
        validateNewUsageRecord(record);
      } catch (err) {
        report(new Error(`a usage record was invalid and dropped: ${errorMessage(err)}`));
        return;
      }
      if (queue.length >= maxQueue) {
        if (dropped === 0) report(new Error(`usage writer queue is full (${maxQueue} records waiting): dropping new records until the ledger catches up`));
        dropped++;
        lost++;
        return;
      }
      queue.push(record);
      if (queue.length >= maxBatch && !immediate && !outageReported) {
        // A full batch is waiting: write it on the next turn of the event loop, not a whole interval
        // later (during an outage the interval paces the retries instead).
        if (timer) clearTimeout(timer);
        timer = null;
        immediate = setImmediate(() => {
          immediate = null;
          tick();
        });
        immediate.unref();
        return;
      }
      schedule();
    },
    flush,
    close() {
      if (closed) return lost;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = null;
      immediate = null;
      flush();
      closed = true;
      if (queue.length > 0 && !(options.spill?.(queue) ?? false)) {
        lost += queue.length;
        report(new Error(`${queue.length} usage record(s) could not be written before closing`));
      }
      queue.length = 0;
      return lost;
    },
    pending: () => queue.length,
  };
}
