import type { Summary } from '../api/contract.js';
import type { RunwayItem } from '../api/contract-windows.js';
import { formatCount, formatUsd } from '../format.js';
import { formatAge, formatResetClock, formatUsed } from '../windows/format-window.js';

type TrayState = 'ok' | 'warn' | 'over' | 'none';

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

/** Plan windows listed in the tooltip, tightest first. */
const TOOLTIP_WINDOWS = 3;
/** A window this full warns even when it lasts to its reset. */
const WINDOW_WARN_USED = 0.8;

/**
 * What the tray shows for a summary: the tightest constraint of the runway. A plan window:
 * "5h 84% · resets 16:40"; the overall budget: month remaining and today's spend (just today
 * without a budget). The tooltip lists the windows with their snapshot's age.
 */
export function trayText(summary: Summary): TrayText {
  // Calls that cannot reach the ledger outrank everything: the figures below would be wrong.
  if (summary.ledger?.state === 'failing') {
    const message = summary.ledger.message ?? 'ledger cannot be written';
    return { title: 'Ledger cannot be written', tooltip: fitTooltip(['Tokentally', message.charAt(0).toUpperCase() + message.slice(1)]), state: 'over' };
  }
  const runway = summary.runway ?? [];
  const top = runway.find((r) => !r.stale) ?? null;
  const windowLines = runway.filter((r) => r.kind === 'window').slice(0, TOOLTIP_WINDOWS).map((r) => windowLine(r, summary.now, summary.tz));
  const money = moneyText(summary);
  if (top && top.kind === 'window') {
    return { title: top.short, tooltip: fitTooltip(['Tokentally', ...windowLines, ...money.lines.slice(1)]), state: windowState(top) };
  }
  const title = top && top.kind === 'budget' && top.key !== 'budget:overall' ? `${top.short} · ${top.label}` : money.title;
  const state = top && top.kind === 'budget' && top.key !== 'budget:overall' ? budgetItemState(top) : money.state;
  return { title, tooltip: fitTooltip([money.lines[0]!, money.lines[1]!, ...windowLines, ...money.lines.slice(2)]), state };
}

/** "Claude 5-hour 84% · resets 16:40 (2 min ago)"; a stale one: "(stale, 6 h ago)". */
function windowLine(r: RunwayItem, now: number, tz: string): string {
  const used = r.blocked ? 'used up' : formatUsed(r.used);
  const resets = r.resetsAt !== null && !r.stale ? ` · resets ${formatResetClock(Date.parse(r.resetsAt), now, tz)}` : '';
  return `${r.label} ${used}${resets} (${r.stale ? 'stale, ' : ''}${formatAge(r.ageMs)})`;
}

function windowState(r: RunwayItem): TrayState {
  if (r.blocked) return 'over';
  return r.runsOutBeforeReset || (r.used ?? 0) >= WINDOW_WARN_USED ? 'warn' : 'ok';
}

function budgetItemState(r: RunwayItem): TrayState {
  if ((r.used ?? 0) > 1 || r.blocked) return 'over';
  return r.runsOutBeforeReset || (r.used ?? 0) >= 1 - WARN_WHEN_REMAINING_AT_MOST ? 'warn' : 'ok';
}

/** The overall budget's title, state and tooltip lines (Tokentally, the month, today, warnings). */
function moneyText(summary: Summary): { title: string; state: TrayState; lines: string[] } {
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
  if (summary.capRefusing) lines.splice(1, 0, 'Hard cap: calls are being refused');
  // Less important lines last: fitTooltip drops from the end when Windows' limit bites.
  if (!summary.proxy.listening) lines.push('Proxy off: calls are not being counted');
  if (summary.unpricedThisPeriod > 0) lines.push(`${countOf(summary.unpricedThisPeriod, 'unpriced request')} this month`);
  return { title, lines, state };
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
