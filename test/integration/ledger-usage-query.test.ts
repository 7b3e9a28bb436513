import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { getUsage, insertUsage, queryUsage, type ResolvedUsageQuery } from '../../electron/core/ledger/index.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { useLedgers, usage } from './ledger-fixtures.js';

const ledgers = useLedgers();
const NY = 'America/New_York';

/**
 * Around the March 2025 DST change in New York (2025-03-09 is 23 hours long):
 * costs are distinct powers of two so any wrong subset shows up in the sum.
 */
const SEED: (Partial<NewUsageRecord> & { time: number })[] = [
  { time: Date.parse('2025-03-08T04:59:59.999Z'), costNano: 1 }, // 2025-03-07 23:59:59.999 in NY
  { time: Date.parse('2025-03-08T05:00:00.000Z'), costNano: 2, provider: 'openai', model: 'gpt-4o' }, // 03-08 00:00 NY
  { time: Date.parse('2025-03-08T20:00:00.000Z'), costNano: 4, tag: 'agent', billing: 'subscription' },
  { time: Date.parse('2025-03-09T06:30:00.000Z'), costNano: 8, status: 'error', provider: 'openai', model: 'gpt-4o' }, // 01:30 EST
  { time: Date.parse('2025-03-09T07:30:00.000Z'), costNano: 16, billing: 'batch', source: 'import', externalId: 'a' }, // 03:30 EDT
  { time: Date.parse('2025-03-10T03:59:59.999Z'), costNano: 32, priced: false, costSource: 'fallback', tag: 'agent' }, // 03-09 23:59:59.999 EDT
  { time: Date.parse('2025-03-10T04:00:00.000Z'), costNano: 64, status: 'incomplete', stream: true }, // 03-10 00:00 EDT
];

function seed(db: Db): number[] {
  return insertUsage(db, SEED.map((s) => usage(s)));
}

const costs = (db: Db, q: Omit<ResolvedUsageQuery, 'tz'> & { tz?: string }) => {
  const page = queryUsage(db, { tz: NY, ...q });
  return { page: page.records.map((r) => r.costNano), total: page.total, cost: page.totals?.costNano, spend: page.totals?.spendNano };
};

describe('insertUsage and getUsage', () => {
  it('returns the ids of inserted rows in order and reads a record back field for field', () => {
    const db = ledgers.open();
    try {
      const record = usage({
        time: 1_741_500_000_123,
        provider: 'anthropic',
        model: 'claude-opus-4',
        billing: 'batch',
        source: 'proxy',
        tag: 'research',
        status: 'ok',
        stream: true,
        inputTokens: 1,
        cacheWrite5mTokens: 2,
        cacheWrite1hTokens: 3,
        cacheReadTokens: 4,
        outputTokens: 5,
        reasoningTokens: 6,
        webSearchRequests: 7,
        costNano: 123_456_789,
        priced: true,
        costSource: 'provider',
        priceVersion: 'genai-prices 0.1.8',
        latencyMs: 2345,
        ttftMs: 321,
        requestId: 'req_011',
        externalId: null,
        endpoint: '/v1/messages',
        httpStatus: 200,
        errorMessage: null,
        serviceTier: 'priority',
        speed: 'fast',
        inferenceGeo: 'us',
        webFetchRequests: 8,
        byok: true,
      });
      const ids = insertUsage(db, [record, usage({ time: 1 })]);
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBeGreaterThan(ids[0]!);
      // A row without an id of its source's own gets a random global id on insert (sync, migration 14).
      expect(getUsage(db, ids[0]!)).toEqual({ id: ids[0], keyRef: null, device: null, project: null, projectName: null, sessionId: null, ...record, externalId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(getUsage(db, 999_999)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('skips (source, externalId) duplicates, within a batch and across batches, and returns no id for them', () => {
    const db = ledgers.open();
    try {
      const a = usage({ time: 10, source: 'import', externalId: 'msg_1:req_1' });
      const first = insertUsage(db, [a, { ...a, time: 11 }, usage({ time: 12, source: 'import', externalId: 'msg_2:req_2' })]);
      expect(first).toHaveLength(2);
      const second = insertUsage(db, [a, usage({ time: 13, source: 'poll', externalId: 'msg_1:req_1' }), usage({ time: 14 }), usage({ time: 15 })]);
      // Same external id from another source is a different record; null external ids never clash.
      expect(second).toHaveLength(3);
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 5 });
    } finally {
      db.close();
    }
  });

  it('refuses an invalid record before writing anything from the batch', () => {
    const db = ledgers.open();
    try {
      expect(() => insertUsage(db, [usage({ time: 1 }), usage({ time: 2, costNano: 1.5 })])).toThrow(/costNano must be a non-negative integer/);
      expect(() => insertUsage(db, [usage({ time: 2, inputTokens: -1 })])).toThrow(/inputTokens/);
      expect(() => insertUsage(db, [usage({ time: 2, billing: 'free' as never })])).toThrow(/billing must be one of/);
      expect(() => insertUsage(db, [usage({ time: -5 })])).toThrow(/time must be epoch milliseconds/);
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('rolls the whole batch back when the database refuses one row', () => {
    const db = ledgers.open();
    try {
      db.exec("CREATE TRIGGER refuse BEFORE INSERT ON usage WHEN NEW.model = 'poison' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
      expect(() => insertUsage(db, [usage({ time: 1 }), usage({ time: 2, model: 'poison' })])).toThrow(/refused/);
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage_rollup').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('stores an empty tag as no tag', () => {
    const db = ledgers.open();
    try {
      const [id] = insertUsage(db, [usage({ time: 1, tag: '' })]);
      expect(getUsage(db, id!)?.tag).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('queryUsage', () => {
  it('reads since/until as whole days in the query zone, across a 23-hour DST day', () => {
    const db = ledgers.open();
    try {
      seed(db);
      expect(costs(db, { since: '2025-03-09', until: '2025-03-09' })).toEqual({ page: [32, 16, 8], total: 3, cost: 56, spend: 56 });
      expect(costs(db, { since: '2025-03-08', until: '2025-03-08' }).page).toEqual([4, 2]);
      expect(costs(db, { since: '2025-03-10' }).page).toEqual([64]);
      expect(costs(db, { until: '2025-03-07' }).page).toEqual([1]);
      // The same instants in UTC fall on other days.
      expect(costs(db, { since: '2025-03-09', until: '2025-03-09', tz: 'UTC' }).page).toEqual([16, 8]);
      // In +05:30 the first two rows are on 2025-03-08.
      expect(costs(db, { since: '2025-03-08', until: '2025-03-08', tz: 'Asia/Kolkata' }).page).toEqual([2, 1]);
    } finally {
      db.close();
    }
  });

  it('filters by provider, model, tag, billing, status and source, with totals over the whole filter', () => {
    const db = ledgers.open();
    try {
      seed(db);
      expect(costs(db, { provider: 'openai' })).toEqual({ page: [8, 2], total: 2, cost: 10, spend: 10 });
      expect(costs(db, { model: 'gpt-4o', since: '2025-03-09' }).page).toEqual([8]);
      expect(costs(db, { tag: 'agent' })).toEqual({ page: [32, 4], total: 2, cost: 36, spend: 32 });
      expect(costs(db, { billing: 'subscription' })).toEqual({ page: [4], total: 1, cost: 4, spend: 0 });
      expect(costs(db, { billing: 'batch' }).page).toEqual([16]);
      expect(costs(db, { status: 'error' }).page).toEqual([8]);
      expect(costs(db, { status: 'ok', since: '2025-03-09' })).toEqual({ page: [32, 16], total: 2, cost: 48, spend: 48 });
      expect(costs(db, { source: 'import' }).page).toEqual([16]);
      expect(costs(db, { provider: 'openai', status: 'ok' }).page).toEqual([2]);
      expect(costs(db, { provider: 'nobody' })).toEqual({ page: [], total: 0, cost: 0, spend: 0 });
      // Empty strings from a cleared filter box mean no filter.
      expect(costs(db, { provider: '', tag: '' }).total).toBe(7);
    } finally {
      db.close();
    }
  });

  it('pages newest first with limit and a cursor while count and totals (first page) cover every match', () => {
    const db = ledgers.open();
    try {
      seed(db);
      const first = queryUsage(db, { tz: NY, limit: 3 });
      expect(costs(db, { limit: 3 })).toEqual({ page: [64, 32, 16], total: 7, cost: 127, spend: 123 });
      expect(first.nextCursor).not.toBeNull();
      const second = queryUsage(db, { tz: NY, limit: 3, cursor: first.nextCursor! });
      expect(second.records.map((r) => r.costNano)).toEqual([8, 4, 2]);
      // A page turn does not sum the whole filter again.
      expect([second.total, second.totals]).toEqual([null, null]);
      const third = queryUsage(db, { tz: NY, limit: 3, cursor: second.nextCursor! });
      expect(third.records.map((r) => r.costNano)).toEqual([1]);
      expect(third.nextCursor).toBeNull();
      // A page that ends exactly at the oldest match says so: no empty page follows.
      expect(queryUsage(db, { tz: NY, limit: 7 }).nextCursor).toBeNull();
      expect(queryUsage(db, { tz: NY, limit: 6 }).nextCursor).not.toBeNull();
      // Filters and days hold on every page.
      const agent = queryUsage(db, { tz: NY, tag: 'agent', limit: 1 });
      expect(queryUsage(db, { tz: NY, tag: 'agent', limit: 1, cursor: agent.nextCursor! }).records.map((r) => r.costNano)).toEqual([4]);
      const page = queryUsage(db, { tz: NY });
      expect(page.totals).toMatchObject({ requests: 7, unpriced: 1, inputTokens: 700, outputTokens: 70 });
    } finally {
      db.close();
    }
  });

  it('breaks ties in time by id, newest insert first, across page turns too', () => {
    const db = ledgers.open();
    try {
      const ids = insertUsage(db, [usage({ time: 5, costNano: 1 }), usage({ time: 5, costNano: 2 }), usage({ time: 5, costNano: 3 })]);
      expect(queryUsage(db, { tz: 'UTC' }).records.map((r) => r.id)).toEqual([...ids].reverse());
      const paged: number[] = [];
      let cursor: string | undefined;
      do {
        const page = queryUsage(db, { tz: 'UTC', limit: 1, ...(cursor ? { cursor } : {}) });
        paged.push(...page.records.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual([...ids].reverse());
    } finally {
      db.close();
    }
  });

  it('gives the same totals from the rollup as from the rows, in +05:45, +05:30 and -02:30 zones', () => {
    const db = ledgers.open();
    try {
      // One row a minute for two days: every 15-minute bucket is full.
      const start = Date.parse('2025-06-01T00:00:00Z');
      insertUsage(db, Array.from({ length: 2 * 1440 }, (_, i) => usage({ time: start + i * 60_000 + 17, costNano: 1000 + i, tag: i % 2 ? 'odd' : null })));
      for (const [tz, filter] of [
        ['Asia/Kathmandu', {}],
        ['Asia/Kolkata', { tag: 'odd' }],
        ['America/St_Johns', { billing: 'api' as const }],
      ] as const) {
        const q = { tz, since: '2025-06-01', until: '2025-06-01', ...filter };
        const viaRollup = queryUsage(db, q).totals;
        const viaRows = queryUsage(db, { ...q, status: 'ok' }).totals; // status forces the usage table
        expect(viaRollup).toEqual(viaRows);
        expect(viaRollup!.requests).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  });

  it('refuses bad queries with bad_request and a clear message', () => {
    const db = ledgers.open();
    try {
      const expectBad = (q: ResolvedUsageQuery, message: RegExp) => {
        let error: unknown;
        try {
          queryUsage(db, q);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).code).toBe('bad_request');
        expect((error as ApiError).message).toMatch(message);
      };
      expectBad({ tz: 'Mars/Base' }, /unknown time zone/);
      expectBad({ tz: NY, since: '2025-02-30' }, /since: .*does not exist/);
      expectBad({ tz: NY, until: 'tomorrow' }, /until: .*YYYY-MM-DD/);
      expectBad({ tz: NY, since: '2025-03-02', until: '2025-03-01' }, /since \(2025-03-02\) is after until \(2025-03-01\)/);
      expectBad({ tz: NY, limit: 0 }, /limit must be a whole number from 1 to 1000/);
      expectBad({ tz: NY, limit: 1001 }, /limit/);
      expectBad({ tz: NY, limit: 2.5 }, /limit/);
      expectBad({ tz: NY, cursor: '12' }, /cursor must be the nextCursor of a previous page/);
      expectBad({ tz: NY, cursor: '1.2.3' }, /cursor/);
      expectBad({ tz: NY, cursor: 7 as never }, /cursor/);
      expectBad({ tz: NY, billing: 'free' as never }, /billing must be one of api, batch, subscription/);
      expectBad({ tz: NY, status: 'fine' as never }, /status must be one of/);
      expectBad({ tz: NY, source: 'mail' as never }, /source must be one of/);
    } finally {
      db.close();
    }
  });
});
