/**
 * CPU time a process spent, split into its main thread and the rest (Linux /proc schedstat, in
 * microseconds). Time on the CPU, not time waited for one: on two shared cores it moves far less
 * with the other engineers' load than a latency does, so the benches report it per call beside
 * their latencies (what a proxy costs, and on which thread).
 */
import fs from 'node:fs';

export interface ThreadCpu {
  /** The process's main thread (the proxy's event loop for serve). */
  mainUs: number;
  /** Every other thread: serve's writer and engine, V8's and libuv's helpers. */
  otherUs: number;
}

/** Null where /proc/<pid>/task/<tid>/schedstat is not there (not Linux, or the process is gone). */
export function threadCpu(pid: number): ThreadCpu | null {
  try {
    let mainUs = 0;
    let otherUs = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      let us: number;
      try {
        us = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1000;
      } catch {
        continue; // a thread that ended meanwhile
      }
      if (Number(tid) === pid) mainUs += us;
      else otherUs += us;
    }
    return { mainUs, otherUs };
  } catch {
    return null;
  }
}

/** CPU per call between two readings, or null when either is missing. */
export function cpuPerCall(before: ThreadCpu | null, after: ThreadCpu | null, calls: number): ThreadCpu | null {
  if (before === null || after === null || calls <= 0) return null;
  return { mainUs: (after.mainUs - before.mainUs) / calls, otherUs: (after.otherUs - before.otherUs) / calls };
}
