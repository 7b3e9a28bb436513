import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { insertUsage, openDatabase } from '../../electron/core/ledger/index.js';
import { anthropicCost, anthropicUsage, DAY_MS, serveAnthropic, startFakeReportApi, utcDay, type AnthropicData, type FakeReportApi } from '../support/fake-report-apis.js';
import { runCliCaptured } from '../support/run-cli.js';
import { clearOfMidnight } from '../support/clear-of-midnight.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';
import { ANTHROPIC_ADMIN_KEY, DEEPSEEK_KEY } from './pollers-fixtures.js';

const tempDir = useTempDirs();
const USD = 1_000_000_000;

let api: FakeReportApi;
let dir: string;
let env: Record<string, string>;
let today: string;
let yesterday: string;

// A test here takes a few seconds; its days are named once, before it starts.
const TEST_MARGIN_MS = 60_000;

beforeEach(async () => {
  await clearOfMidnight(TEST_MARGIN_MS);
  api = await startFakeReportApi();
  dir = tempDir();
  env = { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex'), TOKENTALLY_UPSTREAM_ANTHROPIC: api.url, TOKENTALLY_UPSTREAM_DEEPSEEK: api.url };
  today = utcDay(Date.now());
  yesterday = utcDay(Date.now() - DAY_MS);
  const data: AnthropicData = {
    usage: new Map([[yesterday, [anthropicUsage('claude-sonnet-4-5', { uncached_input_tokens: 100, output_tokens: 10 })]]]),
    cost: new Map([
      [yesterday, [anthropicCost('claude-sonnet-4-5', '1000'), anthropicCost(null, '25.5')]],
      [today, [anthropicCost('claude-sonnet-4-5', '250')]],
    ]),
  };
  serveAnthropic(api, data, Date.now, 31);
  api.route('/user/balance', () => ({ body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '4.20', granted_balance: '0.00', topped_up_balance: '4.20' }] } }));
}, TEST_MARGIN_MS + 10_000);

afterEach(async () => {
  await api.close();
});

const cli = (args: string[], stdin?: string) => runCliCaptured([...args, '--data-dir', dir], { env, stdin });

async function storeKeys(): Promise<void> {
  expect((await cli(['keys', 'set', 'anthropic', '--admin'], ANTHROPIC_ADMIN_KEY)).code).toBe(0);
  expect((await cli(['keys', 'set', 'deepseek'], DEEPSEEK_KEY)).code).toBe(0);
}

describe('tokentally poll', () => {
  it('polls every provider with a key once and prints what it stored (--json)', async () => {
    await storeKeys();
    const run = await cli(['poll', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { providers: Record<string, unknown>[] };
    expect(out.providers.map((p) => [p.provider, p.status])).toEqual([
      ['anthropic', 'stored'],
      ['deepseek', 'stored'],
    ]);
    const anthropic = out.providers[0] as { usageRows: number; costDays: { day: string; costUsd: number; complete: boolean }[] };
    expect(anthropic.usageRows).toBe(1);
    expect(anthropic.costDays.find((d) => d.day === yesterday)).toEqual({ day: yesterday, costUsd: 10.255, complete: true });
    expect(anthropic.costDays.at(-1)).toEqual({ day: today, costUsd: 2.5, complete: false });
    expect(out.providers[1]).toMatchObject({ balances: [{ currency: 'USD', remaining: 4.2 }] });
    // The Admin key went to the fake provider, nowhere else, and never to the output.
    expect(api.requests.find((r) => r.path.includes('usage_report'))!.headers['x-api-key']).toBe(ANTHROPIC_ADMIN_KEY);
    expect(run.stdout).not.toContain(ANTHROPIC_ADMIN_KEY);
  });

  it('prints a readable summary, and refuses to poll again within the minute', async () => {
    await storeKeys();
    const run = await cli(['poll', 'anthropic']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'anthropic: stored 32 days of usage (1 row), 32 days of cost ($12.76)\n' +
        `  ${yesterday}  $10.26\n` +
        `  ${today}  $2.50  (still filling)\n` +
        '  (30 other days at $0.00)\n',
    );
    const again = await cli(['poll', 'anthropic']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^anthropic: skipped — polled less than a minute ago/);
  });

  it('prints the error and exits 1', async () => {
    expect((await cli(['keys', 'set', 'anthropic', '--admin'], `sk-ant-api03-${'x'.repeat(80)}`)).code).toBe(0);
    api.once({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const run = await cli(['poll', 'anthropic']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^anthropic: error — the key is not an admin key: Anthropic usage reports need an Admin key/);
  });

  it('says what to do when there is nothing to poll, and refuses unknown providers', async () => {
    const none = await cli(['poll']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('nothing to poll: no provider keys are stored');
    const openai = await cli(['poll', 'openai']);
    expect(openai.code).toBe(1);
    expect(openai.stderr).toContain('no OpenAI Admin key is stored: add an Admin key with: tokentally keys set openai --admin');
    const unknown = await cli(['poll', 'groq']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "groq": known providers are anthropic, openai, openrouter, deepseek, gemini');
    const notPolled = await cli(['poll', 'gemini']);
    expect(notPolled.code).toBe(2);
    expect(notPolled.stderr).toContain('Tokentally polls anthropic, openai, openrouter, deepseek; not "gemini"');
  });
});

describe('tokentally report reconcile', () => {
  it('gives per provider and UTC day the reported, proxy and unseen cost, and the credit balances (--json)', async () => {
    await storeKeys();
    const db = openDatabase(dir);
    insertUsage(db, [usage({ time: Date.parse(`${yesterday}T12:00:00Z`), costNano: 9 * USD }), usage({ time: Date.parse(`${yesterday}T13:00:00Z`), provider: 'openai', costNano: 1 * USD })]);
    db.close();
    expect((await cli(['poll'])).code).toBe(0);

    const run = await cli(['report', 'reconcile', '--since', yesterday, '--until', today, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { days: Record<string, unknown>[]; balances: Record<string, unknown>[] };
    expect(out.days).toEqual([
      { provider: 'anthropic', day: yesterday, reportedCostUsd: 10.255, proxyCostUsd: 9, unseenCostUsd: 1.255 },
      { provider: 'openai', day: yesterday, reportedCostUsd: null, proxyCostUsd: 1, unseenCostUsd: null },
      { provider: 'anthropic', day: today, reportedCostUsd: 2.5, proxyCostUsd: 0, unseenCostUsd: 2.5 },
    ]);
    expect(out.balances).toEqual([
      {
        provider: 'deepseek',
        currency: 'USD',
        remaining: 4.2,
        creditsTotal: null,
        creditsUsed: null,
        granted: 0,
        toppedUp: 4.2,
        keyLimit: null,
        keyLimitRemaining: null,
        keyUsage: null,
        keyUsageDaily: null,
        keyUsageMonthly: null,
        available: true,
        fetchedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);

    const table = await cli(['report', 'reconcile', '--since', yesterday, '--until', today]);
    expect(table.stdout).toMatch(new RegExp(`${yesterday}  anthropic +\\$10\\.26  \\$9\\.00  \\+\\$1\\.26\n`));
    expect(table.stdout).toContain('not reported');
    expect(table.stdout).toContain('* still filling');
    expect(table.stdout).toContain('deepseek    $4.20 left');
  });

  it('refuses --tz (provider days are UTC) and a reversed range', async () => {
    expect((await cli(['report', 'reconcile', '--tz', 'Europe/Berlin'])).stderr).toContain('--tz does not apply to reconcile');
    expect((await cli(['report', 'reconcile', '--since', '2026-11-07', '--until', '2026-11-01'])).code).toBe(2);
  });
});

describe('the running core', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('polls as soon as an admin key is added, emits sync-changed, and counts the provider cost in the summary', async () => {
    core = await startCore({ dataDir: dir, mode: 'headless', port: 0, env: { ...env, TOKENTALLY_NO_IMPORT: '1' } });
    // Days in UTC, as the provider's: today's bucket lies inside today.
    await core.api.updateSettings({ timezone: 'UTC' });
    const events: ApiEvent[] = [];
    const synced = new Promise<void>((resolve) =>
      core!.onEvent((e) => {
        events.push(e);
        if (e.type === 'sync-changed' && api.requests.length > 0) resolve();
      }),
    );
    await core.api.setKey({ provider: 'anthropic', kind: 'admin', key: ANTHROPIC_ADMIN_KEY });
    await synced;
    const status = (await core.api.listProviderSync()).find((s) => s.provider === 'anthropic')!;
    expect(status).toMatchObject({ state: 'ok', hasKey: true, lastError: null });
    expect(status.nextSyncAt).toBeGreaterThan(Date.now());
    core.setActive(true);
    expect((await core.api.listProviderSync())[0]!.nextSyncAt).toBeLessThanOrEqual(status.lastAttemptAt! + 60_000);
    const summary = await core.api.getSummary();
    // Today's provider figure ($2.50) with nothing logged by the proxy.
    expect(summary.todaySpentNano).toBeGreaterThanOrEqual(2.5 * USD);
    expect((await core.api.testProviderKey({ provider: 'anthropic' })).ok).toBe(true);
  });

  it('does not poll with TOKENTALLY_NO_POLL=1, but polls on request', async () => {
    core = await startCore({ dataDir: dir, mode: 'headless', port: 0, env: { ...env, TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
    await core.api.setKey({ provider: 'anthropic', kind: 'admin', key: ANTHROPIC_ADMIN_KEY });
    await new Promise((r) => setTimeout(r, 200));
    expect(api.requests).toHaveLength(0);
    expect((await core.api.listProviderSync())[0]).toMatchObject({ state: 'waiting', nextSyncAt: null });
    const [anthropic] = await core.api.pollProviders({ provider: 'anthropic' });
    expect(anthropic).toMatchObject({ state: 'ok' });
    expect(anthropic!.lastStored).toContain('32 days of cost');
  });
});
