/**
 * `tokentally windows [--json]`: the plan windows seen (5-hour, weekly… of Claude and ChatGPT
 * plans), each with its source, account, use, reset, status, staleness and projection, and the
 * runway: budgets and windows in one list, tightest first. The same report as the API's
 * listWindows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlanWindow, WindowsReport } from '../../../../shared/api/contract-windows.js';
import { formatAge, formatResetClock, formatUsed } from '../../../../shared/windows/format-window.js';
import { localTimeZone } from '../../../../shared/time/zoned.js';
import { runwayDetail, runwayFigure } from '../../../../shared/windows/runway-words.js';
import { isRunwayWindow } from '../../../../shared/windows/window-names.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { resolveDataDir } from '../../paths.js';
import { windowsReport } from '../../windows/windows-report.js';
import { UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';

const WINDOWS_USAGE = `Usage: tokentally windows [--json] [--data-dir DIR]

The usage windows of your plans (Claude's 5-hour and weekly limits, ChatGPT's for Codex) as last
seen: from the proxy (responses to Claude Code logged in with a subscription), the Codex session
logs, or Claude Code's own cached figures. Each with its age: a window whose reset has passed is
shown as stale. Then the runway: budgets and windows in one list, tightest first.
  --json            the report as JSON: {now, tz, windows: [{provider, account, accountLabel,
                    window, label, source, observedAt, ageMs, used (0..1), resetsAt, status,
                    stale, staleReason, blocked, projection: {elapsed, paceDelta, exhaustsAt,
                    runsOutBeforeReset, msToReset}, ...}], runway: [...]}
  --data-dir DIR    where the ledger lives`;

export const windowsCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, WINDOWS_USAGE);
  if (values.help) {
    io.stdout.write(WINDOWS_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, WINDOWS_USAGE);
  const now = Date.now();
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  // Asking must not create a ledger where there is none.
  const report: WindowsReport = fs.existsSync(path.join(dataDir, DATABASE_FILE))
    ? await withLedger(dataDir, io, { mustExist: true }, (db) => windowsReport(db, now))
    : { now, tz: localTimeZone(), windows: [], runway: [] };
  io.stdout.write(values.json ? JSON.stringify(report) + '\n' : textReport(report));
  return 0;
};

function textReport(r: WindowsReport): string {
  if (r.windows.length === 0) {
    return (
      'No plan windows seen yet. They appear once Claude Code (logged in with a Pro/Max plan) makes a call\n' +
      'through the proxy, once Codex logs a call, or when Claude Code has cached its figures.\n'
    );
  }
  const lines: string[] = [];
  let account = '';
  for (const w of r.windows) {
    const head = `${w.accountLabel}${w.account === 'default' ? '' : ` (${w.account})`}`;
    if (head !== account) {
      account = head;
      lines.push(head);
    }
    lines.push(`  ${windowLine(w, r)}`);
  }
  if (r.runway.length > 0) {
    lines.push('', 'Runway, tightest first:');
    r.runway.forEach((item, i) => lines.push(`  ${i + 1}. ${item.label}: ${runwayFigure(item)} · ${runwayDetail(item, r.now, r.tz)}${item.kind === 'window' ? ` (${formatAge(item.ageMs)})` : ''}`));
  }
  return lines.join('\n') + '\n';
}

function windowLine(w: PlanWindow, r: WindowsReport): string {
  // Extra usage is pay-as-you-go past the limits, not a window that fills: its status says it all.
  if (!isRunwayWindow(w.window)) return `${w.label.padEnd(14)} ${(w.status ?? '—').padStart(7)} · ${w.source}, ${formatAge(w.ageMs)}`;
  const parts = [`${w.label.padEnd(14)} ${(w.blocked ? 'used up' : formatUsed(w.used)).padStart(7)}`];
  if (w.resetsAt) parts.push(`${w.stale && w.staleReason === 'reset-passed' ? 'reset' : 'resets'} ${formatResetClock(Date.parse(w.resetsAt), r.now, r.tz)}`);
  const p = w.projection;
  if (w.stale) parts.push('STALE');
  else if (p.exhaustsAt && p.runsOutBeforeReset) parts.push(`at this pace used up at ${formatResetClock(Date.parse(p.exhaustsAt), r.now, r.tz)}, before it resets`);
  else if (p.exhaustsAt && !w.blocked) parts.push('lasts until it resets at this pace');
  // Points of the window ahead of (+) or behind (−) an even spend of it.
  if (p.paceDelta !== null && !w.stale) parts.push(`pace ${p.paceDelta >= 0 ? '+' : '−'}${Math.round(Math.abs(p.paceDelta) * 100)} pts`);
  if (w.binding) parts.push('binding');
  parts.push(`${w.source}, ${formatAge(w.ageMs)}`);
  return parts.join(' · ');
}
