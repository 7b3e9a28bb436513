/**
 * `npm run cli -- serve` (the README's way in a checkout) as a user runs it: SIGTERM sent to npm
 * alone (a supervisor, `kill`), Ctrl-C (SIGINT to the whole process group) and a closed terminal
 * (SIGHUP to the group) stop the server cleanly: the server process exits, and every call that
 * finished before the signal is in the ledger.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { useTempDirs } from '../support/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tempDir = useTempDirs();
let anthropic: FakeProvider;
const started: ChildProcess[] = [];
const serverPids: number[] = [];

beforeAll(async () => {
  anthropic = await startFakeProvider('anthropic');
});
afterAll(async () => {
  await anthropic.close();
});
afterEach(() => {
  for (const pid of serverPids.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface NpmServe {
  npm: ChildProcess;
  serverPid: number;
  proxyUrl: string;
  npmExited: Promise<void>;
  output(): string;
}

/** `npm run cli -- serve …` in its own process group (as a terminal would run it), up and listening. */
async function npmServe(dataDir: string): Promise<NpmServe> {
  const npm = spawn('npm', ['run', 'cli', '--', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url, TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let out = '';
  npm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  npm.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const npmExited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!/Press Ctrl-C to stop/.test(out)) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`serve did not start under npm:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const serverPid = Number(/\(headless, pid (\d+)\)/.exec(out)?.[1]);
  serverPids.push(serverPid);
  return { npm, serverPid, proxyUrl: /^Proxy: (\S+)/m.exec(out)![1]!, npmExited, output: () => out };
}

async function calls(proxyUrl: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${proxyUrl}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-test', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: `call ${i}` }] }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

async function ledgerRows(dataDir: string): Promise<number> {
  const run = await runCliCaptured(['report', 'requests', '--json', '--data-dir', dataDir]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { requests: unknown[] }).requests.length;
}

describe('npm run cli -- serve stops cleanly', () => {
  for (const [how, send] of [
    ['SIGTERM to npm', (s: NpmServe) => s.npm.kill('SIGTERM')],
    ['Ctrl-C (SIGINT to the process group)', (s: NpmServe) => process.kill(-s.npm.pid!, 'SIGINT')],
    ['a closed terminal (SIGHUP to the process group)', (s: NpmServe) => process.kill(-s.npm.pid!, 'SIGHUP')],
  ] as const) {
    it(`${how}: the server exits and every finished call is written`, async () => {
      const dataDir = tempDir();
      const serve = await npmServe(dataDir);
      await calls(serve.proxyUrl, 5);
      send(serve);
      await serve.npmExited;
      expect(await gone(serve.serverPid, 10_000)).toBe(true);
      // The server's last lines may arrive just after it exits.
      await new Promise((r) => setTimeout(r, 100));
      expect(serve.output()).toContain('stopping; writing pending calls');
      expect(serve.output()).toContain('Stopped.');
      expect(await ledgerRows(dataDir)).toBe(5);
    }, 90_000);
  }
});
