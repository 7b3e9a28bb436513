import { describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { expectRollupsExact, randomFigures, rollupVersusRecomputed, useLedgers, usage } from './ledger-fixtures.js';

const ledgers = useLedgers();
const T0 = Date.parse('2025-05-01T00:00:00Z');

/** A small deterministic generator so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('usage_rollup triggers', () => {
  it('stay equal to a GROUP BY over usage through inserts, updates and deletes', () => {
    const db = ledgers.open();
    try {
      const rnd = lcg(7);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
      const records = Array.from({ length: 600 }, () =>
        usage({
          // Many rows share a bucket; some sit exactly on bucket edges.
          time: T0 + Math.floor(rnd() * 48) * 900_000 + pick([0, 1, 899_999, Math.floor(rnd() * 900_000)]),
          provider: pick(['anthropic', 'openai', 'openrouter']),
          model: pick(['m-a', 'm-b', 'm-c']),
          billing: pick(['api', 'batch', 'subscription'] as const),
          source: pick(['proxy', 'import', 'poll'] as const),
          tag: pick([null, 'agent', 'ci']),
          ...randomFigures(rnd),
        }),
      );
      insertUsage(db, records);
      let { stored, recomputed } = rollupVersusRecomputed(db);
      expect(stored.length).toBeGreaterThan(100);
      expect(stored).toEqual(recomputed);
      expectRollupsExact(db);

      // Updates that move rows between buckets and groups, and ones that only change sums.
      db.prepare('UPDATE usage SET time = time + 900000 WHERE id % 5 = 0').run();
      db.prepare("UPDATE usage SET model = 'm-z', tag = NULL WHERE id % 7 = 0").run();
      db.prepare("UPDATE usage SET billing = 'batch', cost_nano = cost_nano / 2, priced = 1 - priced WHERE id % 11 = 0").run();
      db.prepare("UPDATE usage SET error_message = 'note' WHERE id % 13 = 0").run();
      ({ stored, recomputed } = rollupVersusRecomputed(db));
      expect(stored).toEqual(recomputed);
      expectRollupsExact(db);

      db.prepare('DELETE FROM usage WHERE id % 3 = 0').run();
      ({ stored, recomputed } = rollupVersusRecomputed(db));
      expect(stored).toEqual(recomputed);
      expectRollupsExact(db);

      // Emptied groups leave no zero rows behind.
      db.prepare('DELETE FROM usage').run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM usage_rollup').get()).toEqual({ n: 0 });
      for (const table of ['usage_rollup_day', 'usage_rollup_month', 'usage_totals']) {
        expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      }
    } finally {
      db.close();
    }
  });

  it('count a skipped duplicate once and a NULL tag in the same group as no tag', () => {
    const db = ledgers.open();
    try {
      const ids = insertUsage(db, [
        usage({ time: T0, source: 'import', externalId: 'msg_1:req_1', costNano: 5 }),
        usage({ time: T0 + 1, source: 'import', externalId: 'msg_1:req_1', costNano: 5 }),
        usage({ time: T0 + 2, tag: null, costNano: 7 }),
      ]);
      expect(ids).toHaveLength(2);
      const { stored, recomputed } = rollupVersusRecomputed(db);
      expect(stored).toEqual(recomputed);
      expect(stored.map((r) => [r.source, r.tag, r.requests, r.cost_nano])).toEqual([
        ['import', '', 1, 5],
        ['proxy', '', 1, 7],
      ]);
    } finally {
      db.close();
    }
  });
});
