import { describe, expect, it } from 'vitest';
import { formatPeriodTable, formatRequestsTable, UNPRICED_MARK } from '../../shared/report/format-table.js';
import type { PeriodReport, RequestLine, RequestsReport } from '../../shared/report/types.js';

const zero = { costUsd: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0, reasoningTokens: 0, requests: 0, unpriced: 0 };

const report: PeriodReport = {
  granularity: 'daily',
  tz: 'Europe/Berlin',
  periods: [
    {
      ...zero,
      period: '2025-02-01',
      costUsd: 1234.5,
      inputTokens: 1_234_567,
      outputTokens: 89,
      requests: 12,
      byBilling: { api: 1234.5, batch: 0, subscription: 0 },
      byModel: [{ ...zero, model: 'claude-sonnet-4', costUsd: 1234.5, inputTokens: 1_234_567, outputTokens: 89, requests: 12 }],
    },
    {
      ...zero,
      period: '2025-02-03',
      costUsd: 0.0036,
      requests: 2,
      unpriced: 1,
      byBilling: { api: 0.0006, batch: 0, subscription: 0.003 },
      byModel: [
        { ...zero, model: 'mystery', costUsd: 0.003, requests: 1, unpriced: 1 },
        { ...zero, model: 'claude-haiku-4-5', costUsd: 0.0006, requests: 1 },
      ],
    },
  ],
  totals: { ...zero, costUsd: 1234.5036, inputTokens: 1_234_567, outputTokens: 89, requests: 14, unpriced: 1, byBilling: { api: 1234.5006, batch: 0, subscription: 0.003 } },
};

describe('formatPeriodTable', () => {
  it('prints aligned columns, models indented under their period, totals, and the footnotes', () => {
    const text = formatPeriodTable(report);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Day \/ model\s+Input\s+Cache write\s+Cache read\s+Output\s+Reasoning\s+Requests\s+Cost \(USD\)$/);
    expect(text).toContain('1,234,567');
    // One money rule for the column: the same decimals in every cell, enough for its smallest cost.
    expect(text).toMatch(/\$1,234\.5000$/m);
    expect(text).toContain('  claude-sonnet-4');
    expect(text).toContain('$0.0036' + UNPRICED_MARK);
    expect(text).toMatch(/\$0\.0006$/m);
    expect(text).toContain('  mystery');
    expect(lines.find((l) => l.startsWith('Total'))).toContain('$1,234.5036' + UNPRICED_MARK);
    expect(text).toContain('Times in Europe/Berlin.');
    expect(text).toMatch(/\* includes requests to models with no known price/);
    expect(text).toMatch(/\$0\.003 is subscription usage/);

    // Every table row has its cost column ending at the same place.
    const tableRows = lines.slice(0, lines.indexOf(''));
    const costEnds = tableRows.filter((l) => l.includes('$')).map((l) => l.lastIndexOf('$') + l.slice(l.lastIndexOf('$')).trimEnd().length);
    const withMark = tableRows.filter((l) => l.includes('$')).map((l) => (l.trimEnd().endsWith(UNPRICED_MARK) ? 0 : 1));
    expect(new Set(costEnds.map((end, i) => end + withMark[i]!)).size).toBe(1);
  });

  it('omits the footnotes that do not apply and says monthly when monthly', () => {
    const priced: PeriodReport = { ...report, granularity: 'monthly', periods: [report.periods[0]!], totals: { ...report.totals, unpriced: 0, byBilling: { api: 1, batch: 0, subscription: 0 } } };
    const text = formatPeriodTable(priced);
    expect(text.split('\n')[0]).toMatch(/^Month \/ model/);
    expect(text).not.toContain(UNPRICED_MARK + ' includes');
    expect(text).not.toContain('subscription usage');
  });

  it('says so when there is nothing to show', () => {
    expect(formatPeriodTable({ ...report, periods: [] })).toBe('No usage recorded in this range.');
  });
});

const line = (over: Partial<RequestLine>): RequestLine => ({
  id: 1,
  time: '2025-03-09T01:59:00.123-05:00',
  provider: 'anthropic',
  model: 'claude-sonnet-4',
  billing: 'api',
  source: 'proxy',
  tag: null,
  status: 'ok',
  stream: false,
  inputTokens: 5000,
  cacheWrite5mTokens: 100,
  cacheWrite1hTokens: 200,
  cacheReadTokens: 0,
  outputTokens: 2000,
  reasoningTokens: 0,
  costUsd: 0.045,
  priced: true,
  latencyMs: 1234,
  ttftMs: null,
  webSearchRequests: 0,
  webFetchRequests: 0,
  serviceTier: null,
  speed: null,
  inferenceGeo: null,
  byok: false,
  project: null,
  sessionId: null,
  ...over,
});

describe('formatRequestsTable', () => {
  it('prints one row per request in local time, flags unpriced costs, and totals exactly', () => {
    const requests: RequestsReport = {
      tz: 'America/New_York',
      requests: [line({}), line({ id: 2, model: 'mystery', priced: false, costUsd: 0.1, tag: 'agent', latencyMs: null }), line({ id: 3, costUsd: 0.2, latencyMs: 65_000 })],
    };
    const text = formatRequestsTable(requests);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Time\s+Provider\s+Model\s+Billing\s+Tag\s+Status\s+Input\s+Cache write\s+Cache read\s+Output\s+Reasoning\s+Cost \(USD\)\s+Latency$/);
    expect(lines[2]).toMatch(/^2025-03-09 01:59:00\s+anthropic\s+claude-sonnet-4\s+api\s+ok\s+5,000\s+300\s+0\s+2,000\s+0\s+\$0\.045\s+1,234 ms$/);
    expect(lines[3]).toContain('$0.100' + UNPRICED_MARK);
    expect(lines[3]).toContain('agent');
    expect(lines[4]).toContain('65.0 s');
    // 0.045 + 0.1 + 0.2 in floats is 0.34500000000000003; the total is summed in nano-dollars.
    expect(lines.find((l) => l.startsWith('3 requests'))).toMatch(/\$0\.345\*$/);
    expect(text).toContain('Times in America/New_York.');
    expect(text).toMatch(/\* includes requests to models with no known price/);
  });

  it('says so when there is nothing to show', () => {
    expect(formatRequestsTable({ tz: 'UTC', requests: [] })).toBe('No requests recorded in this range.');
  });
});

describe('cost columns', () => {
  it('never show a call that cost something as $0.0000, and give every cell the same decimals', () => {
    const text = formatRequestsTable({ tz: 'UTC', requests: [line({ costUsd: 0.00002 }), line({ id: 2, costUsd: 1.5 }), line({ id: 3, costUsd: 0 })] });
    const costs = text
      .split('\n')
      .filter((l) => l.includes('$'))
      .map((l) => /(<?\$[\d,.]+)\*?(\s+[\d,.]+ (ms|s))?$/.exec(l)?.[1]);
    expect(costs).toEqual(['<$0.0001', '$1.5000', '$0.0000', '$1.5000']);
  });
});
