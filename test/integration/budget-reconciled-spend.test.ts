import { describe, expect, it } from 'vitest';
import { budgetPeriod } from '../../shared/budget/period.js';
import { dayOf, startOfDay } from '../../shared/time/zoned.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const DOLLAR = 1_000_000_000;

/**
 * Spend the proxy never saw (another machine, a CI job) shows up only in the provider's report. The
 * budget check, the pacing and the glance must count the reported figure, as the gate does.
 */
describe('budgets count provider-reported cost', () => {
  it('budget check and the summary use the provider figure where it exists', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const now = Date.now();
    // Yesterday (UTC) if it is in this period, else today: a day the provider has reported in full.
    const period = budgetPeriod(now, 1, 'UTC');
    const day = period.daysElapsed > 0 ? dayOf(now - 86_400_000, 'UTC') : dayOf(now, 'UTC');
    const dayStart = startOfDay(day, 'UTC');
    insertUsage(db, [{ ...pricedRecord({ time: dayStart + 3_600_000, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 1 * DOLLAR }]);
    // The provider says $6 that day: $5 more than the proxy logged.
    db.prepare(
      `INSERT INTO provider_usage (provider, kind, bucket_start, bucket_end, model, cost_nano, fetched_at) VALUES ('anthropic', 'cost', ?, ?, '', ?, ?)`,
    ).run(dayStart, dayStart + 86_400_000, 6 * DOLLAR, dayStart + 2 * 86_400_000);
    db.close();

    expect((await runCliCaptured(['budget', 'set', '--monthly', '4', '--hard', '--tz', 'UTC', '--data-dir', dir])).code).toBe(0);
    const run = await runCliCaptured(['budget', 'check', '--json', '--data-dir', dir]);
    const json = JSON.parse(run.stdout) as { budgets: { spentUsd: number; capReached: boolean }[] };
    expect(json.budgets[0]).toMatchObject({ spentUsd: 6, capReached: true });
    expect(run.code).toBe(4);
  });
});
