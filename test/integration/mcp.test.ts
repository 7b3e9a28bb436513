/**
 * `tokentally mcp` through the official SDK's own client: the real bin spawned over stdio on a
 * seeded ledger (a budget, tagged calls of several models today and earlier this period, plan
 * windows, one planted waste of each kind for the advisor). Every tool's answer is compared with
 * the app's API on the same folder (a core started as the app starts it), and the figures that
 * can be are also worked out by hand from the seeded calls.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import { DATABASE_FILE, insertUsage, openDatabase, upsertBudget, writeSettings } from '../../electron/core/ledger/index.js';
import { openLedgerApi } from '../../electron/core/mcp/ledger-api.js';
import { recordWindowSnapshots } from '../../electron/core/windows/window-store.js';
import { dayOf } from '../../shared/time/zoned.js';
import { plantedWaste } from '../support/advisor-ledger.js';
import { BIN, ensureNodeBuilt, ROOT } from '../support/built-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';

const tempDir = useTempDirs();
const USD = 1_000_000_000;
const DAY = 86_400_000;

let core: Core | null = null;
let client: Client | null = null;
afterEach(async () => {
  await client?.close();
  client = null;
  await core?.close();
  core = null;
});

beforeAll(() => ensureNodeBuilt(), 120_000);

/**
 * Today (UTC): agent/sonnet $2.00, agent/gpt-5 $0.50, untagged/sonnet $1.25, a subscription call
 * at $4.00 (not spend); the advisor's planted calls fill the 25 days before. A $500 budget.
 */
function seed(dataDir: string, now: number): void {
  const db = openDatabase(dataDir);
  try {
    writeSettings(db, { timezone: 'UTC' });
    upsertBudget(db, { scope: 'overall', scopeValue: null, monthlyNano: 500 * USD, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] });
    const base = Math.floor(now / DAY) * DAY - 26 * DAY;
    insertUsage(db, plantedWaste(base).records);
    insertUsage(db, [
      usage({ time: now - 4_000, model: 'claude-sonnet-4-5', tag: 'agent', costNano: 2 * USD }),
      usage({ time: now - 3_000, provider: 'openai', model: 'gpt-5', tag: 'agent', costNano: 0.5 * USD }),
      usage({ time: now - 2_000, model: 'claude-sonnet-4-5', costNano: 1.25 * USD }),
      usage({ time: now - 1_000, model: 'claude-opus-4-1', billing: 'subscription', source: 'import', costNano: 4 * USD }),
    ]);
    recordWindowSnapshots(db, [
      {
        provider: 'anthropic',
        account: 'default',
        source: 'proxy',
        at: now - 60_000,
        status: 'allowed',
        binding: '5h',
        windows: [
          { window: '5h', used: 0.62, resetsAt: now + 2 * 3_600_000, status: 'allowed', windowMinutes: 300 },
          { window: '7d', used: 0.3, resetsAt: now + 3 * DAY, status: 'allowed', windowMinutes: 10_080 },
        ],
      },
    ]);
  } finally {
    db.close();
  }
}

async function connect(dataDir: string): Promise<{ client: Client; errors: Error[] }> {
  const errors: Error[] = [];
  const c = new Client({ name: 'tokentally-test', version: '1.0.0' });
  c.onerror = (err) => errors.push(err);
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--data-dir', dataDir], cwd: ROOT, stderr: 'pipe', env: { ...(process.env as Record<string, string>), TOKENTALLY_NO_POLL: '1' } });
  await c.connect(transport);
  client = c;
  return { client: c, errors };
}

// The tool's JSON answer, read by path below where expect() checks each field it uses.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function callJson(c: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await c.callTool({ name, arguments: args });
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  const [first] = result.content as { type: string; text: string }[];
  expect(first!.type).toBe('text');
  return JSON.parse(first!.text);
}

describe('tokentally mcp', () => {
  it("lists its tools, read-only, and answers each with the app API's figures", async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seed(dataDir, now);
    const { client: c, errors } = await connect(dataDir);
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], env: { TOKENTALLY_NO_POLL: '1' } });
    const api = core.api;

    const { tools } = await c.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['budget_status', 'plan_windows', 'price_call', 'savings_findings', 'spend']);
    for (const t of tools) expect(t.annotations?.readOnlyHint).toBe(true);

    // Budget status and pace.
    const budget = await callJson(c, 'budget_status');
    const summary = await api.getSummary();
    const today = dayOf(now, 'UTC');
    const planted = (await api.usageByModel({ since: summary.period.start, until: summary.period.end, tz: 'UTC' })).reduce((s, m) => s + m.spendNano, 0);
    expect(budget.todaySpentUsd).toBe(3.75); // by hand: 2.00 + 0.50 + 1.25; the subscription call is not spend
    expect(budget.todaySpentUsd).toBe(summary.todaySpentNano / USD);
    expect(budget.spentUsd).toBe(summary.spentNano / USD);
    expect(budget.spentUsd).toBe(planted / USD);
    expect(budget.budgetUsd).toBe(500);
    expect(budget.remainingUsd).toBe(summary.remainingNano! / USD);
    expect(budget.todayAllowanceUsd).toBe(summary.todayAllowanceNano! / USD);
    expect(budget.pace).toMatchObject({ state: summary.pacing!.state, runsOutOn: summary.pacing!.runsOutOn });
    // The share of the period gone moves between the two readings: the pace with it, a little.
    expect(budget.pace.paceDelta).toBeCloseTo(summary.pacing!.paceDelta!, 4);
    const statuses = await api.budgetStatuses();
    expect(budget.budgets).toHaveLength(1);
    expect(budget.budgets[0]).toMatchObject({ scope: 'overall', budgetUsd: 500, spentUsd: statuses[0]!.pacing.spentNano / USD, periodStart: statuses[0]!.period.start });

    // Plan windows and the runway.
    const windows = await callJson(c, 'plan_windows');
    const report = await api.listWindows();
    const strip = (w: { ageMs?: number; projection?: unknown }) => ({ ...w, ageMs: undefined, projection: undefined });
    expect(windows.windows.map(strip)).toEqual(report.windows.map(strip));
    expect(windows.windows.map((w: { window: string; used: number }) => [w.window, w.used])).toEqual([
      ['5h', 0.62],
      ['7d', 0.3],
    ]);
    expect(windows.runway.map((r: { key: string }) => r.key)).toEqual(report.runway.map((r) => r.key));

    // Spend by model and by tag, today and this period.
    const byModel = await callJson(c, 'spend', { by: 'model' });
    const modelsToday = await api.usageByModel({ since: today, until: summary.period.end, tz: 'UTC' });
    expect(byModel.today.rows).toEqual(modelsToday.map(({ spendNano, subscriptionNano, ...m }) => ({ ...m, spendUsd: spendNano / USD, subscriptionAtApiPricesUsd: subscriptionNano / USD })));
    expect(byModel.today.rows.map((r: { model: string; spendUsd: number }) => [r.model, r.spendUsd])).toEqual([
      ['claude-opus-4-1', 0],
      ['claude-sonnet-4-5', 3.25],
      ['gpt-5', 0.5],
    ]);
    const modelsPeriod = await api.usageByModel({ since: summary.period.start, until: summary.period.end, tz: 'UTC' });
    expect(byModel.period.rows.map((r: { model: string; spendUsd: number }) => [r.model, r.spendUsd])).toEqual(modelsPeriod.map((m) => [m.model, m.spendNano / USD]));

    const byTag = await callJson(c, 'spend', { by: 'tag' });
    expect(byTag.today.rows.map((r: { tag: string | null; spendUsd: number; requests: number; subscriptionAtApiPricesUsd: number }) => [r.tag, r.requests, r.spendUsd, r.subscriptionAtApiPricesUsd])).toEqual([
      [null, 2, 1.25, 4],
      ['agent', 2, 2.5, 0],
    ]);
    const tagsPeriod = await api.usageByTag({ since: summary.period.start, until: summary.period.end, tz: 'UTC' });
    expect(byTag.period.rows.map((r: { tag: string | null; spendUsd: number }) => [r.tag, r.spendUsd])).toEqual(tagsPeriod.map((t) => [t.tag, t.spendNano / USD]));

    // The price of a planned call, as the ledger prices calls; an unknown model is unpriced, not $0.
    const price = await callJson(c, 'price_call', { model: 'claude-sonnet-4-5', provider: 'anthropic', inputTokens: 10_000, outputTokens: 2_000, cacheReadTokens: 50_000 });
    const quote = await api.quotePrice({ model: 'claude-sonnet-4-5', provider: 'anthropic', tokens: { inputTokens: 10_000, outputTokens: 2_000, cacheReadTokens: 50_000 } });
    expect(price.totalUsd).toBe(quote.totalNano / USD);
    // By hand, Sonnet 4.5 at $3 in / $15 out / $0.30 cache read per million (platform.claude.com pricing, checked 2026-12-07).
    expect(price.totalUsd).toBeCloseTo(0.03 + 0.03 + 0.015, 9);
    expect(price).toMatchObject({ priced: true, inputUsd: 0.03, outputUsd: 0.03, cacheReadUsd: 0.015 });
    const unknown = await callJson(c, 'price_call', { model: 'no-such-model-9', inputTokens: 1000 });
    expect(unknown.priced).toBe(false);

    // The savings advisor's findings.
    const findings = await callJson(c, 'savings_findings');
    const advisor = await api.listFindings({});
    expect(findings.findings.length).toBeGreaterThan(0);
    expect(findings.findings.map((f: { id: string; monthlyUsd: number }) => [f.id, f.monthlyUsd])).toEqual(advisor.findings.map((f) => [f.id, f.monthlyNano / USD]));
    expect(findings.totalMonthlyUsd).toBe(advisor.totalMonthlyNano / USD);

    // Bad arguments are the tool's error, in words; nothing but protocol reached stdout.
    const bad = await c.callTool({ name: 'price_call', arguments: { model: 'claude-sonnet-4-5', inputTokens: -5 } });
    expect(bad.isError).toBe(true);
    expect(errors).toEqual([]);
  });

  it('answers a folder without a ledger with an error the agent can read, and creates none', async () => {
    const dataDir = tempDir();
    const { client: c } = await connect(dataDir);
    const result = await c.callTool({ name: 'budget_status', arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toContain(`no Tokentally ledger in ${dataDir}`);
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('cannot write: the API over the ledger refuses changes', async () => {
    const dataDir = tempDir();
    seed(dataDir, Date.now());
    const ledger = openLedgerApi(dataDir);
    try {
      await expect(ledger.api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: USD, hard: true, resetDay: 1, tz: 'UTC', alerts: [] })).rejects.toThrow(/readonly|read-only/i);
      expect((await ledger.api.listBudgets())[0]!.monthlyNano).toBe(500 * USD);
    } finally {
      ledger.close();
    }
  });
});
