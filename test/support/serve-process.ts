import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Build the renderer once if `npm test`'s pretest build did not (e.g. running one file). */
export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

export interface ServeProcess {
  child: ChildProcess;
  proxyUrl: string;
  uiUrl: string | null;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const NO_TRANSCRIPTS = path.join(os.tmpdir(), 'tokentally-test-no-transcripts');

/** Start `tokentally serve` as a real child process and wait for the addresses it prints. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/core/cli/main.ts'), 'serve', ...args], {
    cwd: ROOT,
    // The developer's own Claude Code, Codex and Gemini CLI logs stay out of test ledgers (tests name theirs).
    env: { ...process.env, CLAUDE_CONFIG_DIR: NO_TRANSCRIPTS, CODEX_HOME: NO_TRANSCRIPTS, GEMINI_CLI_HOME: NO_TRANSCRIPTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    const check = () => {
      if (/Press Ctrl-C to stop/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`serve exited early:\n${out}`));
    });
  });
  const proxyUrl = /^Proxy: (\S+)/m.exec(out)?.[1];
  if (!proxyUrl) throw new Error(`no Proxy line in:\n${out}`);
  return {
    child,
    proxyUrl,
    uiUrl: /^UI:\s+(\S+)/m.exec(out)?.[1] ?? null,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/** A caller of the dashboard's HTTP API as the page calls it (its access token from the UI address). */
export function dashboardApi(uiUrl: string): <T>(method: string, arg?: unknown) => Promise<T> {
  const ui = new URL(uiUrl);
  const token = ui.searchParams.get('token')!;
  return async <T>(method: string, arg: unknown = {}): Promise<T> => {
    const res = await fetch(`${ui.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(arg) });
    const envelope = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
    return envelope.result;
  };
}
