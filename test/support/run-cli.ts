import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/core/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams and its own environment. */
export async function runCliCaptured(argv: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  stdin.end(options.stdin ?? '');
  const code = await runCli(argv, { stdin, stdout, stderr, env: { ...options.env } });
  return { code, stdout: out, stderr: err };
}
