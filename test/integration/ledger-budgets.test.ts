import { describe, expect, it } from 'vitest';
import { ApiError, type Budget } from '../../shared/api/contract.js';
import { listBudgets, removeBudget, upsertBudget } from '../../electron/core/ledger/index.js';
import { useLedgers } from './ledger-fixtures.js';

const ledgers = useLedgers();

const overall: Budget = { scope: 'overall', scopeValue: null, monthlyNano: 50_000_000_000, hard: false, resetDay: 1, tz: 'UTC', alerts: [100, 50, 80, 80] };

describe('budgets in the ledger', () => {
  it('creates, lists (overall first), replaces and removes budgets', () => {
    const db = ledgers.open();
    try {
      expect(listBudgets(db)).toEqual([]);
      upsertBudget(db, { scope: 'tag', scopeValue: 'ci', monthlyNano: 5_000_000_000, hard: true, resetDay: 15, tz: 'Europe/Berlin', alerts: [90] });
      upsertBudget(db, { scope: 'provider', scopeValue: 'OpenAI', monthlyNano: 10_000_000_000, hard: true, resetDay: 28, tz: 'Asia/Kolkata', alerts: [] });
      const stored = upsertBudget(db, overall);
      expect(stored.alerts).toEqual([50, 80, 100]);
      expect(listBudgets(db).map((b) => [b.scope, b.scopeValue])).toEqual([
        ['overall', null],
        ['provider', 'openai'],
        ['tag', 'ci'],
      ]);
      expect(listBudgets(db)[0]).toEqual({ ...overall, alerts: [50, 80, 100] });

      upsertBudget(db, { ...overall, monthlyNano: 1, hard: true });
      expect(listBudgets(db)).toHaveLength(3);
      expect(listBudgets(db)[0]).toMatchObject({ monthlyNano: 1, hard: true });

      expect(removeBudget(db, { scope: 'provider', scopeValue: 'openai' })).toBe(true);
      expect(removeBudget(db, { scope: 'provider', scopeValue: 'openai' })).toBe(false);
      expect(removeBudget(db, { scope: 'overall', scopeValue: null })).toBe(true);
      expect(listBudgets(db).map((b) => b.scopeValue)).toEqual(['ci']);
    } finally {
      db.close();
    }
  });

  it('refuses an invalid budget with bad_request and stores nothing', () => {
    const db = ledgers.open();
    try {
      let error: unknown;
      try {
        upsertBudget(db, { ...overall, resetDay: 31 });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('bad_request');
      expect((error as ApiError).message).toMatch(/resetDay must be a day of the month from 1 to 28/);
      expect(listBudgets(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('lists a budget whose stored alerts are damaged, with no alerts rather than failing', () => {
    const db = ledgers.open();
    try {
      upsertBudget(db, overall);
      db.prepare("UPDATE budgets SET alerts = 'oops'").run();
      expect(listBudgets(db)).toEqual([{ ...overall, alerts: [] }]);
    } finally {
      db.close();
    }
  });
});
