import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../shared/api/contract-subscriptions.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { insertUsage, openDatabase } from '../../electron/core/ledger/index.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const USD = 1_000_000_000;
const at = (iso: string) => Date.parse(iso);
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

/** Subscription usage (API-equivalent cost) and API spend, in round dollars, on known days (UTC). */
async function seeded(nowIso: string): Promise<Core> {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const row = (day: string, usd: number, billing: 'subscription' | 'api', provider = 'anthropic', source: 'import' | 'proxy' = 'import') =>
    pricedRecord({ time: at(`${day}T12:00:00Z`), provider, model: provider === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-5', billing, source, costNano: usd * USD, externalId: `${day}-${usd}-${billing}-${provider}` });
  insertUsage(db, [
    row('2025-09-05', 8, 'subscription'),
    row('2025-09-20', 15, 'subscription'),
    row('2025-10-02', 6, 'subscription'),
    row('2025-10-09', 9, 'subscription', 'anthropic', 'proxy'),
    row('2025-10-15', 7, 'subscription'),
    row('2025-10-03', 12, 'api'),
    row('2025-10-04', 3, 'api', 'openai', 'proxy'),
  ]);
  db.close();
  const c = await startCore({ dataDir, mode: 'headless', port: 0, now: () => at(nowIso), env: { TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
  await c.api.updateSettings({
    timezone: 'UTC',
    // A catalog plan may be given by its id: the settings fill in its name, provider and price.
    subscriptions: [{ plan: 'claude-pro' }, { plan: 'claude-max-5x', renewalDay: 10, since: '2025-09-25' }] as Subscription[],
  });
  return c;
}

describe('break-even through the API', () => {
  it('shows each plan in its current period: covered cost, saving, payoff day, pace, API spend it could cover', async () => {
    core = await seeded('2025-10-16T00:00:00Z');
    const report = await core.api.getBreakEven();
    expect(report).toMatchObject({ month: '2025-10', tz: 'UTC', now: at('2025-10-16T00:00:00Z') });
    const [pro, max] = report.plans;
    expect(pro).toMatchObject({
      index: 0,
      name: 'Claude Pro',
      period: { start: '2025-10-01', last: '2025-10-31', daysTotal: 31, status: 'current' },
      active: true,
      priceNano: 20 * USD,
      coveredNano: 22 * USD,
      coveredRequests: 3,
      savingNano: 2 * USD,
      paidOffOn: '2025-10-15',
      // $22 in 15 days, over 31 days.
      projectedNano: Math.round((22 * USD * 31) / 15),
      projectedPaidOffOn: null,
      apiSpendNano: 12 * USD,
      sharedWith: ['Claude Max'],
    });
    expect(max).toMatchObject({
      name: 'Claude Max',
      period: { start: '2025-10-10', last: '2025-11-09', status: 'current' },
      priceNano: 100 * USD,
      coveredNano: 7 * USD,
      savingNano: -93 * USD,
      paidOffOn: null,
      projectedPaidOffOn: null,
      sharedWith: ['Claude Pro'],
    });
    const option = (id: string) => report.options.find((o) => o.plan === id)!;
    expect(option('claude-pro')).toMatchObject({ apiSpendNano: 12 * USD, apiRequests: 1, projectedApiSpendNano: Math.round((12 * USD * 31) / 15) });
    expect(option('chatgpt-plus')).toMatchObject({ apiSpendNano: 3 * USD, savingNano: Math.round((3 * USD * 31) / 15) - 20 * USD });
    expect(report.totals).toEqual({ priceNano: 120 * USD, coveredNano: 22 * USD, savingNano: -98 * USD });
  });

  it('goes back month by month; a plan not paid for yet costs nothing', async () => {
    core = await seeded('2025-10-16T00:00:00Z');
    const september = await core.api.getBreakEven({ month: '2025-09' });
    expect(september.plans.map((p) => [p.period.start, p.period.status, p.active, p.coveredNano / USD, p.priceNano / USD, p.paidOffOn])).toEqual([
      ['2025-09-01', 'past', true, 23, 20, '2025-09-20'],
      ['2025-09-10', 'past', true, 30, 100, null],
    ]);
    const history = await core.api.breakEvenHistory({ months: 3 });
    expect(history.map((r) => r.month)).toEqual(['2025-08', '2025-09', '2025-10']);
    expect(history[0]!.plans[1]).toMatchObject({ period: { start: '2025-08-10' }, active: false, priceNano: 0, coveredNano: 8 * USD });
    expect(history[1]).toEqual(september);
    expect(history[2]).toEqual(await core.api.getBreakEven());
    await expect(core.api.getBreakEven({ month: '2025-11' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(core.api.getBreakEven({ month: 'October' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(core.api.breakEvenHistory({ months: 99 })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('lists the plans and answers the volume question', async () => {
    core = await seeded('2025-10-16T00:00:00Z');
    expect((await core.api.listPlans()).map((p) => p.id)).toContain('claude-team-standard');
    // A plan corrected in Settings is listed, and weighed for API users, at the corrected price.
    await core.api.updateSettings({ planEdits: [{ plan: 'chatgpt-plus', name: 'ChatGPT Plus (EUR)', monthlyNano: 23 * USD }] });
    expect((await core.api.listPlans()).find((p) => p.id === 'chatgpt-plus')).toMatchObject({ name: 'ChatGPT Plus (EUR)', monthlyNano: 23 * USD, edited: true, source: expect.stringMatching(/^https:/) });
    expect((await core.api.getBreakEven()).options.find((o) => o.plan === 'chatgpt-plus')).toMatchObject({ name: 'ChatGPT Plus (EUR)', priceNano: 23 * USD });
    const v = await core.api.breakEvenVolume({ model: 'claude-sonnet-4-5', tokensPerCall: { inputTokens: 5000, outputTokens: 2000 }, plan: 'claude-pro' });
    expect(v.callsPerMonth).toBe(445);
    await expect(core.api.breakEvenVolume({ model: 'claude-sonnet-4-5', tokensPerCall: {}, plan: 'nope' as 'claude-pro' })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
