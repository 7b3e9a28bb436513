/**
 * The one line `tokentally statusline` prints under Claude Code's prompt: this session's cost (as
 * Claude Code reports it), today's spend against today's allowance (the glance's figures), and
 * the tightest plan window (the tray title's words):
 *
 *   $0.42 session | $3.10 of $5.00 today | 5h 84% · resets 16:40
 *
 * Parts that are unknown are left out; it never prints an empty line (Claude Code would blank
 * the status line), and it stays short: the status line shares the terminal's width.
 */
import type { RunwayItem } from '../api/contract-windows.js';
import { formatUsd } from '../format.js';
import type { Nano } from '../money.js';

export interface StatusLineFigures {
  /** cost.total_cost_usd of the input, or null. */
  sessionCostNano: Nano | null;
  /** From the ledger (Summary.todaySpentNano / todayAllowanceNano); null when no ledger was read. */
  today: { spentNano: Nano; allowanceNano: Nano | null } | null;
  /** The tightest plan window that is not stale, or null. */
  window: Pick<RunwayItem, 'short'> | null;
  /** Why the ledger was not read, shown in place of its figures ("no ledger yet"). */
  problem?: string | null;
}

const STATUS_SEPARATOR = ' | ';

export function statusLineText(f: StatusLineFigures): string {
  const parts: string[] = [];
  if (f.sessionCostNano !== null) parts.push(`${formatUsd(f.sessionCostNano)} session`);
  if (f.today) {
    const spent = formatUsd(f.today.spentNano);
    parts.push(f.today.allowanceNano === null ? `${spent} today` : `${spent} of ${formatUsd(f.today.allowanceNano)} today`);
  }
  if (f.window) parts.push(f.window.short);
  if (f.problem) parts.push(`tokentally: ${f.problem}`);
  return parts.length > 0 ? parts.join(STATUS_SEPARATOR) : 'tokentally: nothing to show yet';
}

/** The runway's tightest plan window, skipping stale ones (their figures no longer hold). */
export function tightestWindow<T extends Pick<RunwayItem, 'kind' | 'stale'>>(runway: readonly T[]): T | null {
  return runway.find((r) => r.kind === 'window' && !r.stale) ?? null;
}
