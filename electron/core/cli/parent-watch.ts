/**
 * Notice when the process that started us is gone. `npm run cli -- serve` runs us under
 * `sh -c`; on SIGTERM (or a SIGINT sent to npm alone) npm forwards the signal to that shell only,
 * and Debian's dash dies without passing it on, so npm exits and the server would keep serving,
 * orphaned, never flushing its queue. An orphan is re-parented: its parent pid changes, which a
 * cheap timer sees. Only used where a dying parent means "stop" (a script runner), never for a
 * server the user detached on purpose (nohup, &).
 */
export interface ParentWatch {
  stop(): void;
}

const PARENT_WATCH_MS = 200;

export function watchParent(onGone: () => void, intervalMs = PARENT_WATCH_MS, ppid: () => number = () => process.ppid): ParentWatch {
  const first = ppid();
  const timer = setInterval(() => {
    if (ppid() === first) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // The watch alone must never keep the process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Started by a package script (`npm run`, `pnpm run`, `yarn run` set npm_lifecycle_event for it). */
export function startedByScriptRunner(env: NodeJS.ProcessEnv): boolean {
  return typeof env.npm_lifecycle_event === 'string' && env.npm_lifecycle_event !== '';
}
