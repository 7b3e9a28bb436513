import { resolveProviders } from '../../electron/core/proxy/upstreams.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { insertUsage, readSettings, writeSettings } from '../../electron/core/ledger/index.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import { replaceBalances } from '../../electron/core/pollers/balances-repo.js';
import { EMPTY_BALANCE } from '../../electron/core/pollers/poll-types.js';
import { reconciledSpendNano, reconciliationRows } from '../../electron/core/reconcile/index.js';
import { createService } from '../../electron/core/service/create-service.js';
import { usage } from './ledger-fixtures.js';
import { usePollLedgers, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');
const USD = 1_000_000_000;
const at = (iso: string) => Date.parse(iso);

/** A provider's daily cost figure, as a poll stores it. */
function reported(db: Db, provider: string, day: string, costNano: number, fetchedAt = NOW): void {
  const start = at(`${day}T00:00:00Z`);
  db.prepare(
    `INSERT INTO provider_usage (provider, kind, bucket_start, bucket_end, model, cost_nano, fetched_at) VALUES (?, 'cost', ?, ?, '', ?, ?)`,
  ).run(provider, start, start + 86_400_000, costNano, fetchedAt);
}

let ledger: PollLedger;

beforeEach(() => {
  ledger = ledgers();
  insertUsage(ledger.db, [
    usage({ time: at('2026-11-05T12:00:00Z'), costNano: 10 * USD }),
    // 23:30 UTC is already Nov 6 in Berlin.
    usage({ time: at('2026-11-05T23:30:00Z'), costNano: 0.7 * USD }),
    usage({ time: at('2026-11-06T09:00:00Z'), costNano: 2.5 * USD }),
    usage({ time: at('2026-11-06T10:00:00Z'), costNano: 1 * USD, billing: 'batch' }),
    usage({ time: at('2026-11-06T11:00:00Z'), costNano: 100 * USD, billing: 'subscription' }),
    // Imported API-billed usage: in the provider's bill, not seen by the proxy.
    usage({ time: at('2026-11-06T12:00:00Z'), costNano: 5 * USD, source: 'import' }),
    usage({ time: at('2026-11-07T10:00:00Z'), costNano: 1 * USD }),
    // After 15:25, the moment Anthropic's figure fetched at 15:30 covers (5 minutes to settle).
    usage({ time: at('2026-11-07T15:27:00Z'), costNano: 0.5 * USD }),
    usage({ time: at('2026-11-06T08:00:00Z'), costNano: 2 * USD, provider: 'openai', model: 'gpt-5' }),
  ]);
  reported(ledger.db, 'anthropic', '2026-11-05', 12 * USD);
  reported(ledger.db, 'anthropic', '2026-11-06', 3 * USD);
  // Still filling: fetched at 15:30 on the day itself.
  reported(ledger.db, 'anthropic', '2026-11-07', 4 * USD);
});

describe('reconciliation per provider and UTC day', () => {
  it('puts the reported cost beside the proxy cost; unseen = reported − proxy, negative allowed', () => {
    expect(reconciliationRows(ledger.db, { since: '2026-11-04', until: '2026-11-07' })).toEqual([
      { provider: 'anthropic', day: '2026-11-05', reportedCostNano: 12 * USD, proxyCostNano: 10.7 * USD, unseenCostNano: 1.3 * USD, complete: true, fetchedAt: NOW },
      // Batch counts, subscription and imported usage do not (the proxy did not log them).
      { provider: 'anthropic', day: '2026-11-06', reportedCostNano: 3 * USD, proxyCostNano: 3.5 * USD, unseenCostNano: -0.5 * USD, complete: true, fetchedAt: NOW },
      { provider: 'openai', day: '2026-11-06', reportedCostNano: null, proxyCostNano: 2 * USD, unseenCostNano: null, complete: false, fetchedAt: null },
      { provider: 'anthropic', day: '2026-11-07', reportedCostNano: 4 * USD, proxyCostNano: 1.5 * USD, unseenCostNano: 2.5 * USD, complete: false, fetchedAt: NOW },
    ]);
  });

  it('filters by provider and by days', () => {
    expect(reconciliationRows(ledger.db, { since: '2026-11-06', until: '2026-11-06', provider: 'openai' })).toMatchObject([{ provider: 'openai', day: '2026-11-06' }]);
    expect(reconciliationRows(ledger.db, { since: '2026-11-06', until: '2026-11-07', provider: 'anthropic' }).map((r) => r.day)).toEqual(['2026-11-06', '2026-11-07']);
  });

  it('refuses a reversed or endless range with a clear message', () => {
    expect(() => reconciliationRows(ledger.db, { since: '2026-11-07', until: '2026-11-01' })).toThrow('since (2026-11-07) is after until (2026-11-01)');
    expect(() => reconciliationRows(ledger.db, { since: '2020-01-01', until: '2026-11-01' })).toThrow('at most 400 days');
  });
});

describe('reconciled spend (what budgets count)', () => {
  it("counts the provider's figure for reported days and the ledger's for the hours not reported yet", () => {
    const spend = reconciledSpendNano(ledger.db, { from: at('2026-11-05T00:00:00Z'), to: at('2026-11-08T00:00:00Z') });
    // Anthropic: 12 + 3 (settled days) + 4 (today so far) + 0.5 (after the report's cover); OpenAI: 2 (no report).
    expect(spend).toBe(21.5 * USD);
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-05T00:00:00Z'), to: at('2026-11-08T00:00:00Z'), provider: 'anthropic' })).toBe(19.5 * USD);
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-05T00:00:00Z'), to: at('2026-11-08T00:00:00Z'), provider: 'openai' })).toBe(2 * USD);
  });

  it('is the ledger spend exactly when no provider reported', () => {
    ledger.db.prepare('DELETE FROM provider_usage').run();
    // 10 + 0.7 + 2.5 + 1 (batch) + 5 (import) + 1 + 0.5 + 2 (openai); the subscription never counts.
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') })).toBe(22.7 * USD);
  });

  it('uses the ledger for the part of a UTC-day bucket outside a period drawn in another zone', () => {
    // November 6 in Berlin starts at 23:00 UTC on the 5th: the 5th's bucket is not inside.
    const spend = reconciledSpendNano(ledger.db, { from: at('2026-11-05T23:00:00Z'), to: at('2026-11-08T00:00:00Z'), provider: 'anthropic' });
    expect(spend).toBe(8_200_000_000); // 0.7 + 3 + 4 + 0.5
    // A range ending before the filling bucket's cover ends: the ledger again.
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-07T00:00:00Z'), to: at('2026-11-07T12:00:00Z'), provider: 'anthropic' })).toBe(1 * USD);
  });

  it('never counts a filling day below what the proxy already logged for its covered hours', () => {
    reported(ledger.db, 'anthropic', '2026-11-08', 0.1 * USD, at('2026-11-08T12:00:00Z'));
    insertUsage(ledger.db, [usage({ time: at('2026-11-08T09:00:00Z'), costNano: 2 * USD })]);
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-08T00:00:00Z'), to: at('2026-11-09T00:00:00Z') })).toBe(2 * USD);
    // Once settled, the provider's figure is the bill, even when lower.
    ledger.db.prepare('UPDATE provider_usage SET fetched_at = ? WHERE bucket_start = ?').run(at('2026-11-09T01:00:00Z'), at('2026-11-08T00:00:00Z'));
    expect(reconciledSpendNano(ledger.db, { from: at('2026-11-08T00:00:00Z'), to: at('2026-11-09T00:00:00Z') })).toBe(0.1 * USD);
  });
});

describe('the summary and the API', () => {
  function service(events: ApiEvent[] = []) {
    writeSettings(ledger.db, { timezone: 'UTC' });
    return createService({
      db: ledger.db,
      keyStore: ledger.keys,
      now: () => NOW,
      emit: (e) => void events.push(e),
      proxyStatus: () => ({ listening: false, url: null, port: null, error: null }),
      dataDir: ledger.dir,
      databasePath: `${ledger.dir}/tokentally.db`,
      mode: 'headless',
      providers: () => resolveProviders(readSettings(ledger.db).settings, {}),
    });
  }

  it("the glance's spend uses the providers' figures and shows the credit balances", async () => {
    replaceBalances(ledger.db, 'deepseek', [{ ...EMPTY_BALANCE, currency: 'CNY', remainingNano: 110 * USD, available: true }], NOW);
    const summary = await service().getSummary();
    expect(summary.spentNano).toBe(21.5 * USD);
    expect(summary.todaySpentNano).toBe(4.5 * USD);
    expect(summary.balances).toEqual([expect.objectContaining({ provider: 'deepseek', currency: 'CNY', remainingNano: 110 * USD, available: true, fetchedAt: NOW })]);
  });

  it('serves reconciliation rows (default: the last 30 UTC days) and balances', async () => {
    const api = service();
    const rows = await api.listReconciliation({});
    expect(rows.map((r) => `${r.day} ${r.provider}`)).toEqual(['2026-11-05 anthropic', '2026-11-06 anthropic', '2026-11-06 openai', '2026-11-07 anthropic']);
    expect(await api.listReconciliation({ since: '2026-11-07', provider: 'anthropic' })).toHaveLength(1);
    await expect(api.listReconciliation({ since: 'yesterday' })).rejects.toThrow('since');
    expect(await api.listBalances()).toEqual([]);
  });

  it('lists the sync state of each provider and tests keys in plain words', async () => {
    const api = service();
    const statuses = await api.listProviderSync();
    expect(statuses.map((s) => [s.provider, s.state, s.keyKind])).toEqual([
      ['anthropic', 'no-key', 'admin'],
      ['openai', 'no-key', 'admin'],
      ['openrouter', 'no-key', 'api'],
      ['deepseek', 'no-key', 'api'],
    ]);
    expect(await api.testProviderKey({ provider: 'anthropic' })).toEqual({
      provider: 'anthropic',
      kind: 'admin',
      ok: false,
      message: 'No Admin key is stored for anthropic: add one first',
    });
    await expect(api.pollProviders({ provider: 'groq' })).rejects.toThrow('Tokentally polls anthropic, openai, openrouter, deepseek');
  });
});
