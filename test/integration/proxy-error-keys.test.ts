/**
 * Keys are never written in plain text, also when a provider echoes one in an error ("invalid
 * x-api-key sk-ant-…"): the stored key the proxy injected and the client's own key are cut out of
 * the error text the call's record keeps (ledger, app, sync folder). Migration 18 does the same for
 * rows stored before.
 */
import fs from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, insertUsage } from '../../electron/core/ledger/index.js';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { anthropicError, openAiError } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const STORED = 'sk-ant-api03-STOREDsecretKEY0123456789abcdef';
// Too short and plain to look like a key: only knowing it is in play cuts it out.
const CLIENT = 'custom-key-42x';

const tempDir = useTempDirs();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Every byte of the ledger as stored: the file and its write-ahead log. */
function ledgerBytes(): string {
  return [DATABASE_FILE, `${DATABASE_FILE}-wal`]
    .map((f) => path.join(h.core.dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
}

describe('a key echoed in a provider error is never kept', () => {
  it('the stored key the proxy injected, and the client’s own key, are cut out of the error text', async () => {
    await h.setKey('anthropic', STORED);
    h.anthropic.script((req) => anthropicError(401, 'authentication_error', `invalid x-api-key ${String(req.headers['x-api-key'])}`));
    h.openai.script((req) => openAiError(401, 'invalid_request_error', `Incorrect API key provided: ${String(req.headers.authorization).replace('Bearer ', '')}.`, 'invalid_api_key'));
    try {
      await expect(new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'tokentally', maxRetries: 0 }).messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/401/);
      await expect(new OpenAI({ baseURL: `${h.url}/openai/v1`, apiKey: CLIENT, maxRetries: 0 }).chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/401/);
    } finally {
      h.anthropic.script(null);
      h.openai.script(null);
    }
    // The provider did get the stored key (the control: it was there to echo).
    expect(h.anthropic.requests.at(-1)!.headers['x-api-key']).toBe(STORED);
    const rows = await h.rows();
    expect(rows.map((r) => r.errorMessage)).toEqual(['authentication_error: invalid x-api-key [key]', 'invalid_request_error: Incorrect API key provided: [key].']);
    const api = await h.core.api.listUsage({ limit: 10 });
    expect(JSON.stringify(api)).not.toContain(STORED);
    expect(JSON.stringify(api)).not.toContain(CLIENT);
    const bytes = ledgerBytes();
    expect(bytes).not.toContain(STORED);
    expect(bytes).not.toContain(CLIENT);
  });
});

describe('migration 18', () => {
  it('cuts what looks like a key out of the error texts stored before, and leaves other texts alone', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version <= 17) });
    const at = Date.parse('2026-12-01T10:00:00Z');
    const failed = (message: string) => ({ ...pricedRecord({ time: at, model: 'claude-haiku-4-5', tokens: {} }), status: 'error' as const, costNano: 0, errorMessage: message });
    insertUsage(old, [failed(`authentication_error: invalid x-api-key ${STORED}`), failed('rate_limit_error: slow down, please'), { ...pricedRecord({ time: at, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }) }]);
    old.close();
    const db = openDatabase(dir);
    try {
      expect(db.prepare('SELECT error_message FROM usage ORDER BY id').pluck().all()).toEqual(['authentication_error: invalid x-api-key [key]', 'rate_limit_error: slow down, please', null]);
    } finally {
      db.close();
    }
  });
});
