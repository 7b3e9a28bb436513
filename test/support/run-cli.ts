import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/core/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams and its own environment. */
/** `tty`: stderr says it is a terminal (progress lines are written only there). */
export async function runCliCaptured(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; tty?: boolean } = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  if (options.tty) Object.assign(stderr, { isTTY: true });
  stdin.end(options.stdin ?? '');
  const code = await runCli(argv, { stdin, stdout, stderr, env: { ...options.env } });
  return { code, stdout: out, stderr: err };
}
