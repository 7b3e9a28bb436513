/**
 * The ledger's fast paths (issue 13) against plain SQL over the usage rows: the four rollups kept
 * by triggers and by bulk writes, sums read as months + days + 15-minute buckets + rows, and
 * keyset pages read through an index per filter column.
 */
import { describe, expect, it } from 'vitest';
import { aggregate, ALL_TIME, type AggregateFilter, type GroupColumn, type Period } from '../../electron/core/ledger/aggregate.js';
import { withBulkRollups } from '../../electron/core/ledger/bulk-write.js';
import { insertUsage, pageQuery, queryUsage, resolveUsageSelection } from '../../electron/core/ledger/index.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import { startOfDay } from '../../shared/time/zoned.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { seededRandom } from '../support/seeded-random.js';
import { expectRollupsExact, randomFigures, useLedgers, usage } from './ledger-fixtures.js';

const ledgers = useLedgers();
const DAY = 86_400_000;
const START = Date.parse('2025-01-29T00:00:00Z');
/** Rows over about 75 days: three month edges, whole and partial days and buckets. */
const SPAN = 75 * DAY;

function randomRecords(count: number, seed: number): NewUsageRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: count }, () =>
    usage({
      // Some rows exactly on day and month edges, one millisecond either side, or anywhere.
      time: pick([
        () => START + Math.floor(rnd() * SPAN),
        () => Date.parse('2025-03-01T00:00:00Z') + pick([-1, 0, 1]),
        () => START + Math.floor(rnd() * 75) * DAY + pick([-1, 0, 1, 899_999, 900_000]),
      ])(),
      provider: pick(['anthropic', 'openai', 'openrouter']),
      model: pick(['m-a', 'm-b', 'm-c', 'm-rare']),
      billing: pick(['api', 'api', 'batch', 'subscription'] as const),
      source: pick(['proxy', 'proxy', 'import', 'poll'] as const),
      tag: pick([null, null, 'agent', 'ci']),
      status: pick(['ok', 'ok', 'ok', 'error', 'incomplete', 'blocked'] as const),
      keyRef: pick([null, null, 'key:0123456789abcdef']),
      ...randomFigures(rnd),
    }),
  );
}

/** A ledger written every way the app writes: row by row, in bulk, updated and deleted. */
function mixedLedger(db: Db): void {
  const records = randomRecords(3000, 11);
  for (let i = 0; i < 300; i += 3) insertUsage(db, records.slice(i, i + 3)); // per-row triggers
  insertUsage(db, records.slice(300, 2000)); // one bulk write
  withBulkRollups(db, () => {
    insertUsage(db, records.slice(2000, 3000));
    // Inside the bulk write: rows it wrote and rows that were there before, updated and deleted.
    db.prepare('UPDATE usage SET cost_nano = cost_nano + 7, status = ? WHERE id % 17 = 0').run('error');
    db.prepare('UPDATE usage SET time = time + 900000 WHERE id % 23 = 0').run();
    db.prepare('DELETE FROM usage WHERE id % 29 = 0').run();
  });
  db.prepare("UPDATE usage SET model = 'm-b', tag = NULL WHERE id % 31 = 0").run();
  db.prepare('DELETE FROM usage WHERE id % 37 = 0').run();
}

const FIELDS = `COUNT(*) AS requests, SUM(input_tokens) AS inputTokens, SUM(cache_write_5m_tokens) AS cacheWrite5mTokens,
  SUM(cache_write_1h_tokens) AS cacheWrite1hTokens, SUM(cache_read_tokens) AS cacheReadTokens, SUM(output_tokens) AS outputTokens,
  SUM(reasoning_tokens) AS reasoningTokens, SUM(web_search_requests) AS webSearchRequests, SUM(cost_nano) AS costNano,
  SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END) AS spendNano, SUM(1 - priced) AS unpriced`;

function whereOf(filter: AggregateFilter): { sql: string; params: string[] } {
  const entries = Object.entries(filter);
  return { sql: entries.map(([c]) => ` AND ${c === 'keyRef' ? 'key_ref' : c} = ?`).join(''), params: entries.map(([, v]) => v as string) };
}

/** What aggregate() must return, summed straight from the rows. */
function plainAggregate(db: Db, periods: readonly Period[], filter: AggregateFilter, groupBy: readonly GroupColumn[]): Record<string, unknown>[] {
  const where = whereOf(filter);
  const groups = groupBy.map((c) => `${c}, `).join('');
  const out = new Map<string, Record<string, number | string>>();
  for (const p of periods) {
    const sql = `SELECT ${groups}${FIELDS} FROM usage WHERE time >= ? AND time < ?${where.sql}${groupBy.length ? ` GROUP BY ${groupBy.join(', ')}` : ''}`;
    for (const row of db.prepare(sql).all(p.from, p.to, ...where.params) as Record<string, number | string>[]) {
      if (!row.requests) continue;
      const id = JSON.stringify([p.key, ...groupBy.map((c) => row[c])]);
      const seen = out.get(id);
      if (!seen) out.set(id, { ...row, key: p.key });
      else for (const [k, v] of Object.entries(row)) if (typeof v === 'number') seen[k] = (seen[k] as number) + v;
    }
  }
  return [...out.values()];
}

const idOf = (row: object) => {
  const r = row as Record<string, unknown>;
  return JSON.stringify([r.key, r.provider, r.model, r.billing]);
};
const byId = (rows: readonly object[]) =>
  [...rows].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));

describe('rollups', () => {
  it('equal a GROUP BY over usage after row-by-row and bulk writes, updates and deletes in and out of them', () => {
    const db = ledgers.open();
    try {
      mixedLedger(db);
      expectRollupsExact(db);
      expect(db.prepare('SELECT COUNT(*) AS n FROM rollup_pending').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('leave nothing pending when a bulk write fails: it is rolled back whole', () => {
    const db = ledgers.open();
    try {
      insertUsage(db, randomRecords(50, 3));
      expect(() =>
        withBulkRollups(db, () => {
          insertUsage(db, randomRecords(50, 4));
          throw new Error('disk full');
        }),
      ).toThrow('disk full');
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage').get()).toEqual({ n: 50 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM rollup_pending').get()).toEqual({ n: 0 });
      insertUsage(db, randomRecords(5, 5)); // row by row again
      expectRollupsExact(db);
    } finally {
      db.close();
    }
  });

  it('follow a proxied call replacing an imported one inside a bulk write', () => {
    const db = ledgers.open();
    try {
      const t = Date.parse('2025-02-10T10:00:00Z');
      insertUsage(db, [usage({ time: t, source: 'import', billing: 'subscription', requestId: 'req_old', externalId: 'req_old:msg_1', costNano: 5 })]);
      withBulkRollups(db, () => {
        insertUsage(db, [
          usage({ time: t + 1, source: 'import', billing: 'subscription', requestId: 'req_new', externalId: 'req_new:msg_2', costNano: 7 }),
          usage({ time: t + 2, source: 'proxy', requestId: 'req_new', costNano: 11 }), // replaces the import of this batch
          usage({ time: t + 3, source: 'proxy', requestId: 'req_old', costNano: 13 }), // replaces an earlier import
        ]);
      });
      expect(db.prepare('SELECT source, cost_nano FROM usage ORDER BY time').all()).toEqual([
        { source: 'proxy', cost_nano: 11 },
        { source: 'proxy', cost_nano: 13 },
      ]);
      expectRollupsExact(db);
    } finally {
      db.close();
    }
  });
});

describe('aggregate over months, days, 15-minute buckets and rows', () => {
  it('gives every sum of plain SQL over the rows, for any bounds, zone, filter and grouping', () => {
    const db = ledgers.open();
    try {
      mixedLedger(db);
      const at = (iso: string) => Date.parse(iso);
      const kolkataDays = Array.from({ length: 40 }, (_, i) => {
        const day = new Date(START + i * DAY).toISOString().slice(0, 10);
        return { key: day, from: startOfDay(day, 'Asia/Kolkata'), to: startOfDay(day, 'Asia/Kolkata') + DAY };
      });
      const periodSets: Period[][] = [
        [{ key: 'all', ...ALL_TIME }],
        [{ key: 'feb', from: at('2025-02-01T00:00:00Z'), to: at('2025-03-01T00:00:00Z') }],
        [{ key: 'feb-ny', from: startOfDay('2025-02-01', 'America/New_York'), to: startOfDay('2025-03-01', 'America/New_York') }],
        [{ key: 'odd', from: at('2025-01-30T07:13:00.001Z'), to: at('2025-04-02T13:44:59.999Z') }],
        [{ key: 'inside', from: at('2025-02-11T10:00:00.010Z'), to: at('2025-02-11T10:00:00.500Z') }],
        [
          { key: 'a', from: at('2025-03-01T00:00:00Z') - 1, to: at('2025-03-01T00:00:00Z') + 1 },
          { key: 'a', from: at('2025-02-14T05:45:00Z'), to: at('2025-02-16T00:00:00Z') },
          { key: 'b', from: ALL_TIME.from, to: at('2025-02-01T00:00:00Z') },
        ],
        kolkataDays,
      ];
      const filters: AggregateFilter[] = [
        {},
        { provider: 'openai' },
        { model: 'm-rare' },
        { tag: 'agent' },
        { billing: 'batch' },
        { source: 'import' },
        { status: 'error' },
        { status: 'ok', provider: 'anthropic' },
        { tag: 'ci', billing: 'subscription' },
        { keyRef: 'key:0123456789abcdef' },
        { keyRef: 'key:0123456789abcdef', provider: 'openai' },
      ];
      const groupings: GroupColumn[][] = [[], ['provider', 'model'], ['model', 'billing'], ['provider']];
      let compared = 0;
      for (const periods of periodSets) {
        for (const filter of filters) {
          for (const groupBy of groupings) {
            const fast = aggregate(db, periods, filter, groupBy);
            const plain = plainAggregate(db, periods, filter, groupBy);
            expect(byId(fast), JSON.stringify({ periods: periods[0]!.key, filter, groupBy })).toEqual(byId(plain));
            compared += plain.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
    } finally {
      db.close();
    }
  });
});

describe('queryUsage pages', () => {
  const FILTERS: Record<string, string>[] = [
    {},
    { provider: 'openrouter' },
    { model: 'm-rare' },
    { tag: 'ci' },
    { billing: 'batch' },
    { status: 'blocked' },
    { source: 'poll' },
  ];

  it('walk every match newest first, one page after another, with first-page totals equal to plain SQL', () => {
    const db = ledgers.open();
    try {
      mixedLedger(db);
      for (const filter of FILTERS) {
        for (const range of [{}, { since: '2025-02-03', until: '2025-03-01' }]) {
          const where = whereOf(filter);
          const from = 'since' in range ? startOfDay('2025-02-03', 'Europe/Berlin') : ALL_TIME.from;
          const to = 'since' in range ? startOfDay('2025-03-02', 'Europe/Berlin') : ALL_TIME.to;
          const expected = (
            db.prepare(`SELECT id FROM usage WHERE time >= ? AND time < ?${where.sql} ORDER BY time DESC, id DESC`).all(from, to, ...where.params) as { id: number }[]
          ).map((r) => r.id);
          const seen: number[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page = queryUsage(db, { tz: 'Europe/Berlin', ...filter, ...range, limit: 97, ...(cursor ? { cursor } : {}) });
            if (pages === 0) {
              const sums = db.prepare(`SELECT ${FIELDS} FROM usage WHERE time >= ? AND time < ?${where.sql}`).get(from, to, ...where.params) as Record<string, number | null>;
              expect(page.total).toBe(expected.length);
              expect(page.totals, JSON.stringify(filter)).toEqual(Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v ?? 0])));
            } else expect(page.totals).toBeNull();
            seen.push(...page.records.map((r) => r.id));
            cursor = page.nextCursor;
            pages++;
          } while (cursor !== null);
          expect(seen, JSON.stringify({ filter, range })).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 97)));
        }
      }
    } finally {
      db.close();
    }
  });

  it('read each single filter through its (column, time) index, without sorting', () => {
    const db = ledgers.open();
    try {
      insertUsage(db, randomRecords(200, 5));
      for (const filter of FILTERS) {
        const column = Object.keys(filter)[0];
        for (const cursor of [undefined, '1740000000000.40']) {
          const { sql, params } = pageQuery(resolveUsageSelection({ tz: 'UTC', ...filter, ...(cursor ? { cursor } : {}) }));
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
          expect(plan, `${JSON.stringify(filter)}\n${plan}`).toMatch(new RegExp(`USING INDEX usage_${column ?? ''}_?time`));
          expect(plan).not.toMatch(/TEMP B-TREE/);
        }
      }
    } finally {
      db.close();
    }
  });
});

describe('the lookups behind every insert', () => {
  it('stay on their narrow indexes beside the new (column, time) ones', () => {
    const db = ledgers.open();
    try {
      insertUsage(db, randomRecords(200, 6));
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      // An import defers to a proxied call with its request id (migration 4's trigger).
      expect(plan("SELECT 1 FROM usage WHERE source = 'proxy' AND request_id = 'req_1'")).toMatch(/USING COVERING INDEX usage_proxy_request \(request_id=\?\)/);
      // A proxied call replaces the import of its request; an import finds its own row again.
      expect(plan("DELETE FROM usage WHERE source = 'import' AND external_id > 'req_1:' AND external_id < 'req_1;' AND request_id = 'req_1'")).toMatch(
        /USING INDEX usage_external \(source=\? AND external_id>\? AND external_id<\?\)/,
      );
      expect(plan("UPDATE usage SET cost_nano = 1 WHERE source = 'import' AND external_id = 'x'")).toMatch(/usage_external \(source=\? AND external_id=\?\)/);
      expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY: statement journals never touch a file
    } finally {
      db.close();
    }
  });
});
