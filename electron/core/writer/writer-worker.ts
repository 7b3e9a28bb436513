/**
 * The writer thread's entry (started by writer-thread.ts). It owns its own connection to the
 * ledger and nothing else: no API read, import pass or poll can hold up a commit, so a call that
 * finished is in the ledger within flushIntervalMs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../ledger/open-database.js';
import { throttle } from '../../../shared/throttle.js';
import { createRpc } from '../threads/rpc.js';
import type { WriterThreadInput } from './writer-thread.js';
import { createWriterService } from './writer-service.js';

const input = workerData as WriterThreadInput;
const port = parentPort!;
const rpc = createRpc(port, {
  flush() {
    service.flush();
    announceWritten();
  },
  close() {
    const lost = service.close();
    announceWritten();
    db.close();
    return { lost, health: service.health() };
  },
});
const db = openDatabase(input.dataDir, { nativeBinding: input.nativeBinding });
// No checkpoints on the writer's commits: a checkpoint copies the WAL into the database and syncs
// it, which on a busy disk takes 100 ms or more, and every call finishing meanwhile would wait in
// memory (what a kill -9 loses). The engine thread checkpoints instead (engine.ts), beside the
// writer: WAL lets a passive checkpoint run while commits go on.
db.pragma('wal_autocheckpoint = 0');

/**
 * Commits announced to the proxy's thread at most once per WRITTEN_INTERVAL_MS (the first at once,
 * the rest summed at the interval's end): under load the writer commits every few milliseconds, and
 * each announcement is a message the proxy's thread must take between calls, then relay to the
 * engine. The windows and the tray refresh at that pace anyway (the engine's gate snapshots are
 * throttled to the same interval); a flush or a close announces what is pending at once.
 */
const WRITTEN_INTERVAL_MS = 50;
let unannounced = { count: 0, seq: null as number | null };
const pushWritten = () => {
  const w = unannounced;
  unannounced = { count: 0, seq: null };
  if (w.count > 0 || w.seq !== null) rpc.push('written', w);
};
const writtenSoon = throttle(pushWritten, WRITTEN_INTERVAL_MS);
function announceWritten(): void {
  writtenSoon.cancel();
  pushWritten();
}
const service = createWriterService({
  db,
  dataDir: input.dataDir,
  run: input.run,
  flushIntervalMs: input.flushIntervalMs,
  now: Date.now,
  onWritten: (count, seq) => {
    unannounced = { count: unannounced.count + count, seq: seq ?? unannounced.seq };
    writtenSoon();
  },
  onWindowsStored: () => rpc.push('windows', null),
  onHealth: (health) => rpc.push('health', health),
  onSpilled: (seqs) => rpc.push('spilled', seqs),
  onRecovered: () => rpc.push('recovered', null),
  log: (line) => rpc.push('log', line),
});
rpc.onPush('calls', (calls: { rec: Parameters<typeof service.record>[0]; seq: number }[]) => {
  for (const c of calls) service.record(c.rec, c.seq);
});
rpc.onPush('window', (s) => service.window(s));
rpc.onPush('bodies', (b) => service.bodies({ ...b, requestBody: Buffer.from(b.requestBody), responseBody: Buffer.from(b.responseBody) }));
rpc.push('ready', service.health());
