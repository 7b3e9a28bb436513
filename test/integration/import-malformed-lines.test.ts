/**
 * A damaged line in a local log (impossible token counts, a cost the ledger cannot hold) is
 * skipped on its own and counted as a malformed line: every other call of its file and of the
 * other files is imported, by the CLI and by the running app's passes, in the caller's thread and
 * in the parse workers. Real files, real SQLite, the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceOverride } from '../../shared/api/contract.js';
import { openDatabase } from '../../electron/core/ledger/index.js';
import { loadFileStates, runImportPass } from '../../electron/core/sources/claude-code/index.js';
import { CODEX_SOURCE, runCodexPass } from '../../electron/core/sources/codex/index.js';
import { GEMINI_SOURCE, runGeminiPass } from '../../electron/core/sources/gemini/index.js';
import { codexSessionLines, rolloutPath, writeLines } from '../support/codex-sessions.js';
import { geminiSessionLines, geminiSessionPath } from '../support/gemini-sessions.js';
import { importedRows } from '../support/imported-rows.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function claudeLine(req: string, ts: string, usage: Record<string, unknown>, model = 'claude-sonnet-4-5-20250929'): string {
  return JSON.stringify({ type: 'assistant', timestamp: ts, requestId: req, sessionId: 's', message: { id: `msg_${req}`, model, content: [], usage } });
}

const GOOD = { input_tokens: 5000, output_tokens: 1000 };
/** The reviewer's three lines: a cost SQLite refused, a count past 2^53, and one the price refused. */
const IMPOSSIBLE = [
  claudeLine('bad_1', '2025-10-01T09:05:00.000Z', { input_tokens: 4e15, output_tokens: 4e15 }, 'some-unknown-model'),
  claudeLine('bad_2', '2025-10-01T09:06:00.000Z', { input_tokens: 2 ** 53, output_tokens: 1 }).replace(String(2 ** 53), '9007199254740993'),
  claudeLine('bad_3', '2025-10-01T09:07:00.000Z', { input_tokens: 1e300, output_tokens: 1 }),
];

/** A Claude config folder: one session holding the impossible lines between good ones, and another session. */
function claudeConfig(): string {
  const config = tempDir();
  const dir = path.join(config, 'projects', '-home-dev-app');
  fs.mkdirSync(dir, { recursive: true });
  const a = [claudeLine('req_1', '2025-10-01T09:00:00.000Z', GOOD), ...IMPOSSIBLE, claudeLine('req_2', '2025-10-01T09:10:00.000Z', GOOD)];
  fs.writeFileSync(path.join(dir, 'a.jsonl'), a.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'b.jsonl'), claudeLine('req_3', '2025-10-02T09:00:00.000Z', GOOD) + '\n');
  return config;
}

const keys = (data: string) => importedRows(data).map((r) => r.externalId);

describe('a log line with impossible figures', () => {
  it('is skipped on its own by tokentally import claude-code, and said so; every other message is stored', async () => {
    const config = claudeConfig();
    const data = tempDir();
    const run = await runCliCaptured(['import', 'claude-code', '--dir', config, '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stored 3 new message(s)');
    expect(run.stdout).toContain('3 line(s) were not JSON or held impossible values (skipped)');
    expect(keys(data)).toEqual(['req_1:msg_req_1', 'req_2:msg_req_2', 'req_3:msg_req_3']);

    // Read once: the skipped lines are behind the stored offset, not read (and failed) again.
    const again = JSON.parse((await runCliCaptured(['import', 'claude-code', '--dir', config, '--json', '--data-dir', data])).stdout);
    expect(again).toMatchObject({ filesRead: 0, inserted: 0, badLines: 0, errors: [], stored: { messages: 3 } });
  });

  it('is skipped on its own in the parse workers too (a large pass)', async () => {
    const config = claudeConfig();
    const db = openDatabase(tempDir());
    try {
      const result = await runImportPass({ db, folders: [path.join(config, 'projects')], states: loadFileStates(db), now: Date.now, overrides: [], workerMinBytes: 0, parseWorkers: 2 });
      expect(result).toMatchObject({ filesRead: 2, inserted: 3, badLines: 3, errors: [] });
    } finally {
      db.close();
    }
  });

  it('skips a message whose cost the ledger cannot hold exactly (a price override of $1e12 a million tokens), not the import', async () => {
    const config = claudeConfig();
    const dir = path.join(config, 'projects', '-home-dev-app');
    // A billion input tokens is a plausible count, but at this rate it costs 1e24 nano-dollars.
    fs.appendFileSync(path.join(dir, 'b.jsonl'), claudeLine('req_4', '2025-10-02T10:00:00.000Z', { input_tokens: 1_000_000_000, output_tokens: 1 }, 'pricey-model') + '\n');
    const overrides: PriceOverride[] = [{ provider: 'anthropic', model: 'pricey-model', inputPerMTok: 1e12, outputPerMTok: 1 }];
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    try {
      const result = await runImportPass({ db, folders: [path.join(config, 'projects')], states: loadFileStates(db), now: Date.now, overrides });
      expect(result).toMatchObject({ filesRead: 2, inserted: 3, badLines: 4, skipped: 0, errors: [] });
    } finally {
      db.close();
    }
    expect(keys(dataDir)).not.toContain('req_4:msg_req_4');
  });

  it('is skipped on its own by tokentally import codex; the session’s other calls and other sessions are stored', async () => {
    const home = tempDir();
    const S1 = '019a9776-0a34-7842-8627-112b63d66e90';
    const S2 = '019a9790-1111-7222-8333-944455556666';
    const calls = [
      { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: '2025-11-20T10:00:01.000Z' },
      { model: 'gpt-5-codex', input: 4e15, cached: 0, output: 4e15, reasoning: 0, at: '2025-11-20T10:00:30.000Z' },
      { model: 'gpt-5-codex', input: 2 ** 53, cached: 0, output: 1, reasoning: 0, at: '2025-11-20T10:00:40.000Z' },
      { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: '2025-11-20T10:01:00.000Z' },
    ];
    // 2^53 + 1 as Codex would write it (a JavaScript number cannot hold it).
    const lines = codexSessionLines(S1, calls).lines.map((l) => l.replace(`"input_tokens":${2 ** 53},`, '"input_tokens":9007199254740993,'));
    expect(lines.filter((l) => l.includes('"input_tokens":9007199254740993,'))).toHaveLength(2); // the count and its repeat
    writeLines(rolloutPath(home, S1, calls[0]!.at), lines);
    writeLines(rolloutPath(home, S2, '2025-11-21T10:00:00.000Z'), codexSessionLines(S2, [{ model: 'gpt-5', input: 1_000, cached: 0, output: 100, reasoning: 0, at: '2025-11-21T10:00:00.000Z' }]).lines);
    const data = tempDir();
    const run = await runCliCaptured(['import', 'codex', '--dir', home, '--json', '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ filesRead: 2, inserted: 3, badLines: 2, errors: [], stored: { messages: 3 } });
    expect(importedRows(data).every((r) => Number.isSafeInteger(r.costNano) && (r.inputTokens as number) < 1e6)).toBe(true);

    // The running app's pass over the same files (a fresh ledger): the same.
    const db = openDatabase(tempDir());
    try {
      const result = await runCodexPass({ db, folders: [path.join(home, 'sessions')], states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides: [] });
      expect(result).toMatchObject({ filesRead: 2, inserted: 3, badLines: 2, errors: [] });
    } finally {
      db.close();
    }
  });

  it('is skipped on its own by tokentally import gemini; the session’s other calls are stored', async () => {
    const home = tempDir();
    const tmp = path.join(home, '.gemini', 'tmp');
    const S1 = '5a0c9a3e-2b1f-4c7d-9e8a-1f2e3d4c5b6a';
    const calls = [
      { model: 'gemini-2.5-pro', input: 12_000, cached: 9_000, output: 800, thoughts: 300, at: '2026-11-20T10:00:01.000Z' },
      { model: 'gemini-2.5-pro', input: 4e15, cached: 0, output: 4e15, thoughts: 0, at: '2026-11-20T10:00:30.000Z' },
      { model: 'gemini-2.5-flash', input: 3_000, cached: 0, output: 2_000, thoughts: 1_500, at: '2026-11-20T11:00:00.000Z' },
    ];
    writeLines(geminiSessionPath(tmp, 'my-app', S1, calls[0]!.at), geminiSessionLines(S1, calls).lines);
    const data = tempDir();
    const run = await runCliCaptured(['import', 'gemini', '--dir', home, '--json', '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ filesRead: 1, inserted: 2, badLines: 1, errors: [], stored: { messages: 2 } });

    const db = openDatabase(tempDir());
    try {
      const result = await runGeminiPass({ db, folders: [tmp], states: loadFileStates(db, GEMINI_SOURCE), now: Date.now, overrides: [], billing: 'subscription' });
      expect(result).toMatchObject({ filesRead: 1, inserted: 2, badLines: 1, errors: [] });
    } finally {
      db.close();
    }
  });
});

describe('a log line dated in the future', () => {
  it('is skipped on its own by tokentally import claude-code (year 9999, two days ahead), and the reports keep working', async () => {
    const config = claudeConfig();
    const dir = path.join(config, 'projects', '-home-dev-app');
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
    fs.appendFileSync(path.join(dir, 'b.jsonl'), [claudeLine('far_1', '9999-12-31T23:00:00.000Z', GOOD), claudeLine('far_2', ahead, GOOD)].join('\n') + '\n');
    const data = tempDir();
    const run = await runCliCaptured(['import', 'claude-code', '--dir', config, '--json', '--data-dir', data]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ inserted: 3, badLines: 5, errors: [], stored: { messages: 3, first: '2025-10-01', last: '2025-10-02' } });
    for (const kind of ['daily', 'monthly']) {
      const report = await runCliCaptured(['report', kind, '--json', '--tz', 'UTC', '--data-dir', data]);
      expect(report.stderr).toBe('');
      expect(report.code).toBe(0);
      expect(JSON.parse(report.stdout).totals.requests).toBe(3);
    }
  });

  it('is taken up to a day after the pass’s clock (clock skew), and not later', async () => {
    const projects = path.join(tempDir(), 'projects');
    fs.mkdirSync(path.join(projects, 'p'), { recursive: true });
    const now = Date.parse('2026-12-08T12:00:00.000Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    const lines = [claudeLine('in_1', at(-60_000), GOOD), claudeLine('in_2', at(23 * 3_600_000), GOOD), claudeLine('in_3', at(86_400_000), GOOD), claudeLine('out_1', at(86_400_001), GOOD)];
    fs.writeFileSync(path.join(projects, 'p', 's.jsonl'), lines.join('\n') + '\n');
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    try {
      const result = await runImportPass({ db, folders: [projects], states: loadFileStates(db), now: () => now, overrides: [] });
      expect(result).toMatchObject({ inserted: 3, badLines: 1, errors: [] });
    } finally {
      db.close();
    }
    expect(keys(dataDir)).toEqual(['in_1:msg_in_1', 'in_2:msg_in_2', 'in_3:msg_in_3']);
  });

  it('is skipped on its own by the Codex and Gemini CLI passes, and a Codex line’s plan windows are not recorded either', async () => {
    const home = tempDir();
    const S1 = '019a9776-0a34-7842-8627-112b63d66e90';
    const codexCalls = [
      { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: '2025-11-20T10:00:01.000Z' },
      { model: 'gpt-5-codex', input: 1_000, cached: 0, output: 10, reasoning: 0, at: '9999-12-31T23:00:00.000Z' },
      { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: '2025-11-20T10:01:00.000Z' },
    ];
    writeLines(rolloutPath(home, S1, codexCalls[0]!.at), codexSessionLines(S1, codexCalls).lines);
    const tmp = path.join(home, '.gemini', 'tmp');
    const S2 = '5a0c9a3e-2b1f-4c7d-9e8a-1f2e3d4c5b6a';
    const geminiCalls = [
      { model: 'gemini-2.5-pro', input: 12_000, cached: 9_000, output: 800, thoughts: 300, at: '2026-11-20T10:00:01.000Z' },
      { model: 'gemini-2.5-pro', input: 1_000, cached: 0, output: 10, thoughts: 0, at: '9999-12-31T23:00:00.000Z' },
    ];
    writeLines(geminiSessionPath(tmp, 'my-app', S2, geminiCalls[0]!.at), geminiSessionLines(S2, geminiCalls).lines);
    const db = openDatabase(tempDir());
    try {
      const snapshots: { at: number }[] = [];
      const codex = await runCodexPass({ db, folders: [path.join(home, 'sessions')], states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides: [], windowSnapshot: (s) => snapshots.push(s) });
      // The malformed count and its repeat (same running total, same time): both skipped.
      expect(codex).toMatchObject({ inserted: 2, badLines: 1, errors: [] });
      expect(snapshots.every((s) => s.at < Date.now())).toBe(true);
      const gemini = await runGeminiPass({ db, folders: [tmp], states: loadFileStates(db, GEMINI_SOURCE), now: Date.now, overrides: [], billing: 'subscription' });
      expect(gemini).toMatchObject({ inserted: 1, badLines: 1, errors: [] });
      expect(db.prepare('SELECT MAX(time) FROM usage').pluck().get()).toBeLessThan(Date.now());
    } finally {
      db.close();
    }
  });
});
