/**
 * Running one CLI command: its failures as one line on stderr (wrong arguments: the message and
 * the command's usage, exit 2), and the process's exit code. The dispatcher (main.ts) and the
 * entries that load a single command (import-entry.ts) run commands through here.
 */
import { CliError, UsageError, type CliCommand, type CliIO } from './io.js';
import { errorMessage } from '../../../shared/error-message.js';

export async function runCommand(name: string, command: CliCommand, args: string[], io: CliIO): Promise<number> {
  try {
    return await command(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`tokentally ${name}: ${err.message}\n\n${err.usage}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr.write(`tokentally ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`tokentally ${name}: ${errorMessage(err)}\n`);
    return 1;
  }
}

/** Runs `run` with the real process streams and sets the exit code it returns. */
export function runWithProcess(run: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): void {
  // A reader that went away (`tokentally report requests | head -1`, a closed terminal under
  // `serve`) is not a failure of the command: Node reports it as an EPIPE error on the stream, which
  // unhandled ended the process with a stack trace, and ended `serve` with calls still running. The
  // rest of the output goes nowhere; the command finishes (and `serve` goes on serving).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') process.exitCode = 1;
    });
  }
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  run(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`tokentally: ${errorMessage(err)}\n`);
      process.exitCode = 1;
    },
  );
}
