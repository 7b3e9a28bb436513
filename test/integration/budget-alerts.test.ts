/**
 * Budget alerts: raised once per threshold per budget per period (the ledger's UNIQUE key makes
 * re-evaluation a no-op), one notification per budget at a time, on start and after writes.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { addDays } from '../../shared/time/zoned.js';
import { insertAlert, listAlerts, raiseDueAlerts } from '../../electron/core/budgets/index.js';
import { insertUsage, upsertBudget } from '../../electron/core/ledger/index.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { DOLLAR, startRig, waitFor, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
const NOW = Date.parse('2026-03-11T12:00:00Z');

function budget(partial: Partial<Budget> = {}): Budget {
  return { scope: 'overall', scopeValue: null, monthlyNano: 10 * DOLLAR, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90], ...partial };
}

function spend(db: Db, iso: string, dollars: number, partial: { provider?: string; tag?: string; billing?: 'api' | 'subscription' } = {}): void {
  const record = pricedRecord({ time: Date.parse(iso), model: 'claude-haiku-4-5', tokens: { inputTokens: 1 }, provider: partial.provider ?? 'anthropic', tag: partial.tag ?? null, billing: partial.billing ?? 'api' });
  insertUsage(db, [{ ...record, costNano: Math.round(dollars * DOLLAR) }]);
}

describe('raising alerts from the ledger', () => {
  it('crossing thresholds raises each once; the most serious is the one to notify; again raises nothing', () => {
    const db = openDatabase(tempDir());
    upsertBudget(db, budget());
    spend(db, '2026-03-11T09:00:00Z', 9.5);
    const first = raiseDueAlerts(db, NOW);
    expect(first.raised.map((a) => [a.kind, a.threshold])).toEqual([
      ['threshold', 50],
      ['threshold', 75],
      ['threshold', 90],
    ]);
    expect(first.notify).toHaveLength(1);
    expect(first.notify[0]).toMatchObject({ threshold: 90, periodStart: '2026-03-01', spentNano: 9.5 * DOLLAR, budgetNano: 10 * DOLLAR, at: NOW });
    expect(first.notify[0]!.message).toBe('Overall budget: 90% used ($9.50 of $10.00), 21 days left.');
    for (let i = 0; i < 5; i++) expect(raiseDueAlerts(db, NOW + i * 60_000).raised).toEqual([]);
    expect(listAlerts(db, 50).map((a) => a.threshold)).toEqual([90, 75, 50]);
    db.close();
  });

  it('a new period raises them again', () => {
    const db = openDatabase(tempDir());
    upsertBudget(db, budget());
    spend(db, '2026-03-11T09:00:00Z', 6);
    expect(raiseDueAlerts(db, NOW).raised.map((a) => a.threshold)).toEqual([50]);
    spend(db, '2026-04-02T09:00:00Z', 6);
    const april = raiseDueAlerts(db, Date.parse('2026-04-02T12:00:00Z'));
    expect(april.raised.map((a) => [a.threshold, a.periodStart])).toEqual([[50, '2026-04-01']]);
    db.close();
  });

  it('the UNIQUE key holds even for a direct second insert', () => {
    const db = openDatabase(tempDir());
    const alert = { budget: { scope: 'tag' as const, scopeValue: 'ci' }, kind: 'threshold' as const, threshold: 75, periodStart: '2026-03-01', at: NOW, message: 'm', spentNano: 1, budgetNano: 2 };
    expect(insertAlert(db, alert)).toMatchObject({ id: 1, budget: { scope: 'tag', scopeValue: 'ci' } });
    expect(insertAlert(db, { ...alert, at: NOW + 1, message: 'again' })).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM budget_alerts').pluck().get()).toBe(1);
    db.close();
  });

  it('a projection past the budget, and a hard cap reached, per budget scope', () => {
    const db = openDatabase(tempDir());
    upsertBudget(db, budget({ scope: 'provider', scopeValue: 'openai', monthlyNano: 30 * DOLLAR, alerts: [] }));
    upsertBudget(db, budget({ scope: 'tag', scopeValue: 'ci', monthlyNano: 2 * DOLLAR, hard: true, alerts: [] }));
    // openai: $2 a day for ten days; $20 spent, on course for $20 + 2 × 20.5 = $61.
    for (let i = 0; i < 10; i++) spend(db, `${addDays('2026-03-01', i)}T10:00:00Z`, 2, { provider: 'openai' });
    spend(db, '2026-03-11T10:00:00Z', 2.5, { tag: 'ci' });
    // Subscription usage never counts.
    spend(db, '2026-03-11T10:00:00Z', 500, { provider: 'openai', billing: 'subscription' });
    const { raised, notify } = raiseDueAlerts(db, NOW);
    expect(raised.map((a) => [a.budget.scope, a.kind])).toEqual([
      ['provider', 'projection'],
      ['tag', 'cap'],
    ]);
    expect(notify).toHaveLength(2);
    expect(raised[0]!.message).toContain('openai budget: on course to end the period at $61.00, over its $30.00');
    expect(raised[1]!.message).toContain('Tag "ci" budget: over budget (125%), hard cap: calls are being refused ($2.50 of $2.00)');
    db.close();
  });
});

describe('alerts in the running core', () => {
  let rig: CoreRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('on start: one event and one stdout line for the highest threshold; nothing new after a restart', async () => {
    const dir = tempDir();
    const now = Date.now();
    fillLedger(dir, {
      budgets: [budget({ tz: 'UTC' })],
      usage: [{ ...pricedRecord({ time: Math.max(now - 1000, budgetPeriod(now, 1, 'UTC').startMs), model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 8 * DOLLAR }],
    });
    rig = await startRig(dir);
    await waitFor(() => rig!.events.some((e) => e.type === 'alert'), 'the alert on start');
    const alerts = rig.events.filter((e) => e.type === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'alert', message: expect.stringContaining('Overall budget: 75% used ($8.00 of $10.00)') });
    expect(rig.logs.filter((l) => l.startsWith('alert: '))).toEqual([`alert: ${(alerts[0] as { message: string }).message}`]);
    const summary = await rig.core.api.getSummary();
    expect(summary.lastAlert).toMatchObject({ threshold: 75, kind: 'threshold' });
    expect((await rig.core.api.listAlerts()).map((a) => a.threshold)).toEqual([75, 50]);

    rig.events.length = 0;
    await rig.restart();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.events.filter((e) => e.type === 'alert')).toEqual([]);

    // The budget raised to $100: "75% used ($8.00 of $10.00)" no longer holds, so the glance drops
    // it (the history keeps it).
    await rig.core.api.setBudget(budget({ tz: 'UTC', monthlyNano: 100 * DOLLAR }));
    expect((await rig.core.api.getSummary()).lastAlert).toBeNull();
    expect((await rig.core.api.listAlerts()).map((a) => a.threshold)).toEqual([75, 50]);
  });

  it('after proxied calls and budget changes: throttled, one alert per threshold however many calls', async () => {
    rig = await startRig(tempDir());
    const api = rig.core.api;
    const client = new Anthropic({ baseURL: `${rig.core.urls.proxy}/anthropic`, apiKey: 'sk-ant-api03-alerts', maxRetries: 0 });
    const ask = () => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    await ask();
    await waitFor(() => rig!.events.some((e) => e.type === 'usage-changed'), 'the first call in the ledger');
    const cost = (await api.getSummary()).spentNano;
    expect(cost).toBeGreaterThan(0);

    // A budget that this one call already fills to 95%: the change itself triggers the check.
    await api.setBudget(budget({ monthlyNano: Math.ceil(cost / 0.95), tz: 'UTC' }));
    await waitFor(() => rig!.events.some((e) => e.type === 'alert'), 'the alert after the budget change');
    expect(rig.events.filter((e) => e.type === 'alert').map((e) => (e as { message: string }).message)).toEqual([expect.stringContaining('Overall budget: 90% used')]);

    // A provider budget of 10 calls: a burst of 12 uses it up. Thresholds the checks saw on the way
    // are raised once each; the end state is "over budget (120%)", raised once, never "90% used".
    await api.setBudget(budget({ scope: 'provider', scopeValue: 'anthropic', monthlyNano: 10 * cost, tz: 'UTC' }));
    await Promise.all(Array.from({ length: 11 }, ask));
    await waitFor(() => rig!.events.some((e) => e.type === 'alert' && e.message.startsWith('anthropic budget')), 'the provider alert after writes');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const provider = (await api.listAlerts()).filter((a) => a.budget.scope === 'provider');
    const thresholds = provider.map((a) => a.threshold);
    expect(thresholds).toContain(100);
    expect(new Set(thresholds).size).toBe(thresholds.length);
    expect(thresholds.every((t) => [50, 75, 90, 100].includes(t))).toBe(true);
    expect(provider.find((a) => a.threshold === 100)!.message).toContain('anthropic budget: over budget (120%)');
    const notified = rig.events.filter((e) => e.type === 'alert' && e.message.startsWith('anthropic budget'));
    expect(notified.length).toBeGreaterThanOrEqual(1);
    expect(notified.length).toBeLessThanOrEqual(4);
    expect(new Set(notified.map((e) => (e as { id: number }).id)).size).toBe(notified.length);
  });
});
