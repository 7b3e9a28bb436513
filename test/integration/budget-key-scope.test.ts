/**
 * Budgets per API key: calls record the key the provider bills by a one-way fingerprint; a key
 * gets a label (CLI and API); a hard cap on one key refuses that key's calls and no other's, and
 * the CLI and the API name the budget by the key's label. Through the core as the app runs it.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { keyFingerprint } from '../../electron/core/secrets/key-fingerprint.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { startRig, type CoreRig } from './budget-core-fixtures.js';

const WORK_KEY = 'sk-ant-api03-work-0123456789abcdefghij';
const SIDE_KEY = 'sk-ant-api03-side-9876543210zyxwvutsrq';
const tempDir = useTempDirs();
let rig: CoreRig;
let dataDir: string;

beforeEach(async () => {
  dataDir = tempDir();
  rig = await startRig(dataDir);
});
afterEach(async () => {
  await rig.close();
});

function call(apiKey: string) {
  return new Anthropic({ baseURL: `${rig.core.urls.proxy}/anthropic`, apiKey, maxRetries: 0 }).messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  });
}

async function settled(count: number) {
  for (let i = 0; i < 100; i++) {
    const page = await rig.core.api.listUsage({});
    if (page.records.length >= count) return page.records;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('calls were not recorded');
}

describe('budgets per API key', () => {
  test('calls record which key was billed; a cap on one key refuses only that key, named by its label', async () => {
    await call(WORK_KEY);
    await call(SIDE_KEY);
    const rows = await settled(2);
    const refs = new Set(rows.map((r) => r.keyRef));
    expect(refs.size).toBe(2);
    for (const r of rows) {
      expect(r.keyRef).toMatch(/^key:[0-9a-f]{16}$/);
      // One-way: no part of either key is stored.
      expect(JSON.stringify(r)).not.toContain(WORK_KEY.slice(14, 30));
    }

    // The keys the ledger has seen, to choose from; label the work key.
    const seen = await rig.core.api.listKeyRefs();
    expect(seen).toHaveLength(2);
    const workRef = keyFingerprint(WORK_KEY);
    expect(refs.has(workRef)).toBe(true);
    await rig.core.api.labelKey({ keyRef: workRef, label: 'work' });

    // CLI: a budget named by the label, with its label in the listing.
    const set = await runCliCaptured(['budget', 'set', '--key', 'work', '--monthly', '0', '--hard', '--data-dir', dataDir]);
    expect(set).toMatchObject({ code: 0 });
    expect(set.stdout).toContain('API key "work" budget: $0.00 a month, hard cap');
    const list = await runCliCaptured(['budget', 'list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(list.stdout).budgets).toEqual([expect.objectContaining({ scope: 'key', scopeValue: workRef, hard: true })]);
    // The running core notices another process's change within a tenth of a second; settle() asks now.
    await rig.core.settle();

    // The work key is refused with the label in the message; the side key still passes.
    const refused = await call(WORK_KEY).catch((err: unknown) => err as { status: number; message: string });
    expect(refused).toMatchObject({ status: 400 });
    expect((refused as { message: string }).message).toMatch(/monthly budget for API key \\?"work\\?"/);
    await expect(call(SIDE_KEY)).resolves.toMatchObject({ type: 'message' });

    // The budget's status counts that key's spend alone.
    const statuses = await rig.core.api.budgetStatuses();
    const status = statuses.find((s) => s.budget.scope === 'key')!;
    const workSpend = rows.filter((r) => r.keyRef === workRef).reduce((sum, r) => sum + r.costNano, 0);
    expect(status.pacing.spentNano).toBe(workSpend);
  });

  test('CLI: a stored key gets its label; an unknown label or provider is refused with what is known', async () => {
    const stored = await runCliCaptured(['keys', 'set', 'anthropic', '--label', 'team', '--data-dir', dataDir], { stdin: WORK_KEY + '\n', env: { TOKENTALLY_MASTER_KEY: 'correct horse battery staple' } });
    expect(stored).toMatchObject({ code: 0 });
    expect(stored.stdout).toMatch(/as "team" \(key:[0-9a-f]{16}\)/);
    const keys = await runCliCaptured(['keys', 'list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(keys.stdout).keys[0]).toMatchObject({ provider: 'anthropic', label: 'team' });

    const unknownKey = await runCliCaptured(['budget', 'set', '--key', 'nobody', '--monthly', '5', '--data-dir', dataDir]);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr).toContain('no API key is called "nobody" (labelled keys: team)');

    const unknownProvider = await runCliCaptured(['budget', 'set', '--provider', 'anthropicc', '--monthly', '5', '--data-dir', dataDir]);
    expect(unknownProvider.code).toBe(2);
    expect(unknownProvider.stderr).toContain('unknown provider "anthropicc": known providers are anthropic, openai, openrouter, deepseek, gemini');

    const typo = await runCliCaptured(['keys', 'set', 'anthropicc', '--data-dir', dataDir], { stdin: WORK_KEY + '\n' });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown provider "anthropicc"');
  });
});
