/**
 * A full disk under `tokentally serve`, for real: the data folder lives on a small tmpfs mounted in
 * a private mount namespace (unshare), the disk is filled while serve runs, calls keep coming, then
 * SIGTERM. Calls the ledger refuses go to the recovery file (its space reserved at the start) and
 * the next start imports them: every call present once. When even the recovery file could not be
 * reserved, the stop says how many calls are lost and exits non-zero (issue 12.1).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { startServe } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { errorCode } from '../../shared/error-message.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MOUNT = '/tmp/tokentally-full-disk';

/** Whether this machine lets us mount a tmpfs in a private namespace (root, or user namespaces). */
function canMountTmpfs(): boolean {
  try {
    execFileSync('unshare', ['-Urm', 'sh', '-c', `mkdir -p ${MOUNT} && mount -t tmpfs -o size=1m none ${MOUNT}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface FullDiskServe {
  url: string;
  uiUrl: string;
  /** The node process (serve) inside the namespace: signals go to it. */
  pid: number;
  output(): string;
  /** Resolves with serve's exit code once the data folder has been copied out of the tmpfs. */
  exited: Promise<number>;
}

/**
 * Serve on a tmpfs of `sizeMb`; when it exits, the script copies the data folder to `copyTo`
 * (the tmpfs disappears with the namespace) and exits with serve's code.
 */
async function serveOnTmpfs(sizeMb: number, copyTo: string, upstream: string): Promise<FullDiskServe> {
  const script = [
    'set -e',
    `mkdir -p ${MOUNT}`,
    `mount -t tmpfs -o size=${sizeMb}m none ${MOUNT}`,
    `node --import tsx ${path.join(ROOT, 'electron/core/cli/main.ts')} serve --port 0 --ui --data-dir ${MOUNT}/data &`,
    'pid=$!',
    'echo "serve-pid $pid"',
    'set +e',
    'wait $pid',
    'code=$?',
    `cp -a ${MOUNT}/data/. ${copyTo}/`,
    'exit $code',
  ].join('\n');
  const child = spawn('unshare', ['-Urm', 'sh', '-c', script], {
    cwd: ROOT,
    env: {
      ...process.env,
      TOKENTALLY_UPSTREAM_ANTHROPIC: upstream,
      TOKENTALLY_NO_POLL: '1',
      TOKENTALLY_NO_IMPORT: '1',
      TOKENTALLY_NO_CODEX_IMPORT: '1',
      TOKENTALLY_NO_GEMINI_IMPORT: '1',
      TOKENTALLY_MASTER_KEY: 'full-disk-test',
      // Not under a script runner: serve must not watch the test's parent.
      npm_lifecycle_event: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    const check = () => /Press Ctrl-C to stop/.test(out) && (clearTimeout(timer), resolve());
    child.stdout!.on('data', check);
    void exited.then(() => (clearTimeout(timer), reject(new Error(`serve exited early:\n${out}`))));
  });
  return {
    url: /^Proxy: (\S+)/m.exec(out)![1]!,
    uiUrl: /^UI:\s+(\S+)/m.exec(out)![1]!,
    pid: Number(/^serve-pid (\d+)/m.exec(out)![1]),
    output: () => out,
    exited,
  };
}

/** Fills the namespace's tmpfs through serve's own view of the file system (/proc/PID/root). */
function fillDisk(pid: number): void {
  const fd = fs.openSync(`/proc/${pid}/root${MOUNT}/filler`, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if (errorCode(err) !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

async function call(proxy: string, i: number): Promise<string> {
  const res = await fetch(`${proxy}/anthropic/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-full-disk' },
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: `call ${i} ${'padding '.repeat(200)}` }] }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return res.headers.get('request-id') ?? '';
}

async function ledgerHealth(uiUrl: string): Promise<{ state: string; message: string | null; kept: number }> {
  const ui = new URL(uiUrl);
  const res = await fetch(`${ui.origin}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${ui.searchParams.get('token')}`, 'content-type': 'application/json' }, body: 'null' });
  const answer = (await res.json()) as { ok: boolean; result: { ledger?: { state: string; message: string | null; kept: number } } };
  return answer.result.ledger ?? { state: 'ok', message: null, kept: 0 };
}

const mountable = canMountTmpfs();

describe.skipIf(!mountable)('a full disk under tokentally serve', () => {
  const tempDir = useTempDirs();
  let fake: FakeProvider;
  beforeEach(async () => {
    fake = await startFakeProvider('anthropic');
  });
  afterEach(async () => {
    await fake.close();
  });

  it('keeps the refused calls in the recovery file, stops cleanly, and the next start imports every call once', async () => {
    const copy = tempDir();
    const served = await serveOnTmpfs(24, copy, fake.url);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await call(served.url, i));
    fillDisk(served.pid);
    // Calls until the ledger says it cannot write (a WAL with room left takes a few more first).
    let health = await ledgerHealth(served.uiUrl);
    for (let i = 20; i < 2000 && health.state === 'ok'; i++) {
      ids.push(await call(served.url, i));
      if (i % 20 === 0) health = await ledgerHealth(served.uiUrl);
    }
    for (let i = 0; i < 200; i++) ids.push(await call(served.url, 2000 + i));
    await new Promise((r) => setTimeout(r, 300));
    health = await ledgerHealth(served.uiUrl);
    expect(health.state).toBe('failing');
    expect(health.message).toContain('disk full');
    expect(health.kept).toBeGreaterThan(0);

    process.kill(served.pid, 'SIGTERM');
    expect(await served.exited).toBe(0);
    expect(served.output()).toMatch(/kept in the recovery file and will be imported at the next start/);

    // The next start, on a disk with room: the recovery file is imported.
    const again = await startServe(['--port', '0', '--data-dir', copy], { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url, TOKENTALLY_NO_POLL: '1', TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_MASTER_KEY: 'full-disk-test' });
    expect(await again.stop()).toBe(0);
    const db = new Database(path.join(copy, 'tokentally.db'), { readonly: true });
    const stored = db.prepare("SELECT request_id AS id, COUNT(*) AS n FROM usage WHERE source = 'proxy' GROUP BY request_id").all() as { id: string; n: number }[];
    db.close();
    expect(stored.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));
  }, 240_000);

  it('says how many calls are lost and exits non-zero when the recovery file could not be reserved either', async () => {
    const copy = tempDir();
    // 3 MB: the ledger fits, the recovery file's 8 MB reservation does not.
    const served = await serveOnTmpfs(3, copy, fake.url);
    expect(served.output()).toMatch(/recovery file .* cannot be reserved/);
    fillDisk(served.pid);
    let health = await ledgerHealth(served.uiUrl);
    for (let i = 0; i < 2000 && health.state === 'ok'; i++) {
      await call(served.url, i);
      if (i % 20 === 0) health = await ledgerHealth(served.uiUrl);
    }
    for (let i = 0; i < 50; i++) await call(served.url, 5000 + i);
    process.kill(served.pid, 'SIGTERM');
    expect(await served.exited).toBe(1);
    expect(served.output()).toMatch(/Stopped, but \d+ finished call\(s\) could be written neither to the ledger nor to the recovery file: they are lost/);
    expect(served.output()).not.toMatch(/^Stopped\.$/m);
  }, 240_000);
});
