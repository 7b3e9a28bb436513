/**
 * A ledger damaged in its data pages (garbage written over a page of a real file), as a user
 * meets it through `tokentally serve` and `tokentally doctor`:
 *  - damage in an old page: serve starts (the start check reads no more than a write touches),
 *    `doctor` says the quick check passed, `doctor --full` finds it;
 *  - damage on the write path (the last page of the calls): serve refuses to start, says the
 *    ledger is damaged and names the way out;
 *  - `doctor --repair`: the damaged file is kept aside, keys, budgets and settings and every call
 *    that can be read are carried over (the totals agree with the calls), and the next start
 *    imports the Claude Code logs again.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const STORED_KEY = 'sk-ant-api03-kept-through-repair-0123456789';
let fake: FakeProvider;
let running: ServeProcess | null = null;

beforeAll(async () => {
  fake = await startFakeProvider('anthropic');
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  if (running && running.child.exitCode === null) await running.stop('SIGKILL');
  running = null;
});

/** A Claude config folder with one session of three replies. */
function claudeConfig(): string {
  const config = tempDir();
  const dir = path.join(config, 'projects', '-home-dev-app');
  fs.mkdirSync(dir, { recursive: true });
  const line = (n: number) =>
    JSON.stringify({
      type: 'assistant',
      timestamp: new Date(Date.now() - (10 - n) * 60_000).toISOString(),
      sessionId: 's1',
      requestId: `req_cc_${n}`,
      message: { id: `msg_cc_${n}`, model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 1000, output_tokens: 100 * n, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
    });
  fs.writeFileSync(path.join(dir, 'session.jsonl'), [1, 2, 3].map(line).join('\n') + '\n');
  return config;
}

function env(config: string): Record<string, string> {
  return { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url, TOKENTALLY_NO_POLL: '1', CLAUDE_CONFIG_DIR: config, CODEX_HOME: path.join(config, 'no-codex') };
}

async function cli(args: string[], dataDir: string) {
  return runCliCaptured([...args, '--data-dir', dataDir]);
}

interface Requests {
  requests: { id: number; source: string; costUsd: number }[];
}

async function ledgerRows(dataDir: string): Promise<Requests['requests']> {
  const run = await cli(['report', 'requests', '--json'], dataDir);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Requests).requests;
}

/** The usage table's leaf pages, in key order (the last one is where the next call is written). */
function usageLeaves(file: string): { pages: number[]; pageSize: number } {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'usage' AND pagetype = 'leaf' ORDER BY path").pluck().all() as number[]);
    return { pages, pageSize };
  } finally {
    db.close();
  }
}

function writeGarbage(file: string, page: number, pageSize: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}

describe('a ledger damaged in its data pages', () => {
  it('is found early, explained, and repaired keeping what can be read', async () => {
    const dataDir = tempDir();
    const config = claudeConfig();
    const file = path.join(dataDir, 'tokentally.db');

    // A key, a hard budget, a setting, and 4,000 older calls in a real ledger file.
    expect((await runCliCaptured(['keys', 'set', 'anthropic', '--data-dir', dataDir], { stdin: STORED_KEY })).code).toBe(0);
    expect((await cli(['budget', 'set', '--monthly', '50', '--hard'], dataDir)).code).toBe(0);
    const start = Date.now() - 20 * 86_400_000;
    fillLedger(dataDir, {
      settings: { storeBodiesForTags: ['kept-tag'] },
      usage: Array.from({ length: 4000 }, (_, i) => pricedRecord({ time: start + i * 60_000, model: 'claude-haiku-4-5', tokens: { inputTokens: 1000 + i, outputTokens: 50 }, requestId: `req_seed_${i}` })),
    });

    // Serve imports the Claude Code session and takes five calls through the proxy.
    running = await startServe(['--port', '0', '--data-dir', dataDir], env(config));
    for (let i = 0; i < 5; i++) expect((await fetch(`${running.proxyUrl}/anthropic/v1/models`)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${running.proxyUrl}/anthropic/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: `call ${i}` }] }),
      });
      expect(res.status).toBe(200);
    }
    expect(fake.requests.every((r) => r.headers['x-api-key'] === STORED_KEY)).toBe(true);
    expect(await running.stop()).toBe(0);
    const before = await ledgerRows(dataDir);
    expect(before).toHaveLength(4000 + 3 + 5);

    // 1. Damage in an old page: the start check does not scan, serve starts; only --full finds it.
    const { pages, pageSize } = usageLeaves(file);
    expect(pages.length).toBeGreaterThan(20);
    writeGarbage(file, pages[5]!, pageSize);
    running = await startServe(['--port', '0', '--data-dir', dataDir], env(config));
    // Not under a running server: it would go on writing its calls to the file set aside.
    const underServe = await cli(['doctor', '--repair'], dataDir);
    expect(underServe.code).toBe(1);
    expect(underServe.stderr).toContain(`Tokentally (pid ${running.child.pid}) is running on this ledger: quit the app or stop \`tokentally serve\` first`);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('damaged'))).toEqual([]);
    const code = await running.stop();
    expect(fs.existsSync(path.join(dataDir, 'tokentally.pid')), 'the mark goes with the server').toBe(false);
    expect(code, running.output() + String(running.child.signalCode)).toBe(0);
    const quick = await cli(['doctor'], dataDir);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toContain('looks sound');
    const full = await cli(['doctor', '--full'], dataDir);
    expect(full.code).toBe(1);
    expect(full.stdout).toContain(`The ledger ${file} is damaged:`);
    expect(full.stdout).toContain('  - table usage: database disk image is malformed (reading every page of it and its indexes)');
    expect(full.stdout).not.toContain('table settings');

    // 2. Damage where the next call is written: serve refuses to start, plainly, with the way out.
    writeGarbage(file, pages[pages.length - 1]!, pageSize);
    const refused = await startServe(['--port', '0', '--data-dir', dataDir], env(config)).catch((e: Error) => e.message);
    expect(refused).toContain(`the ledger ${file} is damaged`);
    expect(refused).toContain('database disk image is malformed');
    expect(refused).toContain(`tokentally doctor --repair --data-dir "${dataDir}"`);
    const report = await cli(['report', 'daily'], dataDir);
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('is damaged');

    // 3. The way out.
    const repair = await cli(['doctor', '--repair'], dataDir);
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    const aside = /kept as (\S+):/.exec(repair.stdout)?.[1];
    expect(aside).toBeDefined();
    expect(fs.existsSync(aside!)).toBe(true);
    expect(repair.stdout).toMatch(/usage: [\d,]+ rows; 2 damaged ranges of rows could not be read/);
    expect(repair.stdout).toMatch(/secrets: 1 row\b/);
    expect(repair.stdout).toMatch(/budgets: 1 row\b/);

    expect((await cli(['doctor', '--full'], dataDir)).code).toBe(0);
    const keys = await cli(['keys', 'list', '--json'], dataDir);
    expect(JSON.parse(keys.stdout).keys).toMatchObject([{ provider: 'anthropic', readable: true }]);
    expect(JSON.parse((await cli(['budget', 'list', '--json'], dataDir)).stdout)).toMatchObject({ budgets: [{ scope: 'overall', hard: true, monthlyUsd: 50 }] });
    const after = await ledgerRows(dataDir);
    const lost = before.length - after.length;
    // Two pages' worth of calls at most, and every call carried keeps its id and cost.
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(200);
    const beforeById = new Map(before.map((r) => [r.id, r]));
    for (const r of after) expect(r.costUsd).toBe(beforeById.get(r.id)!.costUsd);
    // The rollups were rebuilt from the calls carried: the totals agree with the rows.
    const daily = JSON.parse((await cli(['report', 'daily', '--json'], dataDir)).stdout) as { totals: { requests: number } };
    expect(daily.totals.requests).toBe(after.length);

    // 4. The next start imports the Claude Code session again and takes calls with the stored key.
    fake.requests.length = 0;
    running = await startServe(['--port', '0', '--data-dir', dataDir], env(config));
    expect((await fetch(`${running.proxyUrl}/anthropic/v1/models`)).status).toBe(200);
    expect(fake.requests[0]!.headers['x-api-key']).toBe(STORED_KEY);
    let rows = after;
    for (let i = 0; i < 50 && rows.filter((r) => r.source === 'import').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await ledgerRows(dataDir);
    }
    expect(rows.filter((r) => r.source === 'import')).toHaveLength(3);
    expect(await running.stop()).toBe(0);
    const settings = new Database(file, { readonly: true });
    expect(settings.prepare("SELECT value FROM settings WHERE key = 'storeBodiesForTags'").pluck().get()).toBe('["kept-tag"]');
    settings.close();
  }, 120_000);
});
