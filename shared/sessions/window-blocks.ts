/**
 * A plan window's cycles from its stored readings (plan_window_history: one a minute at most):
 * every reading names the instant the window resets, which stays the same through a cycle, so the
 * readings of one cycle are those with (nearly) the same reset. A cycle runs from its reset minus
 * the window's length to its reset, and was used as far as its highest reading says.
 */
import type { WindowBlock } from '../api/contract-sessions.js';

export interface WindowReadingRow {
  /** Epoch ms the reading was observed. */
  at: number;
  used: number | null;
  resetsAt: number | null;
  status: string | null;
}

/**
 * Sources round the reset differently from one reading to the next (Codex sends seconds that can
 * move by one; a reading taken across a reset names the next): resets this close are one cycle.
 */
const SAME_RESET_MS = 120_000;

/** The cycles of one window, oldest first. Readings without a reset cannot be placed and are left out. */
export function windowBlocks(
  key: Pick<WindowBlock, 'provider' | 'account' | 'window'>,
  windowMinutes: number,
  readings: readonly WindowReadingRow[],
): WindowBlock[] {
  const length = windowMinutes * 60_000;
  const placed = readings.filter((r): r is WindowReadingRow & { resetsAt: number } => r.resetsAt !== null).sort((a, b) => a.resetsAt - b.resetsAt || a.at - b.at);
  const blocks: WindowBlock[] = [];
  let current: WindowBlock | null = null;
  for (const r of placed) {
    if (!current || r.resetsAt - current.toMs > SAME_RESET_MS) {
      current = { ...key, fromMs: r.resetsAt - length, toMs: r.resetsAt, used: null, blocked: false, lastSeenMs: r.at };
      blocks.push(current);
    }
    if (r.used !== null) current.used = current.used === null ? r.used : Math.max(current.used, r.used);
    if (r.status === 'rejected') current.blocked = true;
    current.lastSeenMs = Math.max(current.lastSeenMs, r.at);
  }
  return blocks;
}
