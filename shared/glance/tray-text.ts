import type { Summary } from '../api/contract.js';
import { formatCount, formatUsd } from '../format.js';

export type TrayState = 'ok' | 'warn' | 'over' | 'none';

export interface TrayText {
  /** Shown next to the icon in the macOS menu bar (and as the first tray-menu line elsewhere). */
  title: string;
  /** Hover text, all platforms. */
  tooltip: string;
  state: TrayState;
}

/** Warn while there is still budget left: at 80% spent, not after the limit. */
const WARN_WHEN_REMAINING_AT_MOST = 0.2;

/** Windows truncates tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 with the NUL). */
export const TOOLTIP_MAX_CHARS = 127;

/** What the tray shows for a summary: month remaining and today's spend, or just today without a budget. */
export function trayText(summary: Summary): TrayText {
  const today = formatUsd(summary.todaySpentNano);
  const state = trayState(summary);
  const remaining = summary.remainingNano ?? 0;
  const budget = summary.budgetNano ?? 0;

  let title: string;
  let monthLine: string;
  if (state === 'none') {
    title = `${today} today`;
    monthLine = `${formatUsd(summary.spentNano)} spent this month (no budget set)`;
  } else if (state === 'over') {
    title = `${formatUsd(-remaining)} over · ${today} today`;
    monthLine = `${formatUsd(-remaining)} over the ${formatUsd(budget)} budget · ${daysToGo(summary.period.daysLeft)}`;
  } else {
    title = `${formatUsd(remaining)} left · ${today} today`;
    monthLine = `${formatUsd(remaining)} left of ${formatUsd(budget)} · ${daysToGo(summary.period.daysLeft)}`;
  }

  const lines = ['Tokentally', monthLine, `Today ${today} · ${countOf(summary.requestsToday, 'request')}`];
  // Less important lines last: fitTooltip drops from the end when Windows' limit bites.
  if (!summary.proxy.listening) lines.push('Proxy off: calls are not being counted');
  if (summary.unpricedThisPeriod > 0) lines.push(`${countOf(summary.unpricedThisPeriod, 'unpriced request')} this month`);
  return { title, tooltip: fitTooltip(lines), state };
}

function trayState(summary: Summary): TrayState {
  if (summary.budgetNano === null || summary.remainingNano === null) return 'none';
  if (summary.remainingNano < 0) return 'over';
  // Spending faster than the ideal line is a warning while there is still plenty left.
  if (summary.pacing?.state === 'ahead') return 'warn';
  if (summary.remainingNano <= summary.budgetNano * WARN_WHEN_REMAINING_AT_MOST) return 'warn';
  return 'ok';
}

function daysToGo(daysLeft: number): string {
  if (daysLeft <= 1) return 'last day';
  return `${daysLeft} days to go`;
}

function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Keep whole lines, most important first, within the platform limit. */
export function fitTooltip(lines: string[], max: number = TOOLTIP_MAX_CHARS): string {
  const kept = [...lines];
  while (kept.length > 1 && kept.join('\n').length > max) kept.pop();
  const text = kept.join('\n');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
