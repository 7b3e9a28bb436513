/**
 * `tokentally guard`: the runaway-loop guard. `guard status` shows the settings, the paused tags and
 * the latest alarms; `guard resume TAG` (or `--untagged`) lets a paused tag's calls through again
 * (a running app or `serve` notices within a second: it watches the ledger for other processes'
 * changes); `guard set` changes the thresholds and which tags are paused on an alarm.
 */
import type { GuardSettings, GuardStatus } from '../../../../shared/api/contract-guard.js';
import { formatUsd } from '../../../../shared/format.js';
import { validateGuardSettings } from '../../../../shared/guard/guard-settings.js';
import { keyName } from '../../../../shared/guard/loop-guard.js';
import { ApiError } from '../../../../shared/api/contract.js';
import { deletePause } from '../../guard/guard-repo.js';
import { guardStatus } from '../../guard/guard-status.js';
import { resumeCommand } from '../../guard/proxy-guard.js';
import { readSettings, writeSettings } from '../../ledger/index.js';
import { CliError, UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs, parseCount, parseUsdFlag } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';

export const GUARD_SUBCOMMANDS = ['status', 'resume', 'set'] as const;

const GUARD_USAGE = `Usage:
  tokentally guard status [--json]
  tokentally guard resume TAG | --untagged
  tokentally guard set [--on | --off] [--floor USD] [--multiplier N] [--repeat-count N] [--repeat-window SECONDS]
                       [--auto-pause TAG]... [--no-auto-pause TAG]...

The loop guard raises an alarm when a tag's spend in the last 15 minutes, as an hourly rate, passes
both N times its usual busy hour (the 90th percentile of its hours with spend in the past week) and
the floor, or when it sends the same request N times within the repeat window. With auto-pause on
for the tag ("*": every tag), the proxy then refuses its calls until you resume it.
  --json              status as JSON: {settings, paused: [{tag, pausedAt, reason}], alarms: [{id, at, tag,
                      signal, message, paused}]} (tag null: untagged calls)
  --untagged          resume untagged calls
  --on | --off        watch for loops at all
  --floor USD         the hourly rate below which no rate alarm is raised (default $5)
  --multiplier N      how far above its usual busy hour a tag must spend (default 10)
  --repeat-count N    the same request this many times… (default 8)
  --repeat-window S   …within this many seconds (default 600)
  --auto-pause TAG    pause this tag when it alarms ("*": every tag); --no-auto-pause TAG: stop
  --data-dir DIR      where the ledger lives`;

export const guardCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      json: { type: 'boolean' },
      untagged: { type: 'boolean' },
      on: { type: 'boolean' },
      off: { type: 'boolean' },
      floor: { type: 'string' },
      multiplier: { type: 'string' },
      'repeat-count': { type: 'string' },
      'repeat-window': { type: 'string' },
      'auto-pause': { type: 'string', multiple: true },
      'no-auto-pause': { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
    },
    GUARD_USAGE,
  );
  if (values.help) {
    io.stdout.write(GUARD_USAGE + '\n');
    return 0;
  }
  const [action = 'status', tagArg, extra] = positionals;
  const dataDir = values['data-dir'];
  if (!(GUARD_SUBCOMMANDS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}" (guard takes ${GUARD_SUBCOMMANDS.join(', ')})`, GUARD_USAGE);

  if (action === 'resume') {
    if (extra !== undefined || (values.untagged ? tagArg !== undefined : tagArg === undefined || tagArg === '')) {
      throw new UsageError('guard resume takes one TAG, or --untagged', GUARD_USAGE);
    }
    const key = values.untagged ? '' : tagArg!;
    const lifted = await withLedger(dataDir, io, { mustExist: true }, (db) => deletePause(db, key));
    if (!lifted) throw new CliError(`${keyName(key)} is not paused (tokentally guard status lists what is)`);
    io.stdout.write(`Resumed ${keyName(key)}: its calls go through again (a running Tokentally notices within a second).\n`);
    return 0;
  }
  if (tagArg !== undefined) throw new UsageError(`unexpected argument "${tagArg}"`, GUARD_USAGE);

  if (action === 'set') {
    if (values.on && values.off) throw new UsageError('--on and --off cannot go together', GUARD_USAGE);
    const settings = await withLedger(dataDir, io, { mustExist: false }, (db) => {
      const current = readSettings(db).settings.guard;
      const next: GuardSettings = { ...current };
      if (values.on) next.enabled = true;
      if (values.off) next.enabled = false;
      if (values.floor !== undefined) next.floorUsdPerHour = parseUsdFlag(values.floor, '--floor', GUARD_USAGE) / 1e9;
      if (values.multiplier !== undefined) next.multiplier = number(values.multiplier, '--multiplier');
      if (values['repeat-count'] !== undefined) next.repeatCount = parseCount(values['repeat-count'], '--repeat-count', GUARD_USAGE)!;
      if (values['repeat-window'] !== undefined) next.repeatWindowSeconds = parseCount(values['repeat-window'], '--repeat-window', GUARD_USAGE)!;
      const off = new Set(values['no-auto-pause'] ?? []);
      next.autoPauseTags = [...new Set([...current.autoPauseTags, ...(values['auto-pause'] ?? [])])].filter((t) => !off.has(t));
      try {
        // The settings' own check: the CLI, the window and the API refuse alike.
        validateGuardSettings(next);
      } catch (err) {
        if (err instanceof ApiError) throw new UsageError(err.message, GUARD_USAGE);
        throw err;
      }
      return writeSettings(db, { guard: next }).guard;
    });
    io.stdout.write(settingsText(settings) + '\n');
    return 0;
  }
  const status = await withLedger(dataDir, io, { mustExist: true }, (db) => guardStatus(db));
  io.stdout.write(values.json ? JSON.stringify(status) + '\n' : statusText(status));
  return 0;
};

function number(value: string, flag: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} takes a number such as 10, got "${value}"`, GUARD_USAGE);
  return n;
}

function settingsText(g: GuardSettings): string {
  if (!g.enabled) return 'Loop guard off.';
  const pause = g.autoPauseTags.length === 0 ? 'Auto-pause: off (alarms only).' : `Auto-pause: ${g.autoPauseTags.map((t) => (t === '*' ? 'every tag' : t)).join(', ')}.`;
  return (
    `Loop guard on: an alarm above ${g.multiplier}× a tag's usual busy hour and ${formatUsd(Math.round(g.floorUsdPerHour * 1e9))} an hour, ` +
    `or the same request ${g.repeatCount} times within ${g.repeatWindowSeconds} s. ${pause}`
  );
}

function statusText(s: GuardStatus): string {
  const lines = [settingsText(s.settings)];
  if (s.paused.length > 0) {
    lines.push('', 'Paused (calls refused):');
    for (const p of s.paused) lines.push(`  ${p.tag ?? '(untagged)'}  since ${p.pausedAt}: ${p.reason}  — ${resumeCommand(p.tag ?? '')}`);
  }
  lines.push('', s.alarms.length === 0 ? 'No alarm yet.' : 'Latest alarms:');
  for (const a of s.alarms) lines.push(`  ${a.at}  ${a.message}${a.paused ? ' (paused)' : ''}`);
  return lines.join('\n') + '\n';
}
