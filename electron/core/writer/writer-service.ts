/**
 * Everything the proxy writes, on a thread of its own (writer-worker.ts runs this): finished calls
 * (committed on time, every flushIntervalMs, whatever else the app is doing), plan-window
 * snapshots and opted-in bodies. When the ledger refuses writes, calls go to the recovery file
 * (recovery-file.ts) and are imported as soon as it takes them again, or at the next start.
 */
import type { LedgerHealth } from '../../../shared/api/contract.js';
import type { WindowSnapshot } from '../../../shared/api/contract-windows.js';
import type { NewUsageRecord } from '../../../shared/usage.js';
import type { Db } from '../ledger/open-database.js';
import { insertUsage } from '../ledger/usage-repo.js';
import { createUsageWriter } from '../ledger/usage-writer.js';
import { writeWriterProgress } from '../ledger/writer-state.js';
import { createBodyStore } from '../proxy/body-store.js';
import type { StoredBodies } from '../proxy/stored-bodies.js';
import { createWindowRecorder } from '../windows/window-recorder.js';
import { describeWriteFailure } from './write-failure.js';
import { importRecovery } from './recovery-import.js';
import { RecoveryFile } from './recovery-file.js';
import { errorMessage } from '../../../shared/error-message.js';

/** What the writer reports as it works (from its thread, as messages: writer-thread.ts). */
export interface WriterEvents {
  /** After each committed batch: how many rows, and the highest call number it held (or null). */
  onWritten(count: number, seq: number | null): void;
  onWindowsStored(): void;
  onHealth(health: LedgerHealth): void;
  /** Calls kept in the recovery file instead of the ledger (their numbers): not in the ledger's spend yet. */
  onSpilled(seqs: number[]): void;
  /** The recovery file was imported: the calls it kept are in the ledger now. */
  onRecovered(): void;
  log(line: string): void;
}

export interface WriterServiceOptions extends WriterEvents {
  db: Db;
  dataDir: string;
  /** This start's id: calls are numbered per run (writer_state). */
  run: string;
  flushIntervalMs: number;
  now(): number;
  recoveryFile?: RecoveryFile;
}

export interface WriterService {
  record(rec: NewUsageRecord, seq: number): void;
  window(snapshot: WindowSnapshot): void;
  bodies(bodies: StoredBodies): void;
  health(): LedgerHealth;
  /** Commit what is queued now. */
  flush(): void;
  /** Write everything (or keep it in the recovery file); returns how many calls were lost. */
  close(): number;
}

export function createWriterService(o: WriterServiceOptions): WriterService {
  const recovery = o.recoveryFile ?? RecoveryFile.in(o.dataDir);
  const health: LedgerHealth = { state: 'ok', message: null, since: null, kept: 0, lost: 0, recoveredAtStart: 0 };
  const report = () => o.onHealth({ ...health });
  const seqOf = new WeakMap<NewUsageRecord, number>();
  let recoveryUsable = true;
  let failure: string | null = null;

  try {
    recovery.open();
  } catch (err) {
    recoveryUsable = false;
    o.log(`the recovery file ${recovery.file} cannot be reserved: ${errorMessage(err)}; calls the ledger refuses would be lost`);
  }
  // What an earlier run could not write: into the ledger before anything new.
  if (recoveryUsable) {
    try {
      const { imported, skipped } = importRecovery(o.db, recovery, o.now());
      health.recoveredAtStart = imported;
      if (imported > 0) o.log(`recovered ${imported} call(s) that an earlier run could not write to the ledger${skipped ? ` (${skipped} unreadable line(s) skipped)` : ''}`);
    } catch (err) {
      // Still refused: they stay in the file, and new ones join them.
      health.kept = recovery.read()?.records.length ?? 0;
      fail(err);
    }
  }

  function fail(err: unknown): void {
    failure = describeWriteFailure(err);
    if (health.state !== 'failing') health.since = o.now();
    health.state = 'failing';
    health.message = `ledger cannot be written: ${failure}${health.kept ? `; ${health.kept} call(s) kept in ${recovery.file}` : ''}`;
    report();
  }

  const writer = createUsageWriter(o.db, {
    flushIntervalMs: o.flushIntervalMs,
    insert(batch) {
      let ids: number[] = [];
      let top = -1;
      for (const r of batch) top = Math.max(top, seqOf.get(r) ?? -1);
      o.db.transaction(() => {
        ids = insertUsage(o.db, batch);
        if (top >= 0) writeWriterProgress(o.db, { run: o.run, seq: top });
      })();
      lastSeq = top >= 0 ? top : null;
      return ids;
    },
    onWritten(ids) {
      o.onWritten(ids.length, lastSeq);
    },
    onError(err) {
      o.log(`ledger: ${errorMessage(err)}`);
    },
    onOutage: fail,
    spill(records) {
      if (!recoveryUsable || !recovery.append(records)) return false;
      health.kept += records.length;
      o.onSpilled(records.map((r) => seqOf.get(r)).filter((s): s is number => s !== undefined));
      if (failure !== null) health.message = `ledger cannot be written: ${failure}; ${health.kept} call(s) kept in ${recovery.file}`;
      report();
      return true;
    },
    onRecovered() {
      // The ledger takes writes again: bring back what the outage kept aside.
      try {
        if (recoveryUsable && health.kept > 0) importRecovery(o.db, recovery, o.now());
        health.kept = 0;
        o.onRecovered();
      } catch (err) {
        o.log(`the recovery file could not be imported yet: ${errorMessage(err)}`);
      }
      failure = null;
      health.state = health.kept > 0 ? 'failing' : 'ok';
      health.message = null;
      health.since = null;
      report();
    },
  });
  let lastSeq: number | null = null;

  const windows = createWindowRecorder(o.db, {
    now: o.now,
    onStored: () => o.onWindowsStored(),
    onError: (err) => o.log(`plan windows not stored: ${errorMessage(err)}`),
  });
  const bodyStore = createBodyStore(o.db, (err) => o.log(`bodies not stored: ${errorMessage(err)}`));

  return {
    record(rec, seq) {
      seqOf.set(rec, seq);
      writer.enqueue(rec);
    },
    window: (s) => windows.enqueue(s),
    bodies: (b) => bodyStore.save(b),
    health: () => ({ ...health }),
    flush() {
      writer.flush();
      windows.flush();
    },
    close() {
      windows.close();
      const lost = writer.close();
      health.lost += lost;
      recovery.close();
      return lost;
    },
  };
}
