import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetPeriod } from '../../shared/budget/period.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const DOLLAR = 1_000_000_000;

/** A ledger holding spend of this period (dollars per provider/tag), written just now. */
function ledgerWith(spend: { usd: number; provider?: string; tag?: string; billing?: 'api' | 'subscription' }[]): string {
  const dir = tempDir();
  const db = openDatabase(dir);
  const now = Date.now();
  const time = Math.max(budgetPeriod(now, 1, 'UTC').startMs, now - 1000);
  insertUsage(
    db,
    spend.map((s) => ({
      ...pricedRecord({ time, provider: s.provider ?? 'anthropic', model: s.provider === 'openai' ? 'gpt-4o' : 'claude-haiku-4-5', tokens: { inputTokens: 1 }, billing: s.billing ?? 'api', tag: s.tag ?? null }),
      costNano: Math.round(s.usd * DOLLAR),
    })),
  );
  db.close();
  return dir;
}

const cli = (dir: string, ...args: string[]) => runCliCaptured(['budget', ...args, '--data-dir', dir]);

async function check(dir: string) {
  const run = await cli(dir, 'check', '--json');
  expect(run.stderr).toBe('');
  return { code: run.code, json: JSON.parse(run.stdout) as { status: string; budgets: Record<string, unknown>[] } };
}

describe('tokentally budget check: exit codes', () => {
  it('0 with no ledger and no budgets, and creates nothing', async () => {
    const dir = path.join(tempDir(), 'none');
    const run = await cli(dir, 'check');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No budgets set');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('0 within budget, with spent, remaining, pace delta and projection in the JSON', async () => {
    const dir = ledgerWith([{ usd: 2 }, { usd: 50, billing: 'subscription' }]);
    expect((await cli(dir, 'set', '--monthly', '10', '--tz', 'UTC')).code).toBe(0);
    const { code, json } = await check(dir);
    expect(code).toBe(0);
    expect(json.status).toBe('ok');
    expect(json.budgets).toHaveLength(1);
    const b = json.budgets[0]!;
    // Subscription usage never counts as spend.
    expect(b).toMatchObject({ scope: 'overall', scopeValue: null, hard: false, status: 'ok', budgetUsd: 10, spentUsd: 2, remainingUsd: 8, thresholdReached: null, capReached: false });
    expect(typeof b.paceDelta === 'number' || b.paceDelta === null).toBe(true);
    expect(b.projectedUsd).toBeGreaterThanOrEqual(2);
    expect(b.projectedRobustUsd).toBeGreaterThanOrEqual(2);
    expect(Object.keys(b)).toEqual(expect.arrayContaining(['spentUsd', 'remainingUsd', 'paceDelta', 'projectedUsd', 'runsOutOn', 'periodStart', 'periodEnd', 'resetsAt']));
  });

  it('3 once a soft alert threshold is crossed', async () => {
    const dir = ledgerWith([{ usd: 6 }]);
    await cli(dir, 'set', '--monthly', '10', '--tz', 'UTC');
    const { code, json } = await check(dir);
    expect(code).toBe(3);
    expect(json.status).toBe('soft');
    expect(json.budgets[0]).toMatchObject({ thresholdReached: 50, capReached: false });
    // The human-readable form exits the same way.
    const text = await cli(dir, 'check');
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('Overall budget: $6.00 of $10.00');
  });

  it('3 for a soft budget used up even without alert thresholds', async () => {
    const dir = ledgerWith([{ usd: 12 }]);
    await cli(dir, 'set', '--monthly', '10', '--alerts', 'none', '--tz', 'UTC');
    const { code, json } = await check(dir);
    expect(code).toBe(3);
    expect(json.budgets[0]).toMatchObject({ state: 'over', remainingUsd: -2, capReached: false });
  });

  it('4 when a hard cap is reached; the worst budget decides', async () => {
    const dir = ledgerWith([{ usd: 3 }, { usd: 1.5, provider: 'openai' }]);
    await cli(dir, 'set', '--monthly', '100', '--tz', 'UTC');
    expect((await check(dir)).code).toBe(0);
    await cli(dir, 'set', '--provider', 'OpenAI', '--monthly', '1.50', '--hard', '--tz', 'UTC');
    const { code, json } = await check(dir);
    expect(code).toBe(4);
    expect(json.status).toBe('hard');
    expect(json.budgets.map((b) => [b.scope, b.scopeValue, b.status])).toEqual([
      ['overall', null, 'ok'],
      ['provider', 'openai', 'hard'],
    ]);
  });

  it('a tag budget counts only its tag; a hard cap below its spend is 4, above it with room for an ordinary call 0', async () => {
    // $4 of tag spend in forty $0.10 calls: an ordinary call of the tag costs $0.10.
    const dir = ledgerWith([...Array.from({ length: 40 }, () => ({ usd: 0.1, tag: 'ci' })), { usd: 40 }]);
    await cli(dir, 'set', '--tag', 'ci', '--monthly', '5', '--hard', '--alerts', '100', '--tz', 'UTC');
    expect((await check(dir)).code).toBe(0);
    await cli(dir, 'set', '--tag', 'ci', '--monthly', '4');
    const { code, json } = await check(dir);
    expect(code).toBe(4);
    expect(json.budgets[0]).toMatchObject({ scope: 'tag', scopeValue: 'ci', spentUsd: 4, hard: true, capReached: true });
  });
});

describe('tokentally budget set / list / rm', () => {
  it('sets, lists and removes budgets; a change keeps the options left out', async () => {
    const dir = tempDir();
    let run = await cli(dir, 'set', '--monthly', '50', '--hard', '--reset-day', '15', '--tz', 'europe/berlin', '--alerts', '80,50');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Set Overall budget: $50.00 a month, hard cap, resets on day 15 (Europe/Berlin), alerts at 50, 80%');
    run = await cli(dir, 'set', '--monthly', '60');
    expect(run.stdout).toContain('Updated Overall budget: $60.00 a month, hard cap, resets on day 15 (Europe/Berlin), alerts at 50, 80%');
    await cli(dir, 'set', '--provider', 'anthropic', '--monthly', '20', '--tz', 'UTC');
    run = await cli(dir, 'list', '--json');
    expect(JSON.parse(run.stdout)).toEqual({
      budgets: [
        { scope: 'overall', scopeValue: null, monthlyUsd: 60, hard: true, resetDay: 15, tz: 'Europe/Berlin', alerts: [50, 80] },
        { scope: 'provider', scopeValue: 'anthropic', monthlyUsd: 20, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] },
      ],
    });
    run = await cli(dir, 'set', '--monthly', '60', '--soft');
    expect(run.stdout).toContain('soft');
    expect((await cli(dir, 'rm', '--provider', 'anthropic')).code).toBe(0);
    run = await cli(dir, 'rm', '--provider', 'anthropic');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tokentally budget: no anthropic budget is set (see: tokentally budget list)\n');
    expect((await cli(dir, 'rm')).code).toBe(0);
    run = await cli(dir, 'list');
    expect(run.stdout).toContain('No budgets set');
  });

  it('takes commas as thousands separators only, and sets nothing for one out of place', async () => {
    const dir = tempDir();
    let run = await cli(dir, 'set', '--provider', 'openai', '--monthly', '49,99', '--hard');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--monthly 49,99: use a dot for cents (49.99)');
    expect((await cli(dir, 'list')).stdout).toContain('No budgets set');
    run = await cli(dir, 'set', '--monthly', '1,000', '--tz', 'UTC');
    expect(run.stdout).toContain('Set Overall budget: $1,000.00 a month');
    run = await cli(dir, 'set', '--provider', 'openai', '--monthly', '$12,500.50', '--tz', 'UTC');
    expect(run.stdout).toContain('Set openai budget: $12,500.50 a month');
    run = await cli(dir, 'list', '--json');
    expect(JSON.parse(run.stdout).budgets.map((b: { monthlyUsd: number }) => b.monthlyUsd)).toEqual([1000, 12_500.5]);
  });

  it.each([
    [['set'], 'needs --monthly'],
    [['set', '--monthly', 'ten'], '--monthly'],
    [['set', '--monthly', '5', '--provider', 'a', '--tag', 'b'], 'not both'],
    [['set', '--monthly', '5', '--reset-day', '31'], '1 to 28'],
    [['set', '--monthly', '5', '--tz', 'Mars/Olympus'], 'unknown time zone'],
    [['set', '--monthly', '5', '--alerts', '50,abc'], '--alerts'],
    [['set', '--monthly', '5', '--hard', '--soft'], 'contradict'],
    [['frobnicate'], 'unknown budget command'],
    [['check', 'extra'], 'unexpected argument'],
  ])('wrong arguments %j exit 2 with usage', async (args, message) => {
    const run = await cli(tempDir(), ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage:');
  });

  it('is listed in the main usage', async () => {
    const run = await runCliCaptured(['--help']);
    expect(run.stdout).toContain('budget set|list|rm|check');
  });
});
