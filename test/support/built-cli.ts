import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The `tokentally` command as npm installs it (package.json "bin"). */
export const BIN = path.join(ROOT, 'bin', 'tokentally.js');

/** Build the Node side once if `npm test`'s pretest build did not (e.g. running one file): the bin runs out/. */
export function ensureNodeBuilt(): void {
  const built = ['out/statusline.cjs', 'out/import/import.js', 'out/electron/core/cli/main.js'];
  if (built.every((file) => fs.existsSync(path.join(ROOT, file)))) return;
  execFileSync('npm', ['run', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
}

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `tokentally ARGS` as a real process, with `input` on stdin. */
export function runBin(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tokentally ${args.join(' ')} did not finish in ${options.timeoutMs ?? 20_000} ms:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
