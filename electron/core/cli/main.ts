#!/usr/bin/env node
/**
 * `tokentally` command line: one dispatcher, one module per command. Every failure the user can
 * act on is one line on stderr; wrong arguments print usage and exit 2.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, UsageError, type CliCommand, type CliIO } from './io.js';
import { importCommand } from './commands/import.js';
import { budgetCommand } from './commands/budget.js';
import { keysCommand } from './commands/keys.js';
import { pollCommand } from './commands/poll.js';
import { pricesCommand } from './commands/prices.js';
import { reportCommand } from './commands/report.js';
import { serveCommand } from './commands/serve.js';
import { windowsCommand } from './commands/windows.js';
import { APP_VERSION } from '../version.js';

export const MAIN_USAGE = `Usage: tokentally <command> [options]

Commands:
  serve [--port N] [--data-dir DIR] [--ui]      run the proxy (and with --ui the dashboard) headless
  report daily|monthly|requests [options]      usage and cost tables (--json for scripts)
  report reconcile [--since D] [--until D]     provider-reported cost beside the proxy's, and credit balances
  prices MODEL [--provider P] [--input N] ...  what a call costs, kind by kind
  keys set|list|rm ...                          the encrypted API key store
  poll [PROVIDER]                               read the providers' usage, cost and balance reports now
  budget set|list|rm|check ...                 budgets and hard caps; check exits 3/4 when over (for CI)
  import claude-code|codex [--dir DIR]          Claude Code transcripts / Codex sessions as subscription usage
  windows [--json]                              plan windows (5-hour, weekly) and the runway, tightest first

Run "tokentally <command> --help" for a command's options.
Data lives in --data-dir DIR, else $TOKENTALLY_DATA_DIR, else the app's folder (~/.config/Tokentally on Linux).`;

const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  report: reportCommand,
  prices: pricesCommand,
  keys: keysCommand,
  poll: pollCommand,
  budget: budgetCommand,
  import: importCommand,
  windows: windowsCommand,
};

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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`tokentally: unknown command "${name}"\n\n${MAIN_USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`tokentally ${name}: ${err.message}\n\n${err.usage}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr.write(`tokentally ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`tokentally ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** Run with the real process streams; `serve` keeps the process alive until a signal. */
export function runFromProcess(argv: string[] = process.argv.slice(2)): void {
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  runCli(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`tokentally: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

// `npm run cli` runs this file directly through tsx; the `tokentally` bin calls runFromProcess.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) runFromProcess();
