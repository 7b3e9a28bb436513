/**
 * A reader that goes away is not a failure: `tokentally report requests | head -1` ends quietly
 * (no stack trace, exit 0), and `tokentally serve` whose stdout was closed keeps forwarding and
 * recording calls (it died on the next log line: an unhandled EPIPE).
 */
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { BIN, ensureNodeBuilt, ROOT } from '../support/built-cli.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
beforeAll(() => ensureNodeBuilt(), 120_000);

/** Runs `tokentally ARGS`, reads its stdout until `enough` says so, then closes the pipe (what `head` does). */
function runAndHangUp(args: string[], enough: (out: string) => boolean): Promise<{ code: number | null; out: string; err: string; child: ReturnType<typeof spawn> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (enough(out)) child.stdout!.destroy();
    });
    child.on('exit', (code) => resolve({ code, out, err, child }));
  });
}

describe('a closed stdout', () => {
  it('report requests | head -1: no stack trace, exit 0', async () => {
    const dir = tempDir();
    const now = Date.now();
    fillLedger(dir, { usage: Array.from({ length: 3000 }, (_, i) => pricedRecord({ time: now - i * 1000, model: 'claude-haiku-4-5', tokens: { inputTokens: 10 + i } })) });
    const run = await runAndHangUp(['report', 'requests', '--limit', '3000', '--data-dir', dir], (out) => out.includes('\n'));
    expect(run.err).not.toMatch(/EPIPE|at .*\.js/);
    expect(run.code).toBe(0);
  }, 60_000);

  it('serve: stdout closed, calls still forwarded and recorded, SIGTERM still a clean stop', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir], {
      cwd: ROOT,
      // Nothing answers on port 9: every call logs a line (upstream unreachable) on the closed stdout.
      env: { ...process.env, TOKENTALLY_UPSTREAM_ANTHROPIC: 'http://127.0.0.1:9', TOKENTALLY_NO_POLL: '1', CLAUDE_CONFIG_DIR: dir, CODEX_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const proxy = await new Promise<string>((resolve) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const url = /^Proxy: (\S+)/m.exec(out)?.[1];
        if (url && out.includes('Ctrl-C')) resolve(url);
      });
    });
    child.stdout!.destroy();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const call = () => fetch(`${proxy}/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-pipe' }, body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }) });
    for (let i = 0; i < 3; i++) {
      expect((await call()).status).toBe(502);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const db = openDatabase(dir);
    try {
      expect(db.prepare("SELECT COUNT(*) FROM usage WHERE status = 'error'").pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  }, 60_000);
});
