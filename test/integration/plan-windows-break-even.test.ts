/**
 * Break-even with plan windows, through the API as the app runs it: what a full window was worth
 * at API prices in the plan's period = the subscription calls logged between two readings of the
 * same window (same reset), priced at API rates, over how much `used` moved; too little seen is
 * said, not guessed. Real SQLite, the core's own service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../shared/api/contract-subscriptions.js';
import type { WindowSnapshot } from '../../shared/api/contract-windows.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { insertUsage, openDatabase } from '../../electron/core/ledger/index.js';
import { recordWindowSnapshots } from '../../electron/core/windows/window-store.js';
import { ORG_A } from '../fixtures/wire/anthropic-unified.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const USD = 1_000_000_000;
const at = (iso: string) => Date.parse(iso);
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function reading(iso: string, window: '5h' | '7d', used: number, resetIso: string): WindowSnapshot {
  return { provider: 'anthropic', account: ORG_A, source: 'proxy', at: at(iso), status: 'allowed', binding: '5h', windows: [{ window, used, resetsAt: at(resetIso), status: 'allowed', windowMinutes: window === '5h' ? 300 : 10080 }] };
}

describe('break-even: what a full window is worth', () => {
  it('prices the calls that filled each window, per plan period, and says when too little was seen', async () => {
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const call = (iso: string, usd: number, over: { billing?: 'subscription' | 'api'; provider?: string } = {}) =>
      pricedRecord({ time: at(iso), model: 'claude-sonnet-4-5', billing: 'subscription', source: 'proxy', costNano: usd * USD, externalId: `${iso}-${usd}`, ...over });
    insertUsage(db, [
      call('2026-12-03T10:30:00Z', 2),
      call('2026-12-03T11:30:00Z', 2.5),
      call('2026-12-03T13:00:00Z', 9), // after the 5-hour cycle's last reading: not seen filling it
      call('2026-12-05T16:30:00Z', 1.5),
      call('2026-12-03T10:40:00Z', 50, { billing: 'api' }), // API spend: not plan usage
      call('2026-12-03T10:50:00Z', 70, { provider: 'openai' }), // another provider's plan
      call('2026-11-20T10:30:00Z', 4), // last period
    ]);
    recordWindowSnapshots(db, [
      reading('2026-11-20T10:00:00Z', '5h', 0.1, '2026-11-20T14:00:00Z'),
      reading('2026-11-20T11:00:00Z', '5h', 0.5, '2026-11-20T14:00:00Z'),
      reading('2026-12-03T10:05:00Z', '5h', 0.1, '2026-12-03T15:00:00Z'),
      reading('2026-12-03T11:00:00Z', '5h', 0.3, '2026-12-03T15:00:00Z'),
      reading('2026-12-03T12:00:00Z', '5h', 0.5, '2026-12-03T15:00:00Z'),
      reading('2026-12-05T16:00:00Z', '5h', 0.05, '2026-12-05T20:00:00Z'),
      reading('2026-12-05T17:00:00Z', '5h', 0.25, '2026-12-05T20:00:00Z'),
      reading('2026-12-03T10:05:00Z', '7d', 0.2, '2026-12-08T00:00:00Z'),
      reading('2026-12-05T17:00:00Z', '7d', 0.24, '2026-12-08T00:00:00Z'),
    ]);
    db.close();

    core = await startCore({ dataDir, mode: 'headless', port: 0, now: () => at('2026-12-07T12:00:00Z'), env: { TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
    await core.api.updateSettings({ timezone: 'UTC', subscriptions: [{ plan: 'claude-pro' }, { plan: 'chatgpt-plus' }] as Subscription[] });

    const report = await core.api.getBreakEven();
    const [claude, chatgpt] = report.plans;
    // 5-hour: 20 + 20 + 20 points of use were seen while $2 + $2.50 + $1.50 of calls were logged.
    expect(claude!.windowValues).toEqual([
      { account: ORG_A, accountLabel: 'Claude', window: '5h', label: '5-hour', cycles: 2, observedUsed: expect.closeTo(0.6, 9), costNano: 6 * USD, fullWindowNano: 10 * USD, enough: true },
      // The weekly window saw every call between its two readings, the $9 one too, but moved 4 points only.
      { account: ORG_A, accountLabel: 'Claude', window: '7d', label: 'Weekly', cycles: 1, observedUsed: expect.closeTo(0.04, 9), costNano: 15 * USD, fullWindowNano: null, enough: false },
    ]);
    expect(chatgpt!.windowValues).toBeUndefined();

    // The period before: one pair, 40 points for $4.
    const november = await core.api.getBreakEven({ month: '2026-11' });
    expect(november.plans[0]!.windowValues).toEqual([expect.objectContaining({ window: '5h', cycles: 1, costNano: 4 * USD, fullWindowNano: 10 * USD })]);
  });
});
