/**
 * One runway: the dollar budgets and the plan windows in one list, tightest first.
 *
 * 1. Refused now: a rejected window, a hard budget at its cap.
 * 2. Projected to run out before its own reset (a window) or period end (a budget).
 * 3. The rest.
 * 4. Stale windows last: their figures describe a window that has already reopened.
 * Within a group, the sooner it runs out at the pace so far the higher (never projected: last),
 * then the fuller, then by key so the order is stable.
 */
import type { Nano } from '../money.js';
import { formatUsd } from '../format.js';
import type { WindowPace } from './pace.js';
import { windowTitle } from './format-window.js';

export interface RunwayEntry {
  kind: 'budget' | 'window';
  key: string;
  label: string;
  /** The tray title's text for it. */
  short: string;
  used: number | null;
  /** Epoch ms of the reset (a budget: its period's end). */
  resetsAt: number | null;
  /** Epoch ms it is used up at the pace so far; null when not projected. */
  exhaustsAt: number | null;
  runsOutBeforeReset: boolean;
  blocked: boolean;
  stale: boolean;
  ageMs: number;
}

function group(e: RunwayEntry): number {
  if (e.stale) return 3;
  if (e.blocked) return 0;
  return e.runsOutBeforeReset ? 1 : 2;
}

function compareRunway(a: RunwayEntry, b: RunwayEntry): number {
  return (
    group(a) - group(b) ||
    (a.exhaustsAt ?? Infinity) - (b.exhaustsAt ?? Infinity) ||
    (b.used ?? -1) - (a.used ?? -1) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The entries, tightest first (a new array). */
export function rankRunway(entries: readonly RunwayEntry[]): RunwayEntry[] {
  return [...entries].sort(compareRunway);
}

/** The constraint the tray shows: the tightest that is not stale; null when there is none. */
export function tightest(ranked: readonly RunwayEntry[]): RunwayEntry | null {
  return ranked.find((e) => !e.stale) ?? null;
}

export interface BudgetRunwayInput {
  key: string;
  label: string;
  budgetNano: Nano;
  spentNano: Nano;
  /** The period, epoch ms: start and end (the reset). */
  periodStartMs: number;
  periodEndMs: number;
  /** A hard budget whose spend reached its cap. */
  capReached: boolean;
}

/** A budget on the runway: used up when spend reaches it at the period's pace so far. */
export function budgetRunwayEntry(b: BudgetRunwayInput, now: number): RunwayEntry {
  const { budgetNano: budget, spentNano: spent } = b;
  let exhaustsAt: number | null = null;
  if (spent >= budget) exhaustsAt = now;
  else if (spent > 0 && now > b.periodStartMs) exhaustsAt = Math.round(b.periodStartMs + ((now - b.periodStartMs) * budget) / spent);
  const remaining = budget - spent;
  return {
    kind: 'budget',
    key: b.key,
    label: b.label,
    short: remaining < 0 ? `${formatUsd(-remaining)} over` : `${formatUsd(remaining)} left`,
    used: budget > 0 ? spent / budget : spent > 0 ? 1 : 0,
    resetsAt: b.periodEndMs,
    exhaustsAt,
    runsOutBeforeReset: exhaustsAt !== null && exhaustsAt < b.periodEndMs,
    blocked: b.capReached,
    stale: false,
    ageMs: 0,
  };
}

export interface WindowRunwayInput {
  key: string;
  label: string;
  window: string;
  used: number | null;
  resetsAt: number | null;
  ageMs: number;
  pace: WindowPace;
}

/** A plan window on the runway. */
export function windowRunwayEntry(w: WindowRunwayInput, now: number, tz: string): RunwayEntry {
  const { pace } = w;
  return {
    kind: 'window',
    key: w.key,
    label: w.label,
    short: windowTitle({ window: w.window, used: w.used, resetsAt: w.resetsAt, stale: pace.stale, blocked: pace.blocked }, now, tz),
    used: w.used,
    resetsAt: w.resetsAt,
    exhaustsAt: pace.exhaustsAt,
    runsOutBeforeReset: pace.runsOutBeforeReset === true,
    blocked: pace.blocked,
    stale: pace.stale,
    ageMs: w.ageMs,
  };
}
