/**
 * The reconciliation that explains the gap (issue 14.6): Anthropic's cost report, read by the real
 * poller from a fake Admin API, beside the proxy's rows, per UTC day, model and kind of cost. One day
 * has a gap in web search only; another a model the proxy never saw (and code execution, which is
 * never priced per call). Both of Anthropic's cost reports are read: the current Analytics one where
 * it answers, the Admin cost report where it does not. Amounts by hand: Claude Haiku 4.5 at
 * $1 / $5 per MTok, web search $10 per 1,000; report amounts are cents as decimal strings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { pollProvider } from '../../electron/core/pollers/index.js';
import { gapsByKind } from '../../electron/core/reconcile/gaps-by-kind.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { anthropicRoutes, anthropicUsage, startFakeReportApi, type AnthropicCostResult, type FakeReportApi } from '../support/fake-report-apis.js';
import { ANTHROPIC_ADMIN_KEY, fakeClock, pollDeps, usePollLedgers, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');
const USD = 1_000_000_000;
const usd = (x: number) => Math.round(x * USD);

const line = (model: string | null, costType: string, cents: string, contextWindow: string | null = null): AnthropicCostResult & { context_window: string | null } => ({
  amount: cents,
  currency: 'USD',
  model,
  description: model ? `${model} ${costType}` : costType,
  cost_type: costType,
  token_type: costType === 'tokens' ? 'output_tokens' : null,
  context_window: contextWindow,
});

// Day 1: two Haiku calls, 1,000 in / 500 out and one search each: tokens 2 × $0.0035, searches 2 × $0.01.
// The bill: the same tokens (0.7 cents) and five searches (5 cents): the gap is $0.03 of web search.
// Day 2: one Haiku call ($0.0035 = 0.35 cents), billed so; plus Opus 4.8 for $1.20 the proxy never saw,
// and 5 cents of code execution.
const COST = new Map([
  ['2026-11-05', [line('claude-haiku-4-5-20251001', 'tokens', '0.7', '0-200k'), line(null, 'web_search', '5')]],
  ['2026-11-06', [line('claude-haiku-4-5-20251001', 'tokens', '0.35', '0-200k'), line('claude-opus-4-8', 'tokens', '120', '0-200k'), line(null, 'code_execution', '5')]],
]);

let api: FakeReportApi;
let ledger: PollLedger;

beforeEach(async () => {
  api = await startFakeReportApi();
  ledger = ledgers();
  ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
  const call = (iso: string) => pricedRecord({ time: Date.parse(iso), model: 'claude-haiku-4-5-20251001', tokens: { inputTokens: 1000, outputTokens: 500, webSearchRequests: 1 } });
  insertUsage(ledger.db, [call('2026-11-05T09:00:00Z'), call('2026-11-05T10:00:00Z'), { ...call('2026-11-06T09:00:00Z'), webSearchRequests: 0, costNano: usd(0.0035) }]);
});
afterEach(async () => {
  await api.close();
});

function expectTheGaps(): void {
  const [day1, day2] = gapsByKind(ledger.db, { provider: 'anthropic', since: '2026-11-05', until: '2026-11-06' });
  expect(day1).toMatchObject({ day: '2026-11-05', reportedNano: usd(0.057), loggedNano: usd(0.027), gapNano: usd(0.03) });
  expect(day1!.lines.map((l) => [l.model, l.kind, l.gapNano])).toEqual([
    ['', 'web_search', usd(0.03)],
    ['claude-haiku-4-5', 'tokens', 0],
  ]);
  expect(day1!.causes).toEqual(['$0.03 more web search billed than the proxy logged']);

  expect(day2).toMatchObject({ day: '2026-11-06', gapNano: usd(1.25) });
  expect(day2!.lines.find((l) => l.model === 'claude-opus-4-8')).toMatchObject({ kind: 'tokens', reportedNano: usd(1.2), loggedNano: 0, modelUnseen: true });
  expect(day2!.causes).toEqual([
    '$1.20 for claude-opus-4-8, a model the proxy never saw that day (tokens)',
    '$0.05 of code execution: billed by container time with a daily free allowance, never per call',
  ]);
}

describe('reconciliation by kind of cost', () => {
  it('from the Admin cost report (grouped by description) when the Analytics report does not answer', async () => {
    const routes = anthropicRoutes({ usage: new Map([['2026-11-05', [anthropicUsage('claude-haiku-4-5')]]]), cost: COST }, () => NOW);
    api.route('/v1/organizations/usage_report/messages', routes.usage);
    api.route('/v1/organizations/cost_report', routes.cost);
    const outcome = await pollProvider(pollDeps(ledger, api, fakeClock(NOW)), 'anthropic');
    expect(outcome.status).toBe('stored');
    // The current report was asked first, and refused (not an Enterprise organization here).
    const paths = api.requests.map((r) => r.path);
    expect(paths).toContain('/v1/organizations/analytics/cost_report');
    expect(paths).toContain('/v1/organizations/cost_report');
    expect(api.requests.find((r) => r.path === '/v1/organizations/cost_report')!.query.getAll('group_by[]')).toEqual(['description']);
    expectTheGaps();

    // The same through the CLI, in words and as JSON.
    const text = await runCliCaptured(['report', 'reconcile', '--by-kind', 'anthropic', '--since', '2026-11-05', '--until', '2026-11-06', '--data-dir', ledger.dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2026-11-05  reported $0.06, proxy $0.03, gap +$0.03');
    expect(text.stdout).toContain('  - $1.20 for claude-opus-4-8, a model the proxy never saw that day (tokens)');
    const json = await runCliCaptured(['report', 'reconcile', '--by-kind', 'anthropic', '--since', '2026-11-05', '--until', '2026-11-06', '--json', '--data-dir', ledger.dir]);
    expect(JSON.parse(json.stdout).days[0]).toMatchObject({ day: '2026-11-05', gapUsd: 0.03, causes: ['$0.03 more web search billed than the proxy logged'] });
  });

  it('from the current Analytics cost report (beta header, grouped by model, cost type and context window) when it answers', async () => {
    const routes = anthropicRoutes({ usage: new Map(), cost: COST }, () => NOW);
    api.route('/v1/organizations/usage_report/messages', routes.usage);
    api.route('/v1/organizations/analytics/cost_report', routes.cost);
    const outcome = await pollProvider(pollDeps(ledger, api, fakeClock(NOW)), 'anthropic');
    expect(outcome.status).toBe('stored');
    const analytics = api.requests.find((r) => r.path === '/v1/organizations/analytics/cost_report')!;
    expect(analytics.headers['anthropic-beta']).toBe('analytics-usage-cost-2026-08-24');
    expect(analytics.query.getAll('group_by[]')).toEqual(['model', 'cost_type', 'context_window']);
    expect(api.requests.some((r) => r.path === '/v1/organizations/cost_report')).toBe(false);
    expectTheGaps();
  });

  it('a long-context line is its own kind', () => {
    ledger.db
      .prepare(
        `INSERT INTO provider_cost_lines (provider, bucket_start, bucket_end, model, cost_type, context_window, token_type, cost_nano, fetched_at)
         VALUES ('anthropic', ?, ?, 'claude-sonnet-4-0', 'tokens', '200k-1M', 'uncached_input_tokens', ?, ?)`,
      )
      .run(Date.parse('2026-11-04T00:00:00Z'), Date.parse('2026-11-05T00:00:00Z'), usd(1.8), NOW);
    const [day] = gapsByKind(ledger.db, { provider: 'anthropic', since: '2026-11-04', until: '2026-11-04' });
    expect(day!.lines).toEqual([expect.objectContaining({ model: 'claude-sonnet-4-0', kind: 'long_context', gapNano: usd(1.8), modelUnseen: true })]);
  });
});
