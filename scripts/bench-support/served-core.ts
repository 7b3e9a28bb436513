/**
 * `tokentally serve` as a user runs it (the built CLI, its own process), for the benchmarks that
 * measure the served app rather than an in-process handler: bench:proxy, bench:isolation,
 * bench:durability.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'out/electron/core/cli/main.js');

export interface ServedCore {
  child: ChildProcess;
  /** http://127.0.0.1:port of the proxy. */
  proxy: string;
  /** The dashboard's address (with --ui), and the API's origin and token taken from it. */
  ui: string | null;
  api: { origin: string; token: string } | null;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export interface ServeOptions {
  dataDir: string;
  /** TOKENTALLY_UPSTREAM_ANTHROPIC: the fake provider. */
  upstream: string;
  ui?: boolean;
  env?: Record<string, string>;
  /** Node's own flags for the serve process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export function assertBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:node first`);
}

/** Starts serve on a free port (--port 0) with no importers and pollers, and waits for its banner. */
export function startServe(options: ServeOptions): Promise<ServedCore> {
  assertBuilt();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, 'serve', '--port', '0', '--data-dir', options.dataDir, ...(options.ui ? ['--ui'] : [])], {
    env: {
      ...process.env,
      TOKENTALLY_UPSTREAM_ANTHROPIC: options.upstream,
      TOKENTALLY_NO_POLL: '1',
      TOKENTALLY_NO_IMPORT: '1',
      TOKENTALLY_NO_CODEX_IMPORT: '1',
      TOKENTALLY_NO_GEMINI_IMPORT: '1',
      TOKENTALLY_MASTER_KEY: 'bench',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<ServedCore>((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`serve exited (${code}) before it was ready:\n${out}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('Press Ctrl-C to stop.')) return;
      const proxy = /Proxy: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const ui = /UI: +(http:\/\/\S+)/.exec(out)?.[1] ?? null;
      if (!proxy) return;
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const uiUrl = ui ? new URL(ui) : null;
      const token = uiUrl?.searchParams.get('token') ?? null;
      resolve({
        child,
        proxy,
        ui,
        api: uiUrl && token ? { origin: uiUrl.origin, token } : null,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** The resident memory of a process, from /proc (Linux), in bytes; null elsewhere. */
export function residentBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
