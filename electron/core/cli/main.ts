#!/usr/bin/env node
/**
 * `tokentally` command line: one dispatcher, one module per command. Every failure the user can
 * act on is one line on stderr; wrong arguments print usage and exit 2.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliCommandSpec, CliIO } from './io.js';
import { runCommand, runWithProcess } from './run-command.js';
import { IMPORT_SOURCES, importCommand } from './commands/import.js';
import { BUDGET_SUBCOMMANDS, budgetCommand } from './commands/budget.js';
import { KEYS_SUBCOMMANDS, keysCommand } from './commands/keys.js';
import { pollCommand } from './commands/poll.js';
import { pricesCommand } from './commands/prices.js';
import { REPORT_KINDS, reportCommand } from './commands/report.js';
import { serveCommand } from './commands/serve.js';
import { windowsCommand } from './commands/windows.js';
import { doctorCommand } from './commands/doctor.js';
import { adviseCommand } from './commands/advise.js';
import { statuslineCommand } from './commands/statusline.js';
import { mcpCommand } from './commands/mcp.js';
import { GUARD_SUBCOMMANDS, guardCommand } from './commands/guard.js';
import { SYNC_SUBCOMMANDS, syncCommand } from './commands/sync.js';
import { APP_VERSION } from '../version.js';

/**
 * Every command, in the order the help lists them. The help is made from this list (and each
 * command's own table of subcommands), so adding a command here is all it takes to document it.
 */
export const COMMANDS: readonly CliCommandSpec[] = [
  { name: 'serve', args: '[--port N] [--data-dir DIR] [--ui]', summary: 'run the proxy (and with --ui the dashboard) headless', run: serveCommand },
  { name: 'report', subcommands: REPORT_KINDS, args: '[--since D] [--until D] [--json]', summary: 'usage and cost tables; reconcile: provider-reported cost beside the proxy\'s', run: reportCommand },
  { name: 'prices', args: 'MODEL [--provider P] [--input N] ...', summary: 'what a call costs, kind by kind', run: pricesCommand },
  { name: 'keys', subcommands: KEYS_SUBCOMMANDS, args: '...', summary: 'the encrypted API key store', run: keysCommand },
  { name: 'poll', args: '[PROVIDER] [--json]', summary: 'read the providers\' usage, cost and balance reports now', run: pollCommand },
  { name: 'budget', subcommands: BUDGET_SUBCOMMANDS, args: '...', summary: 'budgets and hard caps; check exits 3/4 when over (for CI)', run: budgetCommand },
  { name: 'import', subcommands: IMPORT_SOURCES, args: '[--dir DIR] [--json]', summary: 'local session logs (Claude Code, Codex…) as subscription usage', run: importCommand },
  { name: 'windows', args: '[--json]', summary: 'plan windows (5-hour, weekly) and the runway, tightest first', run: windowsCommand },
  { name: 'doctor', args: '[--full] [--repair] [--json]', summary: 'check the ledger for damage; --repair starts a new one keeping what can be read', run: doctorCommand },
  { name: 'advise', args: '[--json] [--all] | advise dismiss|restore ID', summary: 'the savings advisor: what to change, with a monthly figure each', run: adviseCommand },
  { name: 'statusline', args: '[--data-dir DIR]', summary: "Claude Code's status line: session cost, today's spend, the tightest plan window (stdin: Claude Code's JSON)", run: statuslineCommand },
  { name: 'mcp', args: '[--data-dir DIR]', summary: 'a read-only MCP server on stdio for Claude Code and other agents (budgets, windows, spend, prices, advice)', run: mcpCommand },
  { name: 'guard', subcommands: GUARD_SUBCOMMANDS, args: '...', summary: 'the loop guard: paused tags, resume one, its thresholds', run: guardCommand },
  { name: 'sync', subcommands: SYNC_SUBCOMMANDS, args: '[DIR] [--json]', summary: 'share the ledger and budgets with your other machines through a sync folder', run: syncCommand },
];

/** One help line per command: its name, subcommands and arguments, then what it does. */
function synopsis(c: CliCommandSpec): string {
  return [c.name, c.subcommands?.length ? c.subcommands.join('|') : '', c.args].filter(Boolean).join(' ');
}

const SYNOPSIS_WIDTH = Math.min(52, Math.max(...COMMANDS.map((c) => synopsis(c).length)));

export const MAIN_USAGE = `Usage: tokentally <command> [options]

Commands:
${COMMANDS.map((c) => {
  const left = synopsis(c);
  // A long synopsis gets its own line, the summary indented under it.
  return left.length > SYNOPSIS_WIDTH ? `  ${left}\n  ${' '.repeat(SYNOPSIS_WIDTH)}  ${c.summary}` : `  ${left.padEnd(SYNOPSIS_WIDTH)}  ${c.summary}`;
}).join('\n')}

Run "tokentally <command> --help" for a command's options.
Data lives in --data-dir DIR, else $TOKENTALLY_DATA_DIR, else the app's folder (~/.config/Tokentally on Linux).`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(MAIN_USAGE + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name)?.run;
  if (!command) {
    io.stderr.write(`tokentally: unknown command "${name}"\n\n${MAIN_USAGE}\n`);
    return 2;
  }
  return runCommand(name, command, rest, io);
}

/** Run with the real process streams; `serve` keeps the process alive until a signal. */
export function runFromProcess(argv: string[] = process.argv.slice(2)): void {
  runWithProcess(runCli, argv);
}

// `npm run cli` runs this file directly through tsx; the `tokentally` bin calls runFromProcess.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) runFromProcess();
