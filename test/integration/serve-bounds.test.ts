/**
 * Bounds on what comes in, through `tokentally serve` as a user meets them: request bodies too
 * large for their kind of endpoint or trickling, paths that climb out of the upstream's base,
 * a repeated Host header, a key store that cannot be read, a read-only data folder, and the hard
 * cap with both an API key and an OAuth token on one call.
 */
import Anthropic from '@anthropic-ai/sdk';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { runCliCaptured } from '../support/run-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const MB = 1024 * 1024;
const tempDir = useTempDirs();
let anthropic: FakeProvider;
let openai: FakeProvider;
let running: ServeProcess | null = null;

beforeAll(async () => {
  [anthropic, openai] = await Promise.all([startFakeProvider('anthropic'), startFakeProvider('openai')]);
});
afterAll(async () => {
  await Promise.all([anthropic.close(), openai.close()]);
});
afterEach(async () => {
  if (running && running.child.exitCode === null) await running.stop('SIGKILL');
  running = null;
  anthropic.requests.length = 0;
  openai.requests.length = 0;
  anthropic.script(null);
});

const ENV = () => ({
  TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url,
  TOKENTALLY_UPSTREAM_OPENAI: openai.url,
  TOKENTALLY_NO_IMPORT: '1',
  TOKENTALLY_NO_POLL: '1',
});

async function serve(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  running = await startServe(['--port', '0', '--data-dir', dataDir, '--ui'], { ...ENV(), ...env });
  return running;
}

/** Change settings through the dashboard's API, as the Settings page does. */
async function updateSettings(s: ServeProcess, patch: Record<string, unknown>): Promise<void> {
  const token = new URL(s.uiUrl!).searchParams.get('token')!;
  const res = await fetch(`${s.proxyUrl}/api/updateSettings`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(patch) });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

/** A raw HTTP/1.1 exchange: what the client writes is exactly what the proxy reads. */
function raw(url: string, text: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (c) => (out += c.toString()));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, 5_000);
  });
}

function jsonBody(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

const message = (text: string) => ({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user' as const, content: text }] });

describe('request bodies', () => {
  it('each kind of endpoint has its own limit, refused in the provider’s shape before anything is forwarded', async () => {
    const s = await serve(tempDir());
    await updateSettings(s, { proxyLimits: { callMb: 1, batchMb: 2, uploadMb: 3, bodyIdleSeconds: 2 } });

    // A model call over 1 MB: the Anthropic SDK gets its typed 413, not retried.
    const client = new Anthropic({ baseURL: `${s.proxyUrl}/anthropic`, apiKey: 'sk-ant-api03-test' });
    const err = await client.messages.create(message('x'.repeat(1.5 * MB))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(413);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    expect(String(err)).toContain("larger than the proxy's limit of 1.0 MB");
    // The same body creating a batch is under the batch limit and goes through.
    const batch = await client.messages.batches.create({ requests: [{ custom_id: 'a', params: message('x'.repeat(1.5 * MB)) }] });
    expect(batch.id).toBeTruthy();
    expect(anthropic.requests.map((r) => r.url)).toEqual(['/v1/messages/batches']);

    // File uploads: 2.5 MB passes the 3 MB upload limit, 3.5 MB does not (OpenAI's shape).
    const files = new OpenAI({ baseURL: `${s.proxyUrl}/openai/v1`, apiKey: 'sk-test' });
    const upload = (bytes: number) => files.files.create({ file: new File([Buffer.alloc(bytes, 'a')], 'batch.jsonl'), purpose: 'batch' });
    await upload(2.5 * MB).catch(() => {});
    expect(openai.requests.map((r) => r.url)).toEqual(['/v1/files']);
    const tooBig = await upload(3.5 * MB).catch((e: unknown) => e);
    expect((tooBig as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((tooBig as InstanceType<typeof OpenAI.APIError>).code).toBe('request_too_large');
    expect(openai.requests).toHaveLength(1);

    // A chunked body with no Content-Length is counted as it arrives.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${s.proxyUrl}/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(100 * 1024, 'y'));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    expect(anthropic.requests).toHaveLength(1);

    // A body that trickles: cut after 2 s of silence with a 408, never forwarded.
    const started = Date.now();
    const trickle = await raw(
      s.proxyUrl,
      'POST /anthropic/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nx-api-key: k\r\nContent-Length: 5000\r\n\r\n{"model":',
    );
    expect(trickle).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(jsonBody(trickle)).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    expect(anthropic.requests).toHaveLength(1);
  }, 60_000);
});

describe('paths and hosts', () => {
  it('dot segments cannot climb out of the upstream base path; a repeated Host is refused', async () => {
    const s = await serve(tempDir());
    for (const p of ['/anthropic/v1/../../admin', '/anthropic/v1/%2e%2e/%2e%2e/admin', '/anthropic/v1/..%2f..%2fadmin', '/anthropic/./v1/messages']) {
      const answer = await raw(s.proxyUrl, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nConnection: close\r\n\r\n`);
      expect(answer, p).toMatch(/^HTTP\/1\.1 400/);
      expect(jsonBody(answer), p).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    }
    const twoHosts = await raw(s.proxyUrl, 'GET /anthropic/v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nx-api-key: k\r\nConnection: close\r\n\r\n');
    expect(twoHosts).toMatch(/^HTTP\/1\.1 400/);
    expect(twoHosts).toContain('More than one Host header');
    // The same requests spelled plainly do reach the provider.
    const plain = await raw(s.proxyUrl, 'GET /anthropic/v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\nConnection: close\r\n\r\n');
    expect(plain).toMatch(/^HTTP\/1\.1 200/);
    expect(anthropic.requests.map((r) => r.url)).toEqual(['/v1/models']);
  }, 60_000);
});

describe('the key store and the data folder', () => {
  it('a stored key that cannot be read is reported once by serve and shown by keys list', async () => {
    const dataDir = tempDir();
    const keyA = 'a'.repeat(64);
    const keyB = 'b'.repeat(64);
    const stored = await runCliCaptured(['keys', 'set', 'anthropic', '--data-dir', dataDir], { stdin: 'sk-ant-api03-stored-key-0123456789', env: { TOKENTALLY_MASTER_KEY: keyA } });
    expect(stored.code, stored.stderr).toBe(0);

    const s = await serve(dataDir, { TOKENTALLY_MASTER_KEY: keyB });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.proxyUrl}/anthropic/v1/models`);
      expect(res.status).toBe(401);
    }
    expect(anthropic.requests.map((r) => r.headers['x-api-key'] ?? null)).toEqual([null, null, null]);
    const reported = s.output().split('\n').filter((l) => l.includes('anthropic key cannot be read'));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('different master key');

    const wrong = await runCliCaptured(['keys', 'list', '--data-dir', dataDir], { env: { TOKENTALLY_MASTER_KEY: keyB } });
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toMatch(/anthropic\s+api\s+.*UNREADABLE/);
    expect(wrong.stderr).toContain('the anthropic API key cannot be read: this key was stored with a different master key');
    const json = await runCliCaptured(['keys', 'list', '--json', '--data-dir', dataDir], { env: { TOKENTALLY_MASTER_KEY: keyB } });
    expect(JSON.parse(json.stdout).keys[0]).toMatchObject({ provider: 'anthropic', readable: false });
    const right = await runCliCaptured(['keys', 'list', '--data-dir', dataDir], { env: { TOKENTALLY_MASTER_KEY: keyA } });
    expect(right.stdout).toMatch(/anthropic\s+api\s+.*\sok\s/);
    expect(right.stderr).toBe('');
  }, 60_000);

  it('a read-only data folder is named as read-only', async (ctx) => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const created = await runCliCaptured(['budget', 'set', '--monthly', '10', '--data-dir', dataDir]);
    expect(created.code, created.stderr).toBe(0);
    const undo = makeReadOnly(dir);
    if (undo === null) return ctx.skip();
    try {
      const failed = await startServe(['--port', '0', '--data-dir', dataDir], ENV()).catch((e: Error) => e.message);
      expect(failed).toContain(`the data folder ${dataDir} is read-only`);
      expect(failed).toContain('choose another folder with --data-dir');
      const fresh = await startServe(['--port', '0', '--data-dir', path.join(dataDir, 'new')], ENV()).catch((e: Error) => e.message);
      expect(fresh).toContain(`cannot create the data folder ${path.join(dataDir, 'new')}: ${dataDir} is read-only`);
    } finally {
      undo();
    }
  }, 60_000);
});

/** A read-only mount of the folder when running as root (root writes through file modes), else mode 0555. */
function makeReadOnly(dir: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    for (const d of [dir, path.join(dir, 'data')]) fs.chmodSync(d, 0o555);
    return () => {
      for (const d of [dir, path.join(dir, 'data')]) fs.chmodSync(d, 0o755);
    };
  }
  try {
    execFileSync('mount', ['--bind', '-o', 'ro', dir, dir], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return () => execFileSync('umount', [dir], { stdio: 'ignore' });
}

describe('the hard cap with two credentials', () => {
  it('an OAuth token beside a real x-api-key is API spend: a reached cap refuses it; the token alone passes', async () => {
    const dataDir = tempDir();
    const s = await serve(dataDir);
    // One expensive API call spends past a $0.01 hard cap.
    anthropic.script(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'msg_big', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 100_000, output_tokens: 10 } }),
    }));
    const api = new Anthropic({ baseURL: `${s.proxyUrl}/anthropic`, apiKey: 'sk-ant-api03-real-key-0123456789' });
    await api.messages.create(message('expensive'));
    anthropic.script(null);
    const capped = await runCliCaptured(['budget', 'set', '--monthly', '0.01', '--hard', '--data-dir', dataDir]);
    expect(capped.code, capped.stderr).toBe(0);
    // The ledger shows the spend once the writer has flushed it.
    await new Promise((r) => setTimeout(r, 300));

    const call = (headers: Record<string, string>) =>
      fetch(`${s.proxyUrl}/anthropic/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
        body: JSON.stringify(message('hi')),
      });
    const both = await call({ 'x-api-key': 'sk-ant-api03-real-key-0123456789', authorization: 'Bearer sk-ant-oat01-subscription' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { message: string } }).error.message).toContain('blocked by the hard');
    expect(anthropic.requests).toHaveLength(1);
    const token = await call({ authorization: 'Bearer sk-ant-oat01-subscription' });
    expect(token.status).toBe(200);
    expect(anthropic.requests).toHaveLength(2);

    let rows: { status: string; billing: string }[] = [];
    for (let tries = 0; rows.length < 3 && tries < 50; tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, 100));
      const report = await runCliCaptured(['report', 'requests', '--json', '--data-dir', dataDir]);
      rows = (JSON.parse(report.stdout) as { requests: { status: string; billing: string }[] }).requests;
    }
    expect(rows.map((r) => [r.status, r.billing])).toEqual([
      ['ok', 'api'],
      ['blocked', 'api'],
      ['ok', 'subscription'],
    ]);
  }, 60_000);
});
