import type { LoopbackServer } from '../server/loopback-server.js';
import type { ProxyHandler } from './proxy-handler.js';

/**
 * Graceful stop (SIGTERM/SIGINT, app quit): stop accepting, let calls in flight finish for up to
 * graceMs, cut what is left (recorded as cut, never lost), then let the caller flush the writer.
 *
 * Durability: a finished call is in the writer's queue at once and in SQLite within the writer's
 * flush interval (25 ms). A kill -9 loses at most the calls finished in that last window;
 * the database itself opens cleanly (WAL).
 */
export async function stopProxy(server: LoopbackServer | null, proxy: ProxyHandler, graceMs = 10_000): Promise<void> {
  const closing = server?.close(graceMs);
  await proxy.drain(graceMs);
  // Anything still open is cut now and recorded as cut.
  proxy.close();
  await closing;
  // Cut calls finish their records asynchronously (a compressed copy drains through zlib).
  await proxy.drain(1_000);
}
