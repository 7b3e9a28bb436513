/**
 * A budget's pace in plain words, the same in the glance, the planner and `budget check`:
 * "spending 41% faster than the budget allows; runs out Dec 22". "The budget allows" is the
 * ideal line: the budget spread evenly over the period (pacing.ts). Pure and locale-free.
 */
import type { Pacing } from '../api/contract-budgets.js';
import { overBudgetText } from '../budget/budget-label-text.js';
import { formatPercent, formatUsd } from '../format.js';
import type { Day } from '../api/contract.js';
import { AHEAD_TOLERANCE } from './pacing.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Dec 22" for 2026-12-22 (a day is read as written: it has no zone). */
export function shortDay(day: Day): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1] ?? '?'} ${d}`;
}

export type PaceWordsInput = Pick<Pacing, 'paceDelta' | 'state' | 'runsOutOn' | 'spentNano' | 'budgetNano' | 'projectedLinearNano'>;

/** One sentence, lower-case start (callers capitalise or prefix it). */
export function paceWords(p: PaceWordsInput): string {
  if (p.state === 'over') {
    const over = p.spentNano - p.budgetNano;
    return over > 0 ? `over budget by ${formatUsd(over)}` : 'the budget is used up';
  }
  if (p.paceDelta === null) return 'nothing to compare yet: the period has just begun';
  // "Spending 100% slower than the budget allows" says nothing a user can use.
  if (p.spentNano === 0) return `nothing spent yet this period: all ${formatUsd(p.budgetNano)} left`;
  const pct = formatPercent(Math.abs(p.paceDelta));
  const runsOut = p.runsOutOn !== null ? `; runs out ${shortDay(p.runsOutOn)}` : '';
  if (p.paceDelta > AHEAD_TOLERANCE) return `spending ${pct} faster than the budget allows${runsOut}`;
  const left = p.budgetNano - p.projectedLinearNano;
  if (p.paceDelta < -AHEAD_TOLERANCE) return `spending ${pct} slower than the budget allows; about ${formatUsd(left)} left at the end at this pace`;
  if (Math.abs(p.paceDelta) < 0.005) return 'on pace: spending what the budget allows';
  return `on pace: spending ${pct} ${p.paceDelta > 0 ? 'faster' : 'slower'} than the budget allows${runsOut}`;
}

/**
 * Before this share of the period has gone, spending below the budget's line says little: on the
 * 2nd of a month a first call reads "−99%". Spending above it still counts (it is a warning).
 */
const EARLY_ELAPSED = 0.1;

/**
 * The pace pill's figure and word (the glance, the planner): "+41%" "ahead", "−30%" "under",
 * "+4%" "on pace", "over budget (119%)"; early in the period, or with nothing spent, no figure but the
 * honest words "too early to tell" or "nothing spent yet".
 */
export function paceBadge(p: PaceWordsInput & { elapsed?: number }): { delta: string | null; word: string } {
  const delta = p.paceDelta === null ? null : formatPercent(p.paceDelta, { signed: true });
  // Used up: the share used, as the alerts and the budget table say it ("over budget (119%)"), not
  // the pace's figure beside it ("+421%" read as a second, different "over budget" percentage).
  if (p.state === 'over') return { delta: null, word: overBudgetText(p.spentNano, p.budgetNano) ?? 'over budget' };
  if (p.state === 'ahead') return { delta, word: 'ahead' };
  if (p.spentNano === 0) return { delta: null, word: 'nothing spent yet' };
  if (delta === null || (p.elapsed !== undefined && p.elapsed < EARLY_ELAPSED)) return { delta: null, word: 'too early to tell' };
  return { delta, word: p.paceDelta! < -AHEAD_TOLERANCE ? 'under' : 'on pace' };
}

/** The same with a capital letter, as a sentence on its own. */
export function paceSentence(p: PaceWordsInput): string {
  const words = paceWords(p);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/**
 * What the two projections mean, in one place: "at this period's pace" (spent ÷ share of the
 * period gone) and "at recent days' pace" (spent plus the median day of the last 7 for each
 * day left, so one expensive day does not swing it). The word "robust" is not shown.
 */
export const PROJECTION_WORDS = {
  linear: "at this period's pace",
  recent: "at recent days' pace",
  explain:
    "At this period's pace: what is spent so far, held at the same rate to the end. At recent days' pace: spent so far plus, for each day left, the median day of the last 7 days (one expensive day does not swing it).",
} as const;
