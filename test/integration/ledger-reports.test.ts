import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { buildPeriodReport, buildRequestsReport, insertUsage } from '../../electron/core/ledger/index.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import { useLedgers, usage } from './ledger-fixtures.js';

const ledgers = useLedgers();

const FIGURE_KEYS = ['costUsd', 'inputTokens', 'cacheWriteTokens', 'cacheReadTokens', 'outputTokens', 'reasoningTokens', 'requests', 'unpriced'];

function seed(db: Db): number[] {
  return insertUsage(db, [
    // 2025-01-31 23:30 in Berlin (22:30 UTC): January in Berlin, still January in UTC.
    usage({ time: Date.parse('2025-01-31T22:30:00Z'), model: 'claude-sonnet-4', costNano: 45_000_000, inputTokens: 5000, outputTokens: 2000 }),
    // 2025-01-31 23:30 UTC = 2025-02-01 00:30 in Berlin.
    usage({
      time: Date.parse('2025-01-31T23:30:00Z'),
      model: 'claude-haiku-3.5',
      costNano: 3_600_000,
      inputTokens: 2000,
      outputTokens: 500,
      cacheWrite5mTokens: 100,
      cacheWrite1hTokens: 200,
      cacheReadTokens: 300,
      tag: 'agent',
    }),
    usage({ time: Date.parse('2025-02-01T10:00:00Z'), model: 'claude-sonnet-4', costNano: 1_000_000, billing: 'subscription', inputTokens: 10, outputTokens: 50 }),
    usage({ time: Date.parse('2025-02-01T11:00:00Z'), provider: 'openai', model: 'o3', costNano: 2_000_000, billing: 'batch', outputTokens: 100, reasoningTokens: 400, stream: true, ttftMs: 250 }),
    usage({ time: Date.parse('2025-02-03T09:00:00Z'), model: 'mystery-model', costNano: 7_000_000, priced: false, costSource: 'fallback' }),
  ]);
}

describe('buildPeriodReport', () => {
  it('gives the documented daily shape, with empty days omitted and days read in the zone', () => {
    const db = ledgers.open();
    try {
      seed(db);
      const report = buildPeriodReport(db, { granularity: 'daily', tz: 'Europe/Berlin' });
      expect(report.granularity).toBe('daily');
      expect(report.tz).toBe('Europe/Berlin');
      expect(report.periods.map((p) => p.period)).toEqual(['2025-01-31', '2025-02-01', '2025-02-03']);
      for (const p of report.periods) {
        expect(Object.keys(p).sort()).toEqual(['period', 'byBilling', 'byModel', ...FIGURE_KEYS].sort());
        for (const m of p.byModel) expect(Object.keys(m).sort()).toEqual(['model', ...FIGURE_KEYS].sort());
        expect(Object.keys(p.byBilling).sort()).toEqual(['api', 'batch', 'subscription']);
      }
      const feb1 = report.periods[1]!;
      expect(feb1).toMatchObject({
        costUsd: 0.0066,
        requests: 3,
        inputTokens: 2110,
        cacheWriteTokens: 300,
        cacheReadTokens: 300,
        outputTokens: 650,
        reasoningTokens: 400,
        unpriced: 0,
        byBilling: { api: 0.0036, batch: 0.002, subscription: 0.001 },
      });
      // Most expensive model first.
      expect(feb1.byModel.map((m) => [m.model, m.costUsd, m.requests])).toEqual([
        ['claude-haiku-3.5', 0.0036, 1],
        ['o3', 0.002, 1],
        ['claude-sonnet-4', 0.001, 1],
      ]);
      expect(report.periods[2]).toMatchObject({ unpriced: 1, costUsd: 0.007 });
      expect(report.periods[2]!.byModel[0]).toMatchObject({ model: 'mystery-model', unpriced: 1 });
      expect(report.totals).toEqual({
        costUsd: 0.0586,
        inputTokens: 7210,
        cacheWriteTokens: 300,
        cacheReadTokens: 300,
        outputTokens: 2660,
        reasoningTokens: 400,
        requests: 5,
        unpriced: 1,
        byBilling: { api: 0.0556, batch: 0.002, subscription: 0.001 },
      });
    } finally {
      db.close();
    }
  });

  it('groups by month in the zone and honours since/until', () => {
    const db = ledgers.open();
    try {
      seed(db);
      const berlin = buildPeriodReport(db, { granularity: 'monthly', tz: 'Europe/Berlin' });
      expect(berlin.periods.map((p) => [p.period, p.requests])).toEqual([
        ['2025-01', 1],
        ['2025-02', 4],
      ]);
      const utc = buildPeriodReport(db, { granularity: 'monthly', tz: 'UTC' });
      expect(utc.periods.map((p) => [p.period, p.requests])).toEqual([
        ['2025-01', 2],
        ['2025-02', 3],
      ]);
      const sliced = buildPeriodReport(db, { granularity: 'monthly', tz: 'UTC', since: '2025-02-02', until: '2025-12-31' });
      expect(sliced.periods.map((p) => [p.period, p.requests, p.costUsd])).toEqual([['2025-02', 1, 0.007]]);
      expect(buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', since: '2024-01-01', until: '2024-12-31' }).periods).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('stretches an open-ended range to the day after today at most: later calls are left out and counted', () => {
    const db = ledgers.open();
    try {
      seed(db);
      const now = Date.parse('2026-12-08T12:00:00Z');
      insertUsage(db, [
        usage({ time: now + 12 * 3_600_000, model: 'claude-sonnet-4', costNano: 1_000_000 }),
        usage({ time: Date.parse('2026-12-10T00:00:00Z'), model: 'claude-sonnet-4', costNano: 1_000_000 }),
        usage({ time: Date.parse('9999-12-31T23:00:00Z'), model: 'claude-sonnet-4', costNano: 1_000_000 }),
      ]);
      const daily = buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', now });
      expect(daily.periods.map((p) => p.period)).toEqual(['2025-01-31', '2025-02-01', '2025-02-03', '2026-12-09']);
      expect(daily.leftOut).toEqual({ requests: 2, after: '2026-12-09' });
      const monthly = buildPeriodReport(db, { granularity: 'monthly', tz: 'Pacific/Kiritimati', now });
      expect(monthly.periods.map((p) => p.period)).toEqual(['2025-02', '2026-12']);
      // At UTC+14 today is already the 9th: the call of 2026-12-10T00:00Z (the 10th there) is in.
      expect(monthly.leftOut).toEqual({ requests: 1, after: '2026-12-10' });
      // A range that names its end leaves nothing out; one that names only its start still stops at tomorrow.
      expect(buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', since: '2026-12-01', until: '9999-12-31', now }).periods.map((p) => p.period)).toEqual([
        '2026-12-09',
        '2026-12-10',
        '9999-12-31',
      ]);
      expect(buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', since: '9999-01-01', now })).toMatchObject({ periods: [], leftOut: { requests: 1, after: '2026-12-09' } });
    } finally {
      db.close();
    }
  });

  it('reports a ledger whose only calls are far in the future as empty, saying what it left out', () => {
    const db = ledgers.open();
    try {
      // 9999-12-31 23:59 UTC is already 10000-01-01 in Berlin: a day no YYYY-MM-DD can name.
      insertUsage(db, [usage({ time: Date.parse('9999-12-31T23:59:59.999Z'), model: 'm', costNano: 1 })]);
      const report = buildPeriodReport(db, { granularity: 'daily', tz: 'Europe/Berlin', now: Date.parse('2026-12-08T12:00:00Z') });
      expect(report).toMatchObject({ periods: [], totals: { requests: 0 }, leftOut: { requests: 1, after: '2026-12-09' } });
      // Named up to the last day there is: still nothing in Berlin (the call is on the day after it), and no error.
      expect(buildPeriodReport(db, { granularity: 'monthly', tz: 'Europe/Berlin', until: '9999-12-31' })).toMatchObject({ periods: [], totals: { requests: 0 } });
      expect(buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', since: '9999-12-31', until: '9999-12-31' })).toMatchObject({ periods: [{ period: '9999-12-31', requests: 1 }] });
      expect(buildRequestsReport(db, { tz: 'Europe/Berlin', until: '9999-12-31' }).requests).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('is empty with zero totals on an empty ledger', () => {
    const db = ledgers.open();
    try {
      const report = buildPeriodReport(db, { granularity: 'daily', tz: 'UTC' });
      expect(report.periods).toEqual([]);
      expect(report.totals).toMatchObject({ costUsd: 0, requests: 0, byBilling: { api: 0, batch: 0, subscription: 0 } });
    } finally {
      db.close();
    }
  });

  it('refuses a bad granularity, zone or day with bad_request', () => {
    const db = ledgers.open();
    try {
      expect(() => buildPeriodReport(db, { granularity: 'weekly' as never, tz: 'UTC' })).toThrow(ApiError);
      expect(() => buildPeriodReport(db, { granularity: 'daily', tz: 'Nowhere' })).toThrow(/unknown time zone/);
      expect(() => buildPeriodReport(db, { granularity: 'daily', tz: 'UTC', since: '2025-02-30' })).toThrow(/since: .*does not exist/);
    } finally {
      db.close();
    }
  });
});

describe('buildRequestsReport', () => {
  it('lists requests oldest first with the documented fields and zone-local ISO times', () => {
    const db = ledgers.open();
    try {
      const ids = seed(db);
      const report = buildRequestsReport(db, { tz: 'America/New_York' });
      expect(report.requests.map((r) => r.id)).toEqual(ids);
      const o3 = report.requests[3]!;
      expect(Object.keys(o3).sort()).toEqual(
        [
          'id',
          'time',
          'provider',
          'model',
          'billing',
          'source',
          'tag',
          'status',
          'stream',
          'inputTokens',
          'cacheWrite5mTokens',
          'cacheWrite1hTokens',
          'cacheReadTokens',
          'outputTokens',
          'reasoningTokens',
          'costUsd',
          'priced',
          'latencyMs',
          'ttftMs',
          'webSearchRequests',
          'webFetchRequests',
          'serviceTier',
          'speed',
          'inferenceGeo',
          'byok',
          'project',
          'sessionId',
        ].sort(),
      );
      expect(o3).toMatchObject({
        time: '2025-02-01T06:00:00.000-05:00',
        provider: 'openai',
        model: 'o3',
        billing: 'batch',
        stream: true,
        reasoningTokens: 400,
        costUsd: 0.002,
        priced: true,
        ttftMs: 250,
        latencyMs: 500,
      });
      expect(report.requests[1]).toMatchObject({ cacheWrite5mTokens: 100, cacheWrite1hTokens: 200, cacheReadTokens: 300, tag: 'agent' });
      expect(report.requests[4]).toMatchObject({ priced: false, costUsd: 0.007 });
    } finally {
      db.close();
    }
  });

  it('keeps to since/until in the zone, and with a limit gives the latest requests, still oldest first', () => {
    const db = ledgers.open();
    try {
      const ids = seed(db);
      expect(buildRequestsReport(db, { tz: 'Europe/Berlin', since: '2025-02-01', until: '2025-02-01' }).requests.map((r) => r.id)).toEqual(ids.slice(1, 4));
      expect(buildRequestsReport(db, { tz: 'UTC', limit: 2 }).requests.map((r) => r.id)).toEqual(ids.slice(3));
      expect(() => buildRequestsReport(db, { tz: 'UTC', limit: 0 })).toThrow(/limit/);
    } finally {
      db.close();
    }
  });
});
