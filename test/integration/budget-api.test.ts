/** The budgets part of the API through the real core: statuses, the glance's pacing, charts, re-pricing, saved plans. */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type Budget } from '../../shared/api/contract.js';
import type { WorkloadRow } from '../../shared/api/contract-budgets.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { computePacing } from '../../shared/pacing/index.js';
import { priceUsage } from '../../shared/pricing/index.js';
import { addDays } from '../../shared/time/zoned.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { DOLLAR, startRig, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
const NOW = Date.parse('2026-03-11T12:00:00Z');
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const at = (iso: string) => Date.parse(iso);
const dollars = (r: NewUsageRecord, usd: number): NewUsageRecord => ({ ...r, costNano: Math.round(usd * DOLLAR) });

/** Ten days of $3 Anthropic spend and $1 OpenAI spend tagged "ci", plus subscription usage that must not count. */
function monthSoFar(): NewUsageRecord[] {
  const out: NewUsageRecord[] = [];
  for (let i = 0; i < 10; i++) {
    const day = addDays('2026-03-01', i);
    out.push(dollars(pricedRecord({ time: at(`${day}T10:00:00Z`), model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), 3));
    out.push(dollars(pricedRecord({ time: at(`${day}T11:00:00Z`), provider: 'openai', model: 'gpt-4o', tokens: { inputTokens: 1 }, tag: 'ci' }), 1));
  }
  out.push(dollars(pricedRecord({ time: at('2026-03-11T09:00:00Z'), model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), 2));
  out.push(dollars(pricedRecord({ time: at('2026-03-11T09:30:00Z'), model: 'claude-opus-4-1', billing: 'subscription', tokens: { inputTokens: 1 } }), 90));
  return out;
}

const overall: Budget = { scope: 'overall', scopeValue: null, monthlyNano: 124 * DOLLAR, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] };

async function rigWith(records: NewUsageRecord[]): Promise<CoreRig> {
  const dir = tempDir();
  fillLedger(dir, { usage: records });
  rig = await startRig(dir, { now: NOW });
  return rig;
}

describe('budget statuses and the glance', () => {
  it('each budget with its own scope, period and pacing; the summary carries the overall pacing', async () => {
    const { core } = await rigWith(monthSoFar());
    await core.api.setBudget(overall);
    await core.api.setBudget({ ...overall, scope: 'tag', scopeValue: 'ci', monthlyNano: 20 * DOLLAR, hard: true });
    await core.api.setBudget({ ...overall, scope: 'provider', scopeValue: 'anthropic', monthlyNano: 100 * DOLLAR, resetDay: 5, tz: 'America/New_York' });

    const statuses = await core.api.budgetStatuses();
    expect(statuses.map((s) => [s.budget.scope, s.pacing.spentNano / DOLLAR, s.period.start])).toEqual([
      ['overall', 42, '2026-03-01'],
      ['provider', 3 * 6 + 2, '2026-03-05'],
      ['tag', 10, '2026-03-01'],
    ]);
    const o = statuses[0]!;
    // $124 over 31 days is $4 a day; after 10.5 days the ideal is $42: exactly on the line.
    expect(o.pacing).toMatchObject({ idealNano: 42 * DOLLAR, paceDelta: 0, state: 'on-pace', todayAllowanceNano: 4 * DOLLAR, median7dNano: 4 * DOLLAR, projectedLinearNano: 124 * DOLLAR });
    expect(o.thresholdReached).toBeNull();
    expect(statuses[2]).toMatchObject({ thresholdReached: 50, capReached: false, period: { end: '2026-03-31', next: '2026-04-01', resetsAt: at('2026-04-01T00:00:00Z') } });

    const summary = await core.api.getSummary();
    expect(summary.pacing).toEqual(o.pacing);
    expect(summary.todayAllowanceNano).toBe(o.pacing.todayAllowanceNano);
    expect(summary.spentNano).toBe(o.pacing.spentNano);
    expect(summary.remainingNano).toBe(o.pacing.remainingNano);
    expect(summary.subscriptionCostNano).toBe(90 * DOLLAR);
    expect(summary.hasHardCap).toBe(true);
  });

  it('without an overall budget the summary has no pacing; nothing breaks on an empty ledger', async () => {
    const { core } = await rigWith([]);
    const summary = await core.api.getSummary();
    expect(summary).toMatchObject({ pacing: null, lastAlert: null, capLiftedUntil: null, hasHardCap: false, todayAllowanceNano: null });
    await core.api.setBudget({ ...overall, monthlyNano: 0 });
    expect((await core.api.getSummary()).pacing).toMatchObject({ spentNano: 0, budgetNano: 0, paceDelta: null, state: 'on-pace', runsOutOn: null });
    expect(await core.api.budgetStatuses()).toHaveLength(1);
  });

  it('chart series of a budget agree with its pacing; an unknown budget is not_found', async () => {
    const { core } = await rigWith(monthSoFar());
    await core.api.setBudget(overall);
    const series = await core.api.pacingSeries({ scope: 'overall', scopeValue: null });
    expect(series).toMatchObject({ budget: { scope: 'overall', scopeValue: null }, budgetNano: 124 * DOLLAR, today: '2026-03-11', idealDayNano: 4 * DOLLAR });
    expect(series.points).toHaveLength(31);
    const pacing = computePacing({
      now: NOW,
      budgetNano: 124 * DOLLAR,
      period: budgetPeriod(NOW, 1, 'UTC'),
      tz: 'UTC',
      days: series.points.filter((p) => p.spendNano !== null).map((p) => ({ day: p.day, spendNano: p.spendNano! })),
      last24hNano: 0,
      dataSince: '2026-03-01',
    });
    expect(series.points[10]!.cumulativeNano).toBe(pacing.spentNano);
    expect(series.points[30]!.projectedLinearNano).toBe(pacing.projectedLinearNano);
    await expect(core.api.pacingSeries({ scope: 'tag', scopeValue: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('re-pricing the ledger on another model', () => {
  it('actual vs re-priced by model, spend only by default, batch at half, long context per request', async () => {
    const sonnet = (time: string, tokens: Partial<NewUsageRecord>, billing: 'api' | 'batch' | 'subscription' = 'api') =>
      pricedRecord({ time: at(time), model: 'claude-sonnet-4-5-20250929', billing, tokens: { inputTokens: 5_000, outputTokens: 2_000, ...tokens } });
    const records = [
      ...Array.from({ length: 10 }, (_, i) => sonnet(`2026-03-${String(i + 1).padStart(2, '0')}T08:00:00Z`, {})),
      sonnet('2026-03-10T09:00:00Z', {}, 'batch'),
      sonnet('2026-03-10T10:00:00Z', {}, 'subscription'),
      sonnet('2026-03-10T11:00:00Z', { inputTokens: 300_000 }),
      // Outside the last 30 days.
      sonnet('2026-02-01T08:00:00Z', {}),
    ];
    const { core } = await rigWith(records);
    const result = await core.api.repriceUsage({ days: 30, provider: 'anthropic', model: 'claude-sonnet-4-5', tz: 'UTC' });
    expect(result).toMatchObject({ since: '2026-02-10', until: '2026-03-11', target: { provider: 'anthropic', model: 'claude-sonnet-4-5' } });
    expect(result.rows).toHaveLength(1);
    // Same model re-priced on itself: exact, including the batch half and the long-context request.
    expect(result.rows[0]).toMatchObject({ model: 'claude-sonnet-4-5-20250929', requests: 12 });
    expect(result.repricedNano).toBe(result.actualNano);
    const longContext = priceUsage({ provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { inputTokens: 300_000, outputTokens: 2_000 }, at: new Date(NOW) });
    expect(longContext.longContext).toBe(true);
    expect(result.actualNano).toBe(10 * 45_000_000 + 22_500_000 + longContext.totalNano);

    const haiku = await core.api.repriceUsage({ days: 30, provider: 'anthropic', model: 'claude-haiku-4-5', tz: 'UTC' });
    // Haiku 4.5 at $1/$5: 5,000 in + 2,000 out = $0.015 a request.
    expect(haiku.repricedNano).toBe(10 * 15_000_000 + 7_500_000 + (300_000 * 1_000 + 2_000 * 5_000));
    const withSubscription = await core.api.repriceUsage({ days: 30, provider: 'anthropic', model: 'claude-haiku-4-5', tz: 'UTC', includeSubscription: true });
    expect(withSubscription.rows[0]!.requests).toBe(13);

    await expect(core.api.repriceUsage({ days: 30, provider: 'anthropic', model: 'no-such-model-zz' })).rejects.toThrow(/no price/);
    await expect(core.api.repriceUsage({ days: 0, provider: 'anthropic', model: 'claude-haiku-4-5' })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('scenarios and saved plans', () => {
  const rows: WorkloadRow[] = [
    { name: 'agent', provider: 'anthropic', model: 'claude-haiku-4-5', requestsPerMonth: 10_000, inputTokens: 12_000, outputTokens: 500, cachedShare: 0, batchShare: 0 },
  ];

  it('prices a scenario with the user overrides, and refuses bad rows', async () => {
    const { core } = await rigWith([]);
    expect((await core.api.priceScenario({ rows })).totalNano).toBe(145 * DOLLAR);
    await core.api.updateSettings({ priceOverrides: [{ provider: 'anthropic', model: 'claude-haiku-4-5', inputPerMTok: 2, outputPerMTok: 10 }] });
    expect((await core.api.priceScenario({ rows })).totalNano).toBe(290 * DOLLAR);
    await expect(core.api.priceScenario({ rows: [{ ...rows[0]!, cachedShare: 2 }] })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('saves, lists, updates and removes plans, and compares one with actual spend', async () => {
    const { core } = await rigWith(monthSoFar());
    let plans = await core.api.saveSavedPlan({ name: 'March', rows });
    expect(plans).toHaveLength(1);
    const id = plans[0]!.id;
    expect(plans[0]).toMatchObject({ name: 'March', rows, created: NOW });
    plans = await core.api.saveSavedPlan({ id, name: 'March v2', rows: [...rows, { ...rows[0]!, name: 'ci', provider: 'openai', model: 'gpt-4o', requestsPerMonth: 100 }] });
    expect(plans.map((p) => [p.id, p.name, p.rows.length])).toEqual([[id, 'March v2', 2]]);
    await expect(core.api.saveSavedPlan({ id: 999, name: 'x', rows })).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.api.saveSavedPlan({ name: ' ', rows })).rejects.toMatchObject({ code: 'bad_request' });

    const vs = await core.api.savedPlanVsActual({ id });
    expect(vs.period).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(vs.actualNano).toBe(42 * DOLLAR);
    expect(vs.projectedNano).toBe(124 * DOLLAR);
    expect(vs.plannedNano).toBe((await core.api.priceScenario({ rows: vs.plan.rows })).totalNano);
    expect(vs.byModel.find((m) => m.model === 'claude-haiku-4-5')).toMatchObject({ plannedNano: 145 * DOLLAR, actualNano: 32 * DOLLAR });
    expect(vs.byModel.find((m) => m.model === 'gpt-4o')!.actualNano).toBe(10 * DOLLAR);

    expect(await core.api.removeSavedPlan({ id })).toEqual([]);
    await expect(core.api.savedPlanVsActual({ id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
