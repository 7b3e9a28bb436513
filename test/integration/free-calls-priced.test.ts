/**
 * A call the hard cap refused, or that failed, cost nothing: a known price, whatever its model. It
 * is stored priced (never "unpriced ≤ est. $0.0000", never among the period's unpriced calls), and
 * migration 17 marks the ones an older version stored unpriced, the rollups following.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { budgetPeriod } from '../../shared/budget/period.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { DOLLAR, startRig, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('calls that cost nothing are priced', () => {
  it('a call to a model no price list knows, refused by the hard cap: stored as refused, $0, priced', async () => {
    const dir = tempDir();
    const now = Date.now();
    const time = Math.max(budgetPeriod(now, 1, 'UTC').startMs, now - 1000);
    fillLedger(dir, { usage: [{ ...pricedRecord({ time, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 5 * DOLLAR }] });
    rig = await startRig(dir);
    const api = rig.core.api;
    await api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 5 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });
    const client = new Anthropic({ baseURL: `${rig.core.urls.proxy}/anthropic`, apiKey: 'sk-ant-api03-free', maxRetries: 0 });
    await expect(client.messages.create({ model: 'mystery-model-9', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/hard monthly budget/);
    await rig.core.settle();

    const refused = (await api.listUsage({ limit: 10 })).records.find((r) => r.model === 'mystery-model-9')!;
    expect(refused).toMatchObject({ status: 'blocked', costNano: 0, priced: true });
    expect((await api.getSummary()).unpricedThisPeriod).toBe(0);
  });

  it('migration 17: refused and failed calls stored unpriced become priced; an unpriced answered call stays so; the rollups follow', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: MIGRATIONS.filter((m) => m.version <= 16) });
    const at = Date.parse('2026-12-01T10:00:00Z');
    const unknown = (status: 'ok' | 'error' | 'blocked', costNano: number) => ({
      ...pricedRecord({ time: at, model: 'mystery-model-9', tokens: { inputTokens: status === 'ok' ? 100 : 0 } }),
      status,
      costNano,
      priced: false,
    });
    insertUsage(old, [unknown('blocked', 0), unknown('error', 0), unknown('ok', 1234)]);
    const unpricedIn = (db: typeof old) => ({
      rows: db.prepare('SELECT COUNT(*) FROM usage WHERE priced = 0').pluck().get(),
      day: db.prepare('SELECT SUM(unpriced) FROM usage_rollup_day').pluck().get(),
      totals: db.prepare('SELECT SUM(unpriced) FROM usage_totals').pluck().get(),
    });
    expect(unpricedIn(old)).toEqual({ rows: 3, day: 3, totals: 3 });
    old.close();

    const db = openDatabase(dir);
    try {
      expect(unpricedIn(db)).toEqual({ rows: 1, day: 1, totals: 1 });
      expect(db.prepare("SELECT status FROM usage WHERE priced = 0").pluck().all()).toEqual(['ok']);
    } finally {
      db.close();
    }
  });
});
