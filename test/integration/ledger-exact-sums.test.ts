import { describe, expect, it } from 'vitest';
import { buildPeriodReport, dailySeries, periodTotals, queryUsage } from '../../electron/core/ledger/index.js';
import { nanoToUsd } from '../../shared/money.js';
import { startOfDay } from '../../shared/time/zoned.js';
import { withBulkRollups } from '../../electron/core/ledger/bulk-write.js';
import { useLedgers } from './ledger-fixtures.js';

const ledgers = useLedgers();
const N = 1_000_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const STEP = 2_678; // ms between rows: a million rows fill January 2025 (UTC)

describe('exact money over a million rows', () => {
  it('sums 1,000,000 costs of 100 nano-dollars ($0.0000001) to exactly $0.10 everywhere', () => {
    const db = ledgers.open();
    try {
      // Seeded in SQL, without a million JS objects, as one bulk write: the way a large history
      // arrives (an import), its rows summed into the rollups in one statement each. The per-row
      // triggers are checked against plain sums in ledger-rollup-triggers and ledger-fast-paths.
      withBulkRollups(db, () =>
        db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
         INSERT INTO usage (time, provider, model, billing, source, status, stream, input_tokens, output_tokens,
           cost_nano, priced, cost_source, price_version)
         SELECT ${START} + i * ${STEP}, 'anthropic', 'claude-haiku-4-5', 'api', 'proxy', 'ok', 0, 3, 1,
           100, 1, 'computed', 'test'
         FROM n`,
        ).run(),
      );

      // The trap this guards against: the same sum in floating-point dollars is off.
      let floatSum = 0;
      for (let i = 0; i < N; i++) floatSum += 0.0000001;
      expect(floatSum).not.toBe(0.1);

      const month = periodTotals(db, { from: START, to: Date.parse('2025-02-01T00:00:00Z') });
      expect(month.requests).toBe(N);
      expect(month.costNano).toBe(100_000_000);
      expect(nanoToUsd(month.costNano)).toBe(0.1);
      expect(month.inputTokens).toBe(3 * N);

      const report = buildPeriodReport(db, { granularity: 'monthly', tz: 'UTC' });
      expect(report.periods.map((p) => [p.period, p.costUsd, p.requests])).toEqual([['2025-01', 0.1, N]]);
      expect(report.totals.costUsd).toBe(0.1);
      expect(report.totals.byBilling.api).toBe(0.1);

      const series = dailySeries(db, { since: '2025-01-01', until: '2025-01-31', tz: 'Asia/Kolkata' });
      // Kolkata's January ends at 18:30 UTC on the 31st: the rows after that are February there.
      const inKolkataJanuary = Math.ceil((startOfDay('2025-02-01', 'Asia/Kolkata') - START) / STEP);
      expect(inKolkataJanuary).toBeLessThan(N);
      expect(series.reduce((sum, p) => sum + p.requests, 0)).toBe(inKolkataJanuary);
      expect(series.reduce((sum, p) => sum + p.costNano, 0)).toBe(100 * inKolkataJanuary);
      expect(queryUsage(db, { tz: 'UTC', limit: 1 }).totals?.costNano).toBe(100_000_000);
    } finally {
      db.close();
    }
  }, 120_000);
});
