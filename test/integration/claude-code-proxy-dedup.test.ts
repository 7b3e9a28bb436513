/**
 * Claude Code through the proxy with a subscription: the proxy records the call (source 'proxy',
 * request id from the `request-id` header) and the transcript holds the same reply (same
 * requestId). The ledger must count it once, whichever arrives first: the proxy's row wins.
 */
import Anthropic from '@anthropic-ai/sdk';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ANTHROPIC_MESSAGE_BODY } from '../fixtures/wire/anthropic.js';
import { insertUsage, periodTotals, type Db } from '../../electron/core/ledger/index.js';
import { loadFileStates, runImportPass } from '../../electron/core/sources/claude-code/index.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let h: Harness;
let projects: string;

beforeEach(async () => {
  h = await startHarness();
  projects = path.join(tempDir(), 'projects');
  fs.mkdirSync(path.join(projects, 'p'), { recursive: true });
});

afterEach(async () => {
  await h.close();
});

const ask = { model: 'claude-sonnet-4-5-20250929', max_tokens: 600, messages: [{ role: 'user' as const, content: 'Bonjour' }] };
const fakeUsage = (JSON.parse(ANTHROPIC_MESSAGE_BODY) as { usage: Record<string, unknown> }).usage;

/** The transcript line Claude Code writes for that reply. */
function transcriptLine(requestId: string, messageId = 'msg_013Zva2CMHLNnXjNJJKqJ2EF', at = new Date().toISOString()): string {
  return (
    JSON.stringify({
      type: 'assistant',
      timestamp: at,
      sessionId: 's',
      uuid: `u-${requestId}`,
      requestId,
      message: { id: messageId, model: ask.model, content: [{ type: 'text', text: 'Bonjour !' }], usage: fakeUsage },
    }) + '\n'
  );
}

async function importNow(db: Db) {
  return runImportPass({ db, folders: [projects], states: loadFileStates(db), now: Date.now, overrides: [] });
}

function allRows(db: Db) {
  return db.prepare('SELECT source, billing, request_id AS requestId, output_tokens AS outputTokens FROM usage ORDER BY id').all();
}

const subscriber = () => new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: null, authToken: 'sk-ant-oat01-subscriber-token', maxRetries: 0 });

describe('subscription traffic seen by both the proxy and the transcript', () => {
  test('proxy first: the transcript copy is not stored, in this import or any later one', async () => {
    await subscriber().messages.create(ask);
    const [proxied] = await h.rows();
    expect(proxied).toMatchObject({ source: 'proxy', billing: 'subscription' });
    const requestId = proxied!.requestId!;
    expect(requestId).toMatch(/^req_fake_/);

    fs.writeFileSync(path.join(projects, 'p', 's.jsonl'), transcriptLine(requestId) + transcriptLine('req_only_in_transcript', 'msg_other'));
    const first = await importNow(h.db);
    expect(first).toMatchObject({ inserted: 1, skipped: 1 });
    // A later pass that re-reads the file from the start (another importer, no remembered offsets) keeps it so.
    h.db.prepare('DELETE FROM import_files').run();
    expect(await importNow(h.db)).toMatchObject({ inserted: 0 });
    expect(allRows(h.db)).toEqual([
      { source: 'proxy', billing: 'subscription', requestId, outputTokens: 503 },
      { source: 'import', billing: 'subscription', requestId: 'req_only_in_transcript', outputTokens: 503 },
    ]);
  });

  test('transcript first: the proxy row replaces the imported one, and the totals count the reply once', async () => {
    h.anthropic.script(() => ({
      headers: { 'content-type': 'application/json', 'request-id': 'req_011CSeen' },
      body: ANTHROPIC_MESSAGE_BODY,
    }));
    fs.writeFileSync(path.join(projects, 'p', 's.jsonl'), transcriptLine('req_011CSeen'));
    expect(await importNow(h.db)).toMatchObject({ inserted: 1 });
    const day = { from: Date.now() - 86_400_000, to: Date.now() + 86_400_000 };
    const importedOnly = periodTotals(h.db, day);
    expect(importedOnly.requests).toBe(1);

    await subscriber().messages.create(ask);
    await h.rows();
    expect(allRows(h.db)).toEqual([{ source: 'proxy', billing: 'subscription', requestId: 'req_011CSeen', outputTokens: 503 }]);
    const after = periodTotals(h.db, day);
    expect(after).toMatchObject({ requests: 1, outputTokens: 503, costNano: importedOnly.costNano, spendNano: 0 });
    // A more complete copy appended to the transcript later does not bring the imported row back.
    fs.appendFileSync(path.join(projects, 'p', 's.jsonl'), transcriptLine('req_011CSeen').replace('"output_tokens":503', '"output_tokens":600'));
    expect(await importNow(h.db)).toMatchObject({ inserted: 0, updated: 0 });
    expect(periodTotals(h.db, day).requests).toBe(1);
  });

  test('Claude Code on an API key through the proxy: the API row stands, the transcript adds nothing', async () => {
    await h.setKey('anthropic', 'sk-ant-api03-stored');
    await new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-client', maxRetries: 0 }).messages.create(ask);
    const [row] = await h.rows();
    expect(row).toMatchObject({ billing: 'api' });
    fs.writeFileSync(path.join(projects, 'p', 's.jsonl'), transcriptLine(row!.requestId!));
    expect(await importNow(h.db)).toMatchObject({ inserted: 0 });
    expect(periodTotals(h.db, { from: 0, to: Date.now() + 86_400_000 })).toMatchObject({ requests: 1, spendNano: row!.costNano });
  });

  test('in the ledger itself, whoever writes: a proxied row removes and blocks imported rows of its request only', () => {
    const t = Date.parse('2025-10-01T10:00:00Z');
    const imported = (req: string) => pricedRecord({ time: t, model: ask.model, billing: 'subscription', source: 'import', requestId: req, externalId: `${req}:msg`, tokens: { outputTokens: 10 } });
    insertUsage(h.db, [imported('req_a'), imported('req_ab'), imported('req_b')]);
    insertUsage(h.db, [pricedRecord({ time: t, model: ask.model, billing: 'subscription', requestId: 'req_a', tokens: { outputTokens: 10 } })]);
    expect(h.db.prepare("SELECT request_id FROM usage WHERE source = 'import' ORDER BY request_id").pluck().all()).toEqual(['req_ab', 'req_b']);
    expect(insertUsage(h.db, [imported('req_a')])).toEqual([]);
    expect(periodTotals(h.db, { from: t, to: t + 1 })).toMatchObject({ requests: 3 });
  });
});
