/**
 * `tokentally statusline`: Claude Code's status-line command. It reads the JSON Claude Code writes
 * on stdin, stores the plan-window figures it carries, and prints one line. Claude Code runs it on
 * every update, so it is kept light: it imports only what the line needs, the build bundles it into
 * one file (scripts/bundle-statusline.mjs), and bin/tokentally.js loads that alone, not the CLI's
 * dispatcher and every command.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { useDateForZone } from '../../../../shared/time/zoned.js';
import { processZoneName } from '../../local-zone.js';
import { resolveDataDir } from '../../paths.js';
import { runStatusLine } from '../../statusline/status-line.js';
import { UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { errorCode, errorMessage } from '../../../../shared/error-message.js';

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

export const statuslineCommand: CliCommand = (args, io) =>
  statusLine(args, io.env, () => readInput(io.stdin), (text) => io.stdout.write(text), {});

/** nativeBinding: better-sqlite3's addon, for the bundle (which leaves out the package that finds it). */
async function statusLine(
  args: string[],
  env: NodeJS.ProcessEnv,
  readStdin: () => string | Promise<string>,
  write: (text: string) => void,
  options: { nativeBinding?: string },
): Promise<number> {
  // Days and clocks in the machine's zone without loading Intl (tens of ms; shared/time/zoned.ts).
  useDateForZone(processZoneName());
  const { values, positionals } = plainArgs(args) ?? parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, STATUSLINE_USAGE);
  if (values.help) {
    write(STATUSLINE_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, STATUSLINE_USAGE);
  const stdinText = await readStdin();
  const result = await runStatusLine({ stdinText, dataDir: resolveDataDir(values['data-dir'], env), now: Date.now(), nativeBinding: options.nativeBinding });
  if (values.json) {
    const { input, stored, problem, line } = result;
    write(JSON.stringify({ line, stored, problem, input: { ...input, sessionCostUsd: input.sessionCostNano === null ? null : input.sessionCostNano / 1e9 } }) + '\n');
  } else {
    write(result.line + '\n');
  }
  // Always 0: Claude Code blanks the status line on a failure, and the line says what went wrong.
  return 0;
}

/**
 * The arguments Claude Code's settings give (`--json`, `--data-dir DIR` or `--data-dir=DIR`) read
 * without node:util's parseArgs, whose first call loads its module (a few ms of every update);
 * null for anything else, which parseCommandArgs reads and, when wrong, explains.
 */
function plainArgs(args: readonly string[]): { values: { json?: boolean; 'data-dir'?: string; help?: boolean }; positionals: string[] } | null {
  const values: { json?: boolean; 'data-dir'?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json' && values.json === undefined) values.json = true;
    else if (arg.startsWith('--data-dir=') && values['data-dir'] === undefined) values['data-dir'] = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir' && values['data-dir'] === undefined && args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) values['data-dir'] = args[++i];
    else return null;
  }
  return { values, positionals: [] };
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
      if (inputComplete(text)) done();
    };
    stdin.on('data', onData);
    stdin.on('end', done);
    stdin.on('error', reject);
  });
}

/** Enough read: too much to be Claude Code's input, or one whole JSON object. */
function inputComplete(text: string): boolean {
  return text.length > MAX_INPUT_BYTES || (text.trimEnd().endsWith('}') && parsesAsJson(text));
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The bin's fast path: stdin read and the line written with plain blocking reads and writes on
 * the process's descriptors, so Node never builds its stdin and stdout streams (their modules
 * cost several ms of the status line's start-up); exit code set when done.
 */
export function runStatusLineFromProcess(argv: string[], options: { nativeBinding?: string } = {}): void {
  statusLine(argv, process.env, readProcessStdin, writeProcessStdout, options).then(
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

/**
 * readInput on descriptor 0 with blocking reads, when it is a pipe, a socket (how Node and Bun
 * children get their stdin) or a file. Anything else (a terminal, /dev/null) and a descriptor
 * that would block (non-blocking, shared with its writer) go through the stream, as before.
 */
function readProcessStdin(): string | Promise<string> {
  const chunks: Buffer[] = [];
  const text = () => Buffer.concat(chunks).toString('utf8');
  try {
    const stat = fs.fstatSync(0);
    if (!stat.isFIFO() && !stat.isSocket() && !stat.isFile()) return readInput(process.stdin);
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = fs.readSync(0, chunk, 0, chunk.length, null);
      if (n === 0) return text();
      chunks.push(chunk.subarray(0, n));
      if (inputComplete(text())) return text();
    }
  } catch (err) {
    const code = errorCode(err);
    if (code === 'EAGAIN') return readInput(process.stdin).then((rest) => text() + rest);
    // EOF: Windows' way of saying a pipe closed; EBADF: no stdin at all.
    if (code === 'EOF' || code === 'EBADF') return text();
    throw err;
  }
}

/** The line, written at once; through the stream only if the descriptor would block. */
function writeProcessStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  try {
    while (at < bytes.length) at += fs.writeSync(1, bytes, at);
  } catch (err) {
    if (errorCode(err) !== 'EAGAIN') throw err;
    process.stdout.write(bytes.subarray(at));
  }
}
