import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { afterEach, describe, expect, it } from 'vitest';
import { installPriceData, priceUsage, useBundledPriceData } from '../../shared/pricing/index.js';
import type { PriceOverride } from '../../shared/api/contract.js';
import { getUsage, openDatabase, periodTotals, type Db } from '../../electron/core/ledger/index.js';
import { loadFileStates, runImportPass, type FileState } from '../../electron/core/sources/claude-code/index.js';
import type { PassOptions } from '../../electron/core/sources/claude-code/import-pass.js';
import { ensureNodeBuilt, ROOT, runBin } from '../support/built-cli.js';
import { workerScript } from '../../electron/core/threads/worker-script.js';
import type { WorkerInput, WorkerPost } from '../../electron/core/sources/claude-code/parse-worker.js';
import { readFileMessages } from '../../electron/core/sources/claude-code/read-file-messages.js';
import { unpackRows } from '../../electron/core/sources/claude-code/packed-rows.js';
import { priceDataSnapshot } from '../../shared/pricing/price-data.js';
import { readInOrder } from '../../electron/core/sources/claude-code/file-readers.js';
import { importRowKey } from '../../electron/core/sources/claude-code/import-row.js';
import { generateTranscripts } from '../support/transcript-generator.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

interface Setup {
  db: Db;
  projects: string;
  states: Map<string, FileState>;
  pass: (now?: number) => ReturnType<typeof runImportPass>;
}

function setup(): Setup {
  const root = tempDir();
  const projects = path.join(root, 'claude', 'projects');
  fs.mkdirSync(projects, { recursive: true });
  const db = openDatabase(path.join(root, 'data'));
  const states = loadFileStates(db);
  return { db, projects, states, pass: (now = Date.now()) => runImportPass({ db, folders: [projects], states, now: () => now, overrides: [] }) };
}

function line(o: { id: string; req: string; ts: string; output: number; cacheRead?: number; model?: string }): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: o.ts,
    sessionId: 's',
    uuid: `${o.id}-${o.output}`,
    requestId: o.req,
    message: {
      id: o.id,
      model: o.model ?? 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'ok' }],
      usage: { input_tokens: 10, cache_read_input_tokens: o.cacheRead ?? 1000, cache_creation_input_tokens: 0, output_tokens: o.output },
    },
  });
}

type Row = { id: number; external_id: string; output_tokens: number; time: number; cost_nano: number };
const rows = (db: Db) => db.prepare("SELECT id, external_id, output_tokens, time, cost_nano FROM usage WHERE source = 'import' ORDER BY time, id").all() as Row[];

describe('importing Claude Code transcripts', () => {
  it('stores one subscription record per message, as the transcripts say, priced at API rates of its day', async () => {
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 11, projects: 3, sessionsPerProject: 3, turnsPerSession: 15 });
    expect(g.lines.partialCopies).toBeGreaterThan(0);
    expect(g.lines.resumedCopies).toBeGreaterThan(0);
    expect(g.lines.synthetic + g.lines.apiError).toBeGreaterThan(0);
    const db = openDatabase(path.join(root, 'data'));
    try {
      const result = await runImportPass({ db, folders: [g.projectsDir], states: loadFileStates(db), now: Date.now, overrides: [] });
      expect(result).toMatchObject({ filesRead: g.files.length, bytesRead: g.bytes, inserted: g.messages.size, updated: 0, errors: [] });
      expect(g.lines.tornUsage).toBeGreaterThan(0);
      expect(result.badLines).toBe(g.lines.tornUsage);
      const stored = db.prepare("SELECT id FROM usage WHERE source = 'import'").pluck().all() as number[];
      expect(stored.length).toBe(g.messages.size);
      for (const id of stored) {
        const r = getUsage(db, id)!;
        const truth = g.messages.get(r.externalId!);
        expect(truth, r.externalId!).toBeDefined();
        const tokens = {
          inputTokens: truth!.input,
          cacheWrite5mTokens: truth!.cacheWrite5m,
          cacheWrite1hTokens: truth!.cacheWrite1h,
          cacheReadTokens: truth!.cacheRead,
          outputTokens: truth!.output,
          reasoningTokens: 0,
          webSearchRequests: truth!.webSearches,
        };
        const price = priceUsage({ provider: 'anthropic', model: truth!.model, tokens, at: new Date(truth!.time) });
        expect(r).toMatchObject({
          ...tokens,
          time: truth!.time,
          model: truth!.model,
          provider: 'anthropic',
          billing: 'subscription',
          source: 'import',
          status: 'ok',
          requestId: r.externalId!.split(':')[0],
          costNano: price.totalNano,
          priced: true,
        });
      }
    } finally {
      db.close();
    }
  });

  it('reads nothing on a second pass when nothing changed', async () => {
    const s = setup();
    fs.mkdirSync(path.join(s.projects, 'p'));
    fs.writeFileSync(path.join(s.projects, 'p', 'a.jsonl'), line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 }) + '\n');
    expect(await s.pass()).toMatchObject({ filesRead: 1, inserted: 1 });
    expect(await s.pass()).toMatchObject({ filesRead: 0, bytesRead: 0, inserted: 0, updated: 0 });
    // The offsets survive a restart: a new importer over the same ledger reads nothing either.
    const again = await runImportPass({ db: s.db, folders: [s.projects], states: loadFileStates(s.db), now: Date.now, overrides: [] });
    expect(again).toMatchObject({ filesRead: 0, bytesRead: 0, inserted: 0 });
    s.db.close();
  });

  it('reads only appended bytes, and leaves a half-written line for the next pass', async () => {
    const s = setup();
    const file = path.join(s.projects, 'a.jsonl');
    const first = line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 }) + '\n';
    fs.writeFileSync(file, first);
    await s.pass();
    const second = line({ id: 'm2', req: 'r2', ts: '2025-10-01T10:05:00Z', output: 70 }) + '\n';
    const third = line({ id: 'm3', req: 'r3', ts: '2025-10-01T10:06:00Z', output: 80 }) + '\n';
    fs.appendFileSync(file, second + third.slice(0, 60));
    expect(await s.pass()).toMatchObject({ filesRead: 1, bytesRead: Buffer.byteLength(second), inserted: 1 });
    fs.appendFileSync(file, third.slice(60));
    expect(await s.pass()).toMatchObject({ filesRead: 1, bytesRead: Buffer.byteLength(third), inserted: 1, badLines: 0 });
    expect(rows(s.db).map((r) => r.external_id)).toEqual(['r1:m1', 'r2:m2', 'r3:m3']);
    s.db.close();
  });

  it('replaces a message by a more complete copy that arrives in a later pass (streaming)', async () => {
    const s = setup();
    const file = path.join(s.projects, 'a.jsonl');
    fs.writeFileSync(file, line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 5 }) + '\n');
    await s.pass();
    const [before] = rows(s.db);
    fs.appendFileSync(file, line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:02Z', output: 500 }) + '\n');
    expect(await s.pass()).toMatchObject({ inserted: 0, updated: 1 });
    // An older, smaller copy arriving later changes nothing.
    fs.appendFileSync(file, line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:03Z', output: 7 }) + '\n');
    expect(await s.pass()).toMatchObject({ inserted: 0, updated: 0, skipped: 1 });
    const after = rows(s.db);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before!.id, output_tokens: 500, time: Date.parse('2025-10-01T10:00:02Z') });
    const price = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', tokens: { inputTokens: 10, cacheReadTokens: 1000, outputTokens: 500 }, at: new Date('2025-10-01T10:00:02Z') });
    expect(after[0]!.cost_nano).toBe(price.totalNano);
    // The rollup follows the update: the day's totals count the message once, at its final size.
    const day = periodTotals(s.db, { from: Date.parse('2025-10-01T00:00:00Z'), to: Date.parse('2025-10-02T00:00:00Z') });
    expect(day).toMatchObject({ requests: 1, outputTokens: 500, costNano: price.totalNano, spendNano: 0 });
    s.db.close();
  });

  it('reads a file that shrank or was replaced again from the start, without storing anything twice', async () => {
    const s = setup();
    const file = path.join(s.projects, 'a.jsonl');
    const l1 = line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 });
    const l2 = line({ id: 'm2', req: 'r2', ts: '2025-10-01T10:01:00Z', output: 60 });
    const l3 = line({ id: 'm3', req: 'r3', ts: '2025-10-01T10:02:00Z', output: 70 });
    fs.writeFileSync(file, [l1, l2, l3].join('\n') + '\n');
    await s.pass();
    // Shrunk (rewritten shorter, same inode): everything is read again.
    fs.writeFileSync(file, l2 + '\n');
    expect(await s.pass()).toMatchObject({ filesRead: 1, bytesRead: Buffer.byteLength(l2) + 1, inserted: 0 });
    // Replaced by a new file under the same name, longer than before: read from the start too.
    const l4 = line({ id: 'm4', req: 'r4', ts: '2025-10-01T10:03:00Z', output: 80 });
    const content = [l1, l2, l3, l4].join('\n') + '\n';
    fs.writeFileSync(file + '.tmp', content);
    fs.renameSync(file + '.tmp', file);
    expect(await s.pass()).toMatchObject({ filesRead: 1, bytesRead: Buffer.byteLength(content), inserted: 1 });
    expect(rows(s.db).map((r) => r.external_id)).toEqual(['r1:m1', 'r2:m2', 'r3:m3', 'r4:m4']);
    s.db.close();
  });

  it('takes a last line without a newline only once its file has been still for a minute', async () => {
    const s = setup();
    const file = path.join(s.projects, 'a.jsonl');
    fs.writeFileSync(file, line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 }));
    const mtime = fs.statSync(file).mtimeMs;
    expect(await s.pass(mtime + 5_000)).toMatchObject({ inserted: 0 });
    expect(await s.pass(mtime + 61_000)).toMatchObject({ inserted: 1 });
    expect(await s.pass(mtime + 62_000)).toMatchObject({ filesRead: 0 });
    s.db.close();
  });

  it('reports a file it cannot read and carries on with the others', async () => {
    const s = setup();
    const good = path.join(s.projects, 'a.jsonl');
    const bad = path.join(s.projects, 'not-a-file.jsonl');
    fs.writeFileSync(good, line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 }) + '\n');
    fs.mkdirSync(bad);
    const result = await runImportPass({ db: s.db, folders: [s.projects], states: s.states, now: Date.now, overrides: [], only: [bad, good] });
    expect(result.inserted).toBe(1);
    expect(result.errors).toEqual([expect.stringMatching(/^cannot read .*not-a-file\.jsonl: EISDIR/)]);
    s.db.close();
  });

  it('finds transcripts at any depth and ignores other files', async () => {
    const s = setup();
    fs.mkdirSync(path.join(s.projects, 'p', 'sess', 'subagents'), { recursive: true });
    fs.writeFileSync(path.join(s.projects, 'p', 'sess', 'subagents', 'agent-1.jsonl'), line({ id: 'm1', req: 'r1', ts: '2025-10-01T10:00:00Z', output: 50 }) + '\n');
    fs.writeFileSync(path.join(s.projects, 'p', 'notes.txt'), line({ id: 'm2', req: 'r2', ts: '2025-10-01T10:00:00Z', output: 50 }) + '\n');
    expect(await s.pass()).toMatchObject({ filesRead: 1, inserted: 1 });
    s.db.close();
  });
});

describe('importing in a worker thread', () => {
  it('stores exactly what an import in the calling thread stores', async () => {
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 5, projects: 2, sessionsPerProject: 3, turnsPerSession: 12 });
    const dump = async (workerMinBytes: number) => {
      const db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
      const result = await runImportPass({ db, folders: [g.projectsDir], states: loadFileStates(db), now: Date.now, overrides: [], workerMinBytes });
      const stored = db.prepare("SELECT external_id, time, model, input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, output_tokens, cost_nano FROM usage ORDER BY external_id").all();
      const files = db.prepare('SELECT path, size, read_offset, usage_lines FROM import_files ORDER BY path').all();
      db.close();
      return { result: { ...result, durationMs: 0 }, stored, files };
    };
    const inThread = await dump(Infinity);
    const inWorker = await dump(0);
    expect(inThread.stored).toHaveLength(g.messages.size);
    expect(inWorker).toEqual(inThread);
  });

  it('stores the same with two workers and the caller only writing, in batches written while it waits (a one-off import)', async () => {
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 9, projects: 3, sessionsPerProject: 6, turnsPerSession: 20 });
    const dump = async (options: Partial<PassOptions>) => {
      const db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
      const readStats = { threaded: 0 };
      const result = await runImportPass({ db, folders: [g.projectsDir], states: loadFileStates(db), now: Date.now, overrides: [], readStats, ...options });
      const stored = db.prepare('SELECT * FROM usage ORDER BY external_id').all().map((r) => ({ ...(r as object), id: 0 }));
      const files = db.prepare('SELECT path, size, read_offset, usage_lines FROM import_files ORDER BY path').all();
      db.close();
      return { inserted: result.inserted, updated: result.updated, notNew: result.updated + result.skipped, stored, files, threaded: readStats.threaded };
    };
    const inThread = await dump({ workerMinBytes: Infinity });
    // Batches of a few KB: the copies of one message meet across batches (inserted, then updated or kept).
    const oneOff = await dump({ workerMinBytes: 0, parseWorkers: 2, batchBytes: 64 * 1024 });
    expect(inThread.stored).toHaveLength(g.messages.size);
    expect(oneOff.threaded).toBe(inThread.files.length);
    // A copy more complete than the one a previous batch wrote replaces it (the stored rows are
    // equal), and counts as a copy met again, not an update: the counts do not depend on batches.
    expect(oneOff.updated).toBe(0);
    expect({ ...oneOff, threaded: 0 }).toEqual({ ...inThread, threaded: 0 });
  });
});

describe('pricing in the worker threads', () => {
  afterEach(() => useBundledPriceData());

  it('prices with the list in force in the calling thread (a downloaded one) and its overrides', async () => {
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 13, projects: 2, sessionsPerProject: 4, turnsPerSession: 12 });
    // The bundled list with every Anthropic input price tripled: rows priced with the bundled list would differ.
    const list = structuredClone((await waitForUpdate())!) as Provider[];
    for (const model of list.find((p) => p.id === 'anthropic')!.models) {
      const sets = Array.isArray(model.prices) ? model.prices.map((c) => c.prices) : [model.prices];
      for (const set of sets) if (typeof set.input_mtok === 'number') set.input_mtok *= 3;
    }
    installPriceData(list, '2026-12-06');
    const overrides: PriceOverride[] = [{ provider: 'anthropic', model: 'claude-haiku-4-5-20251001', inputPerMTok: 5, outputPerMTok: 9 }];
    const db = openDatabase(fs.mkdtempSync(path.join(root, 'ledger-')));
    const readStats = { threaded: 0 };
    await runImportPass({ db, folders: [g.projectsDir], states: loadFileStates(db), now: Date.now, overrides, readStats, workerMinBytes: 0, parseWorkers: 2 });
    const rows = db.prepare("SELECT id FROM usage WHERE source = 'import'").pluck().all() as number[];
    expect(readStats.threaded).toBe(g.files.length);
    expect(rows).toHaveLength(g.messages.size);
    let overridden = 0;
    for (const id of rows) {
      const r = getUsage(db, id)!;
      const price = priceUsage({ provider: 'anthropic', model: r.model, tokens: r, overrides, at: new Date(r.time) });
      expect(r, r.externalId!).toMatchObject({ costNano: price.totalNano, priceVersion: 'genai-prices-data@2026-12-06', costSource: price.costSource });
      if (price.costSource === 'override') overridden++;
    }
    db.close();
    expect(overridden).toBeGreaterThan(0);
  });
});

describe('tokentally import claude-code, the command', () => {
  it('runs through its own entry (bin/tokentally.js loads only the import command) and stores what a pass stores', async () => {
    ensureNodeBuilt();
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 11, projects: 2, sessionsPerProject: 3, turnsPerSession: 10 });
    const dataDir = path.join(root, 'data');
    const run = await runBin(['import', 'claude-code', '--dir', path.join(root, 'claude'), '--data-dir', dataDir, '--json'], { timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { inserted: number }).inserted).toBe(g.messages.size);
    const wrong = await runBin(['import', 'claude-code', '--frobnicate'], { timeoutMs: 60_000 });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage: tokentally import');
    const db = openDatabase(dataDir);
    const stored = db.prepare("SELECT COUNT(*) AS n, SUM(cost_nano) AS cost FROM usage WHERE source = 'import'").get() as { n: number; cost: number };
    db.close();
    const expected = [...g.messages.values()].reduce((sum, m) => {
      const tokens = { inputTokens: m.input, cacheWrite5mTokens: m.cacheWrite5m, cacheWrite1hTokens: m.cacheWrite1h, cacheReadTokens: m.cacheRead, outputTokens: m.output, webSearchRequests: m.webSearches };
      return sum + priceUsage({ provider: 'anthropic', model: m.model, tokens, at: new Date(m.time) }).totalNano;
    }, 0);
    expect(stored).toEqual({ n: g.messages.size, cost: expected });
  });
});

describe('the worker thread', () => {
  it('starts from this checkout (TypeScript under the test runner) and shares the reading, results in file order', async () => {
    const s = setup();
    const files = Array.from({ length: 40 }, (_, i) => {
      const file = path.join(s.projects, `s${i}.jsonl`);
      const filler = JSON.stringify({ type: 'user', message: { role: 'user', content: 'x'.repeat(100_000) } });
      fs.writeFileSync(file, filler + '\n' + line({ id: `m${i}`, req: `r${i}`, ts: '2025-10-01T10:00:00Z', output: i + 1 }) + '\n');
      return file;
    });
    const stats = { threaded: 0 };
    const jobs = files.map((file) => ({ file, from: 0, size: fs.statSync(file).size, stale: false }));
    const order: string[] = [];
    for await (const read of readInOrder(jobs, { overrides: [], workers: 1 }, stats)) {
      order.push(read.rows.map(importRowKey).join());
      // The caller writing a (long) batch: the worker comes up and reads from the other end meanwhile.
      if (order.length === 1) await new Promise((r) => setTimeout(r, 3_000));
    }
    expect(order).toEqual(files.map((_, i) => `r${i}:m${i}`));
    // Both read: the caller while the worker starts up, the worker the rest.
    expect(stats.threaded).toBeGreaterThan(0);
    expect(stats.threaded).toBeLessThan(40);
    s.db.close();
  });
});

describe('the bundled import (out/import/, what bin/tokentally.js loads)', () => {
  it('finds its checkpoint worker beside it (ledger/background-checkpoints.ts starts it the same way)', () => {
    ensureNodeBuilt();
    expect(fs.existsSync(fileURLToPath(workerScript(pathToFileURL(path.join(ROOT, 'out/import/import.js')).href, './checkpoint-worker')))).toBe(true);
  });

  it('finds its parse worker beside it, which reads each file once and posts it packed, equal to a read in the calling thread', async () => {
    ensureNodeBuilt();
    const g = generateTranscripts(path.join(tempDir(), 'claude'), { seed: 5, projects: 2, sessionsPerProject: 3, turnsPerSession: 12 });
    // The bundle starts its worker as the compiled import does: './parse-worker' beside its own module.
    const script = workerScript(pathToFileURL(path.join(ROOT, 'out/import/import.js')).href, './parse-worker');
    expect(fs.existsSync(fileURLToPath(script))).toBe(true);
    const jobs = g.files.map((file) => ({ file, from: 0, size: fs.statSync(file).size, stale: true }));
    const { port1, port2 } = new MessageChannel();
    const counter = () => new Int32Array(new SharedArrayBuffer(4));
    const input: WorkerInput = { jobs, next: counter(), posted: counter(), current: counter().fill(-1), slot: 0, port: port2, overrides: [], priceData: priceDataSnapshot() };
    const worker = new Worker(script, { workerData: input, transferList: [port2] });
    const exit = await new Promise<number>((resolve, reject) => worker.once('exit', resolve).once('error', reject));
    expect(exit).toBe(0);
    const posts: WorkerPost[] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) posts.push(m.message as WorkerPost);
    port1.close();
    expect(posts.map((p) => p.index).sort((a, b) => a - b)).toEqual(jobs.map((_, i) => i));
    for (const post of posts) {
      expect(post.packed).not.toBeNull();
      expect(post.result.rows).toEqual([]);
      expect({ ...post.result, rows: unpackRows(post.packed!) }).toEqual(readFileMessages(jobs[post.index]!, []));
    }
  });
});
