/**
 * `tokentally statusline`: Claude Code's status-line command. It reads the JSON Claude Code writes
 * on stdin, stores the plan-window figures it carries, and prints one line. Claude Code runs it on
 * every update, so it is kept light: it imports only what the line needs, the build bundles it into
 * one file (scripts/bundle-statusline.mjs), and bin/tokentally.js loads that alone, not the CLI's
 * dispatcher and every command.
 */
import type { Readable } from 'node:stream';
import { useDateForZone } from '../../../../shared/time/zoned.js';
import { processZoneName } from '../../local-zone.js';
import { resolveDataDir } from '../../paths.js';
import { runStatusLine } from '../../statusline/status-line.js';
import { UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { errorMessage } from '../../../../shared/error-message.js';

export const STATUSLINE_USAGE = `Usage: tokentally statusline [--data-dir DIR] [--json]

For Claude Code's status line (settings.json: "statusLine": {"type": "command", "command":
"tokentally statusline"}). Reads the JSON Claude Code passes on stdin and prints one line: this
session's cost, today's spend against today's allowance, and the tightest plan window. The 5-hour
and weekly figures in the input are stored as plan-window readings. Reads the ledger directly:
the app need not be running.
  --json            print what was read and stored as JSON instead of the line (for checking)
  --data-dir DIR    where the ledger lives`;

/** Claude Code's input is a few kilobytes; anything past this is not a status-line input. */
const MAX_INPUT_BYTES = 1024 * 1024;

export const statuslineCommand: CliCommand = (args, io) => statusLine(args, io, {});

/** nativeBinding: better-sqlite3's addon, for the bundle (which leaves out the package that finds it). */
async function statusLine(args: string[], io: CliIO, options: { nativeBinding?: string }): Promise<number> {
  // Days and clocks in the machine's zone without loading Intl (tens of ms; shared/time/zoned.ts).
  useDateForZone(processZoneName());
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, STATUSLINE_USAGE);
  if (values.help) {
    io.stdout.write(STATUSLINE_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, STATUSLINE_USAGE);
  const stdinText = await readInput(io.stdin);
  const result = runStatusLine({ stdinText, dataDir: resolveDataDir(values['data-dir'], io.env), now: Date.now(), nativeBinding: options.nativeBinding });
  if (values.json) {
    const { input, stored, problem, line } = result;
    io.stdout.write(JSON.stringify({ line, stored, problem, input: { ...input, sessionCostUsd: input.sessionCostNano === null ? null : input.sessionCostNano / 1e9 } }) + '\n');
  } else {
    io.stdout.write(result.line + '\n');
  }
  // Always 0: Claude Code blanks the status line on a failure, and the line says what went wrong.
  return 0;
}

/**
 * All of stdin, or what came before it parsed as one JSON object (a caller that keeps stdin open
 * must not hang the line). A terminal gives nothing: run by hand, the line shows the ledger alone.
 */
export function readInput(stdin: Readable & { isTTY?: boolean }): Promise<string> {
  if (stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.off('end', done);
      stdin.off('error', reject);
      stdin.pause();
      resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (text.length > MAX_INPUT_BYTES || (text.trimEnd().endsWith('}') && parsesAsJson(text))) done();
    };
    stdin.on('data', onData);
    stdin.on('end', done);
    stdin.on('error', reject);
  });
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The bin's fast path: the process's own streams, exit code set when done. */
export function runStatusLineFromProcess(argv: string[], options: { nativeBinding?: string } = {}): void {
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  statusLine(argv, io, options).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const usage = err instanceof UsageError;
      process.stderr.write(`tokentally statusline: ${errorMessage(err)}\n${usage ? `\n${STATUSLINE_USAGE}\n` : ''}`);
      process.exitCode = usage ? 2 : 1;
    },
  );
}
