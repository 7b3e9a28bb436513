import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { startOfDay } from '../../shared/time/zoned.js';
import { dailySeries, insertUsage, periodTotals, topModels, usageByModel, usageByTag } from '../../electron/core/ledger/index.js';
import { aggregate, aggregateMoney, moneyOver, spendByPeriod, spendOver, totalsOver } from '../../electron/core/ledger/aggregate.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import { useLedgers, usage } from './ledger-fixtures.js';
import { errorMessage } from '../../shared/error-message.js';

const ledgers = useLedgers();
const MIN = 60_000;

function directSum(db: Db, from: number, to: number, where = '1'): { requests: number; cost: number; spend: number; unpriced: number } {
  return db
    .prepare(
      `SELECT COUNT(*) AS requests, COALESCE(SUM(cost_nano), 0) AS cost,
         COALESCE(SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END), 0) AS spend,
         COALESCE(SUM(1 - priced), 0) AS unpriced
       FROM usage WHERE time >= ? AND time < ? AND ${where}`,
    )
    .get(from, to) as { requests: number; cost: number; spend: number; unpriced: number };
}

describe('dailySeries', () => {
  it('has every day of the range, zeros included, with 23- and 25-hour days in New York', () => {
    const db = ledgers.open();
    try {
      insertUsage(db, [
        // 2025-03-09 (23 h): 00:00 EST and 23:59 EDT are both on the 9th.
        usage({ time: Date.parse('2025-03-09T05:00:00Z'), costNano: 1 }),
        usage({ time: Date.parse('2025-03-10T03:59:00Z'), costNano: 2, billing: 'subscription' }),
        usage({ time: Date.parse('2025-03-10T04:00:00Z'), costNano: 4 }),
        // 2025-11-02 (25 h): 01:30 happens twice; both are on the 2nd, and so is 23:59 EST.
        usage({ time: Date.parse('2025-11-02T05:30:00Z'), costNano: 8 }),
        usage({ time: Date.parse('2025-11-02T06:30:00Z'), costNano: 16, priced: false }),
        usage({ time: Date.parse('2025-11-03T04:59:00Z'), costNano: 32 }),
      ]);
      const march = dailySeries(db, { since: '2025-03-08', until: '2025-03-11', tz: 'America/New_York' });
      expect(march.map((p) => [p.day, p.requests, p.costNano, p.spendNano, p.subscriptionCostNano])).toEqual([
        ['2025-03-08', 0, 0, 0, 0],
        ['2025-03-09', 2, 3, 1, 2],
        ['2025-03-10', 1, 4, 4, 0],
        ['2025-03-11', 0, 0, 0, 0],
      ]);
      const november = dailySeries(db, { since: '2025-11-01', until: '2025-11-03', tz: 'America/New_York' });
      expect(november.map((p) => [p.day, p.requests, p.costNano, p.unpriced])).toEqual([
        ['2025-11-01', 0, 0, 0],
        ['2025-11-02', 3, 56, 1],
        ['2025-11-03', 0, 0, 0],
      ]);
      expect(november[1]).toMatchObject({ inputTokens: 300, outputTokens: 30, cacheReadTokens: 0, webSearchRequests: 0 });
    } finally {
      db.close();
    }
  });

  it('splits days at 18:30 UTC in Asia/Kolkata (+05:30) over a 31-day month', () => {
    const db = ledgers.open();
    try {
      const records = [];
      // One row a minute either side of each Kolkata midnight in January 2025.
      for (let d = 1; d <= 31; d++) {
        const midnight = startOfDay(`2025-01-${String(d).padStart(2, '0')}`, 'Asia/Kolkata');
        records.push(usage({ time: midnight - MIN, costNano: 1 }), usage({ time: midnight, costNano: 100 }));
      }
      insertUsage(db, records);
      const series = dailySeries(db, { since: '2025-01-01', until: '2025-01-31', tz: 'Asia/Kolkata' });
      expect(series).toHaveLength(31);
      expect(series[0]).toMatchObject({ day: '2025-01-01', requests: 2, costNano: 101 });
      expect(series.slice(1, 30).every((p) => p.costNano === 101 && p.requests === 2)).toBe(true);
      // The row a minute before 1 February midnight belongs to 31 January.
      expect(series[30]).toMatchObject({ day: '2025-01-31', costNano: 100 });
    } finally {
      db.close();
    }
  });

  it('refuses bad ranges with bad_request', () => {
    const db = ledgers.open();
    try {
      const bad = (q: Parameters<typeof dailySeries>[1], message: RegExp) => {
        let error: unknown;
        try {
          dailySeries(db, q);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(ApiError);
        expect(errorMessage(error)).toMatch(message);
      };
      bad({ since: '2025-01-02', until: '2025-01-01', tz: 'UTC' }, /is after/);
      bad({ since: '2025-01-01', until: '2025-01-32', tz: 'UTC' }, /until: .*does not exist/);
      bad({ since: '2025-01-01', until: '2025-01-02', tz: 'Nowhere/Special' }, /unknown time zone/);
      bad({ since: '1990-01-01', until: '2025-01-01', tz: 'UTC' }, /at most 3700 days/);
    } finally {
      db.close();
    }
  });
});

describe('periodTotals', () => {
  it('is exact for any bounds, whole buckets or not, with and without filters', () => {
    const db = ledgers.open();
    try {
      const start = Date.parse('2025-04-01T00:00:00Z');
      const records = Array.from({ length: 3000 }, (_, i) =>
        usage({
          time: start + i * 37_003, // drifts across bucket edges
          costNano: 1_000 + (i % 997),
          billing: (['api', 'batch', 'subscription'] as const)[i % 3]!,
          provider: i % 4 === 0 ? 'openai' : 'anthropic',
          tag: i % 5 === 0 ? 'ci' : null,
          priced: i % 9 !== 0,
        }),
      );
      insertUsage(db, records);
      const end = start + 3000 * 37_003;
      const ranges: [number, number][] = [
        [start, end],
        [start + 1, end - 1],
        [start + 123_456, start + 900_000 * 7 + 5],
        [start + 900_000 * 3, start + 900_000 * 40],
        [start + 10, start + 20], // inside one bucket
        [start + 450_000, start + 1_350_000], // straddles one edge
        [end, end + 900_000], // nothing there
      ];
      for (const [from, to] of ranges) {
        const all = periodTotals(db, { from, to });
        const expected = directSum(db, from, to);
        expect({ requests: all.requests, cost: all.costNano, spend: all.spendNano, unpriced: all.unpriced }).toEqual(expected);
        const openai = periodTotals(db, { from, to, provider: 'openai' });
        expect(openai.costNano).toBe(directSum(db, from, to, "provider = 'openai'").cost);
        const ci = periodTotals(db, { from, to, tag: 'ci', billing: 'batch' });
        expect(ci.costNano).toBe(directSum(db, from, to, "tag = 'ci' AND billing = 'batch'").cost);
      }
    } finally {
      db.close();
    }
  });
});

describe('topModels', () => {
  it('ranks models by cost in the range, then by requests, then by name, up to the limit', () => {
    const db = ledgers.open();
    try {
      const t = Date.parse('2025-04-01T12:00:00Z');
      insertUsage(db, [
        usage({ time: t, model: 'cheap', costNano: 10 }),
        usage({ time: t, model: 'cheap', costNano: 10 }),
        usage({ time: t, model: 'dear', costNano: 500 }),
        usage({ time: t, model: 'mid', provider: 'openai', costNano: 20 }),
        usage({ time: t, model: 'mid-twin', costNano: 20 }),
        usage({ time: t, model: 'mid-twin', costNano: 0 }),
        usage({ time: t + 86_400_000, model: 'tomorrow', costNano: 10_000 }),
      ]);
      const top = topModels(db, { from: t - 1000, to: t + 1000, limit: 3 });
      expect(top).toEqual([
        { model: 'dear', provider: 'anthropic', costNano: 500, spendNano: 500, requests: 1 },
        // Equal cost and requests: by name.
        { model: 'cheap', provider: 'anthropic', costNano: 20, spendNano: 20, requests: 2 },
        { model: 'mid-twin', provider: 'anthropic', costNano: 20, spendNano: 20, requests: 2 },
      ]);
      expect(topModels(db, { from: t - 1000, to: t + 1000 })[3]).toEqual({ model: 'mid', provider: 'openai', costNano: 20, spendNano: 20, requests: 1 });
      expect(topModels(db, { from: 0, to: 1 })).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('usageByModel and usageByTag', () => {
  it('splits spend from plan usage per model and per tag over whole local days, matching the rows summed directly', () => {
    const db = ledgers.open();
    try {
      const tz = 'Asia/Kolkata';
      const from = startOfDay('2025-06-01', tz);
      const to = startOfDay('2025-07-01', tz);
      // Rows on both sides of the zone's month edges and inside 15-minute buckets, so the answer
      // mixes rollup buckets and partial ends.
      const rows = [];
      for (let i = 0; i < 400; i++) {
        const time = from - 3 * 86_400_000 + i * 97 * MIN + (i % 7) * 1000;
        rows.push(
          usage({
            time,
            model: ['sonnet', 'haiku', 'opus'][i % 3]!,
            provider: i % 5 === 0 ? 'openrouter' : 'anthropic',
            billing: i % 4 === 0 ? 'subscription' : i % 9 === 0 ? 'batch' : 'api',
            tag: [null, 'agent', 'ci', 'agent', 'agent'][i % 5]!,
            costNano: 1000 + i,
            priced: i % 11 !== 0,
          }),
        );
      }
      insertUsage(db, rows);
      const got = usageByModel(db, { since: '2025-06-01', until: '2025-06-30', tz });
      const direct = db
        .prepare(
          `SELECT provider, model, COUNT(*) AS requests,
             SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END) AS spendNano,
             SUM(CASE WHEN billing = 'subscription' THEN cost_nano ELSE 0 END) AS subscriptionNano,
             SUM(billing = 'subscription') AS subscriptionRequests,
             SUM(1 - priced) AS unpriced
           FROM usage WHERE time >= ? AND time < ? GROUP BY provider, model`,
        )
        .all(from, to) as { provider: string; model: string }[];
      expect(got.length).toBe(6);
      expect(new Set(got)).toEqual(new Set(direct));
      // Most expensive first.
      const totals = got.map((m) => m.spendNano + m.subscriptionNano);
      expect([...totals].sort((a, b) => b - a)).toEqual(totals);
      expect(usageByModel(db, { since: '2024-01-01', until: '2024-01-31', tz })).toEqual([]);
      expect(() => usageByModel(db, { since: '2025-06-30', until: '2025-06-01', tz })).toThrow(ApiError);

      // The same split per tag, calls without one as tag null.
      const byTag = usageByTag(db, { since: '2025-06-01', until: '2025-06-30', tz });
      const directByTag = db
        .prepare(
          `SELECT tag, COUNT(*) AS requests,
             SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END) AS spendNano,
             SUM(CASE WHEN billing = 'subscription' THEN cost_nano ELSE 0 END) AS subscriptionNano,
             SUM(billing = 'subscription') AS subscriptionRequests,
             SUM(1 - priced) AS unpriced
           FROM usage WHERE time >= ? AND time < ? GROUP BY tag`,
        )
        .all(from, to);
      expect(byTag.length).toBe(3);
      expect(new Set(byTag)).toEqual(new Set(directByTag));
      const tagTotals = byTag.map((t) => t.spendNano + t.subscriptionNano);
      expect([...tagTotals].sort((a, b) => b - a)).toEqual(tagTotals);
      expect(usageByTag(db, { since: '2024-01-01', until: '2024-01-31', tz })).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('usageByTag', () => {
  it('groups by tag alike from the rollups and from the rows at the ends (a missing tag is one group, not two)', () => {
    const db = ledgers.open();
    try {
      const from = Date.parse('2025-05-31T18:30:00Z');
      const lo = from + 7 * MIN + 3_000;
      const hi = from + 20 * 86_400_000 + 4 * MIN;
      insertUsage(db, [
        usage({ time: from - 86_400_000, tag: null, costNano: 1 }),
        // Just before the start, in its bucket: the bucket is read whole from the rollup and this call taken away, read from the rows.
        usage({ time: lo - 2_000, tag: null, costNano: 10 }),
        usage({ time: lo + 2_000, tag: 'a', costNano: 100 }),
        usage({ time: lo + 60 * MIN, tag: null, costNano: 1_000 }),
        // Just before the end, in its bucket: read from the rows.
        usage({ time: hi - 2_000, tag: null, costNano: 10_000 }),
        usage({ time: hi + 2_000, tag: 'a', costNano: 100_000 }),
      ]);
      const grouped = aggregateMoney(db, [{ key: '', from: lo, to: hi }], {}, ['tag']).map((r) => [r.tag, r.requests, r.costNano]);
      expect(grouped.sort()).toEqual([
        ['', 2, 11_000],
        ['a', 1, 100],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('spendByPeriod, spendOver and moneyOver', () => {
  it('give the same figures as the full sums, whole buckets and partial ends alike, filters included', () => {
    const db = ledgers.open();
    try {
      const base = Date.parse('2025-05-01T00:00:00Z');
      const rows = [];
      for (let i = 0; i < 300; i++) {
        rows.push(
          usage({
            time: base + i * 7 * MIN + (i % 13) * 1000,
            provider: i % 3 === 0 ? 'openai' : 'anthropic',
            billing: i % 4 === 0 ? 'subscription' : i % 7 === 0 ? 'batch' : 'api',
            status: i % 10 === 0 ? 'error' : 'ok',
            costNano: 100 + i,
          }),
        );
      }
      insertUsage(db, rows);
      const periods = [
        { key: 'a', from: base + 3 * MIN, to: base + 5 * 60 * MIN + 11 * MIN },
        { key: 'b', from: base + 5 * 60 * MIN + 11 * MIN, to: base + 30 * 60 * MIN },
        { key: 'empty', from: base - 60 * MIN, to: base },
      ];
      for (const filter of [{}, { provider: 'openai' }, { status: 'error' as const }]) {
        const full = new Map(aggregate(db, periods, filter).map((r) => [r.key, r.spendNano]));
        expect(spendByPeriod(db, periods, filter)).toEqual(full);
        for (const p of periods) {
          const where = filter.provider ? `provider = '${filter.provider}'` : filter.status ? `status = '${filter.status}'` : '1';
          expect(spendOver(db, p, filter), `${p.key} ${JSON.stringify(filter)}`).toBe(directSum(db, p.from, p.to, where).spend);
          const all = totalsOver(db, p, filter);
          expect(moneyOver(db, p, filter)).toEqual({ requests: all.requests, costNano: all.costNano, spendNano: all.spendNano, unpriced: all.unpriced });
        }
      }
      expect(spendByPeriod(db, periods).has('empty')).toBe(false);
    } finally {
      db.close();
    }
  });
});
