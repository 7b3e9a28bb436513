/**
 * The glance is warmed as the app starts (issue 13.2: its first call after a start is answered
 * from compiled code and prepared statements), and the warm-up starts no advisor pass: that waits
 * for a window to ask, and then begins only after the glance's answer is out.
 */
import { describe, expect, it } from 'vitest';
import type { AdvisorReport } from '../../shared/api/contract-advisor.js';
import type { AdvisorPasses } from '../../electron/core/advisor/advisor-thread.js';
import { openLedgerApi } from '../../electron/core/mcp/ledger-api.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('the glance at start', () => {
  it('is computed once at open without an advisor pass; the first asked-for summary starts one after it answers', async () => {
    const dir = tempDir();
    const now = Date.parse('2026-12-07T12:00:00Z');
    fillLedger(dir, { usage: [pricedRecord({ time: now - 60_000, model: 'claude-haiku-4-5', tokens: { inputTokens: 1000, outputTokens: 100 } })] });
    const asked: number[] = [];
    let finish: (r: AdvisorReport) => void = () => {};
    const advisor: AdvisorPasses = {
      report: (at) => {
        asked.push(at);
        return new Promise((resolve) => (finish = resolve));
      },
      close: async () => {},
    };
    const reader = openLedgerApi(dir, { now: () => now, advisor });
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(asked).toEqual([]);

      const summary = await reader.api.getSummary();
      expect(summary.requestsToday).toBe(1);
      expect(summary.advisor).toBeUndefined();
      // Not yet within the call: the pass starts on the next turn.
      expect(asked).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(asked).toEqual([now]);
      finish({ now, days: 30, from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString(), findings: [], totalMonthlyNano: 0, dismissed: 0 });
    } finally {
      reader.close();
    }
  });
});
