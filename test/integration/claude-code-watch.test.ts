/**
 * The import as the app and `serve` run it: a first pass at start, then new lines picked up from
 * watched folders within moments, events for the UI, status and "import now" through the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { createTranscriptImporter, type TranscriptImporter } from '../../electron/core/sources/claude-code/index.js';
import type { ImportProgress } from '../../shared/api/contract-subscriptions.js';
import { generateTranscripts } from '../support/transcript-generator.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let core: Core | null = null;
let importer: TranscriptImporter | null = null;

afterEach(async () => {
  await core?.close();
  await importer?.close();
  core = null;
  importer = null;
});

let n = 0;
function line(ts = new Date().toISOString()): string {
  n++;
  return (
    JSON.stringify({
      type: 'assistant',
      timestamp: ts,
      requestId: `req_w${n}`,
      sessionId: 's',
      message: { id: `msg_w${n}`, model: 'claude-haiku-4-5-20251001', content: [], usage: { input_tokens: 100, output_tokens: 50 } },
    }) + '\n'
  );
}

function waitFor(events: ApiEvent[], type: ApiEvent['type'], timeoutMs: number): Promise<number> {
  const started = Date.now();
  const seen = events.filter((e) => e.type === type).length;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (events.filter((e) => e.type === type).length > seen) {
        clearInterval(timer);
        resolve(Date.now() - started);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`no ${type} event within ${timeoutMs} ms`));
      }
    }, 10);
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the running import', () => {
  it('imports at start, then takes in a new reply within seconds of it being written, and tells the UI', async () => {
    const projects = path.join(tempDir(), 'projects');
    const session = path.join(projects, '-home-dev-app', 's1.jsonl');
    fs.mkdirSync(path.dirname(session), { recursive: true });
    fs.writeFileSync(session, line() + line());
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, importFolders: [projects], env: { TOKENTALLY_NO_POLL: '1' } });
    const events: ApiEvent[] = [];
    core.onEvent((e) => events.push(e));
    await until(async () => (await core!.api.getImportStatus()).records === 2);
    const status = await core.api.getImportStatus();
    expect(status).toMatchObject({ enabled: true, folders: [{ path: projects, exists: true }], watching: true, files: 1, records: 2, errors: [] });
    expect(status.lastImportAt).toEqual(expect.any(Number));

    // Claude Code appends a reply.
    const usage = waitFor(events, 'usage-changed', 3_000);
    const changed = waitFor(events, 'import-changed', 3_000);
    fs.appendFileSync(session, line());
    expect(await usage).toBeLessThan(3_000);
    await changed;
    expect((await core.api.getImportStatus()).records).toBe(3);

    // A new project folder and session appear.
    const second = path.join(projects, '-home-dev-other', 's2.jsonl');
    fs.mkdirSync(path.dirname(second));
    const more = waitFor(events, 'usage-changed', 3_000);
    fs.writeFileSync(second, line());
    await more;
    expect(await core.api.getImportStatus()).toMatchObject({ records: 4, files: 2 });

    // Import now: nothing new.
    expect(await core.api.runImport()).toMatchObject({ filesRead: 0, inserted: 0, updated: 0, folders: [projects] });
  });

  it('is off with TOKENTALLY_NO_IMPORT=1', async () => {
    const projects = path.join(tempDir(), 'projects');
    fs.mkdirSync(projects);
    fs.writeFileSync(path.join(projects, 's.jsonl'), line());
    core = await startCore({ dataDir: tempDir(), mode: 'headless', port: 0, importFolders: [projects], env: { TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await core.api.getImportStatus()).toMatchObject({ enabled: false, records: 0, lastImportAt: null });
    await expect(core.api.runImport()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('TOKENTALLY_NO_IMPORT=1') });
  });

  it('while watching, only looks for a missing folder (no full re-scans) and reads it once it appears', async () => {
    const root = tempDir();
    const present = path.join(root, 'present', 'projects');
    const missing = path.join(root, 'missing', 'projects');
    fs.mkdirSync(path.join(present, 'p'), { recursive: true });
    fs.writeFileSync(path.join(present, 'p', 's.jsonl'), line());
    const db = openDatabase(tempDir());
    importer = createTranscriptImporter({
      db,
      folders: [present, missing],
      enabled: true,
      now: Date.now,
      log: () => {},
      emit: () => {},
      overrides: () => [],
      debounceMs: 10,
      pollMs: { watching: 60_000, polling: 30 },
    });
    importer.start();
    await until(() => importer!.status().records === 1);
    const firstPass = importer.status().lastImportAt;
    expect(importer.status().watching).toBe(true);
    // Many polling intervals pass: no pass runs while nothing changes.
    await new Promise((r) => setTimeout(r, 400));
    expect(importer.status().lastImportAt).toBe(firstPass);
    fs.mkdirSync(path.join(missing, 'q'), { recursive: true });
    fs.writeFileSync(path.join(missing, 'q', 's.jsonl'), line());
    await until(() => importer!.status().records === 2, 3_000);
    await importer.close();
    importer = null;
    db.close();
  });

  it('polls when it cannot watch, and finds a folder that appears after the start', async () => {
    const root = tempDir();
    const projects = path.join(root, 'later', 'projects');
    const db = openDatabase(tempDir());
    const events: ApiEvent[] = [];
    importer = createTranscriptImporter({
      db,
      folders: [projects],
      enabled: true,
      now: Date.now,
      log: () => {},
      emit: (e) => events.push(e),
      overrides: () => [],
      watch: false,
      debounceMs: 10,
      pollMs: { watching: 60_000, polling: 50 },
    });
    importer.start();
    await until(() => importer!.status().lastImportAt !== null);
    expect(importer.status()).toMatchObject({ folders: [{ path: projects, exists: false }], watching: false, records: 0 });
    fs.mkdirSync(path.join(projects, 'p'), { recursive: true });
    fs.writeFileSync(path.join(projects, 'p', 's.jsonl'), line());
    await until(() => importer!.status().records === 1);
    fs.appendFileSync(path.join(projects, 'p', 's.jsonl'), line());
    await until(() => importer!.status().records === 2);
    expect(events.filter((e) => e.type === 'usage-changed')).toEqual([
      { type: 'usage-changed', count: 1 },
      { type: 'usage-changed', count: 1 },
    ]);
    await importer.close();
    importer = null;
    db.close();
  });

  it('says how far a long pass is (files, bytes, calls) while it runs, for the app to show', async () => {
    const root = tempDir();
    const g = generateTranscripts(path.join(root, 'claude'), { seed: 3, projects: 3, sessionsPerProject: 4, maxBytes: 12 * 1024 * 1024 });
    const db = openDatabase(tempDir());
    const seen: ImportProgress[] = [];
    importer = createTranscriptImporter({
      db,
      folders: [g.projectsDir],
      enabled: true,
      now: Date.now,
      log: () => {},
      // What the app's card shows when told: the status at that moment.
      emit: (e) => {
        const progress = importer?.status().progress;
        if (e.type === 'import-changed' && progress) seen.push(progress);
      },
      overrides: () => [],
      watch: false,
      debounceMs: 10,
    });
    await importer.runNow();
    expect(seen.length).toBeGreaterThan(0);
    const first = seen[0]!;
    expect(first).toMatchObject({ source: 'claude-code', filesTotal: g.files.length, bytesTotal: g.bytes });
    expect(first.filesDone).toBeGreaterThan(0);
    expect(first.bytesDone).toBeGreaterThan(0);
    expect(first.calls).toBeGreaterThan(0);
    // Between passes there is none.
    expect(importer.status().progress).toBeNull();
    await importer.close();
    importer = null;
    db.close();
  });
});
