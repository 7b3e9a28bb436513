import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollProvider, type PollOutcome } from '../../electron/core/pollers/index.js';
import { readSyncState } from '../../electron/core/pollers/sync-state.js';
import {
  anthropicCost,
  anthropicError,
  anthropicRoutes,
  anthropicUsage,
  dayStart,
  DAY_MS,
  serveAnthropic,
  startFakeReportApi,
  type AnthropicData,
  type FakeReportApi,
} from '../support/fake-report-apis.js';
import { ANTHROPIC_ADMIN_KEY, ANTHROPIC_API_KEY, fakeClock, pollDeps, storedFigures, storedRows, usePollLedgers, type FakeClock, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');
const USAGE = '/v1/organizations/usage_report/messages';
const COST = '/v1/organizations/cost_report';

let api: FakeReportApi;
let clock: FakeClock;
let ledger: PollLedger;
let data: AnthropicData;

beforeEach(async () => {
  api = await startFakeReportApi();
  clock = fakeClock(NOW);
  ledger = ledgers();
  ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
  data = {
    usage: new Map([
      [
        '2026-11-06',
        [
          anthropicUsage('claude-sonnet-4-5', {
            uncached_input_tokens: 1200,
            cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 4000 },
            cache_read_input_tokens: 50_000,
            output_tokens: 800,
          }),
          anthropicUsage('claude-haiku-4-5', { uncached_input_tokens: 10, output_tokens: 5 }),
        ],
      ],
      ['2026-11-07', [anthropicUsage('claude-sonnet-4-5', { uncached_input_tokens: 7, output_tokens: 3 })]],
    ]),
    cost: new Map([
      // Ten results of 0.1 cents: a float sum would give 0.9999999999999999.
      ['2026-11-05', Array.from({ length: 10 }, () => anthropicCost('claude-haiku-4-5', '0.1'))],
      [
        '2026-11-06',
        [anthropicCost('claude-sonnet-4-5', '123.45'), anthropicCost('claude-sonnet-4-5', '0.1'), anthropicCost('claude-sonnet-4-5', '0.2'), anthropicCost(null, '1000')],
      ],
      ['2026-11-07', [anthropicCost('claude-sonnet-4-5', '12.3456789')]],
    ]),
  };
  // 32 daily buckets (31 days back + today) at 10 a page: 4 pages of each report.
  serveAnthropic(api, data, clock.now, 10);
});

afterEach(async () => {
  await api.close();
});

const poll = (sleeps: number[] = []) => pollProvider(pollDeps(ledger, api, clock, sleeps), 'anthropic');

function costOf(day: string, model = ''): number | null | undefined {
  return storedRows(ledger.db, 'anthropic').find((r) => r.kind === 'cost' && r.bucket_start === dayStart(day) && r.model === model)?.cost_nano;
}

function expectStored(outcome: PollOutcome): asserts outcome is Extract<PollOutcome, { status: 'stored' }> {
  if (outcome.status !== 'stored') throw new Error(`expected a stored poll, got ${outcome.status}: ${outcome.message}`);
}

describe('Anthropic Admin API poller', () => {
  it('reads every page of both reports with the admin key and stores usage by day and model', async () => {
    const outcome = await poll();
    expectStored(outcome);

    const usageCalls = api.requests.filter((r) => r.path === USAGE);
    const costCalls = api.requests.filter((r) => r.path === COST);
    expect(usageCalls).toHaveLength(4);
    expect(costCalls).toHaveLength(4);
    for (const call of [...usageCalls, ...costCalls]) {
      expect(call.headers['x-api-key']).toBe(ANTHROPIC_ADMIN_KEY);
      expect(call.headers['anthropic-version']).toBe('2023-06-01');
      expect(call.query.get('starting_at')).toBe('2026-10-07T00:00:00.000Z');
      expect(call.query.get('bucket_width')).toBe('1d');
    }
    expect(usageCalls[0]!.query.getAll('group_by[]')).toEqual(['model']);
    expect(costCalls[0]!.query.getAll('group_by[]')).toEqual(['description']);
    // The first page has no cursor; each next one carries the previous page's next_page.
    expect(usageCalls.map((c) => c.query.get('page'))).toEqual([null, expect.any(String), expect.any(String), expect.any(String)]);
    expect(new Set(usageCalls.map((c) => c.query.get('page'))).size).toBe(4);

    const usage = storedFigures(ledger.db, 'anthropic').filter((r) => r.kind === 'usage');
    expect(usage).toEqual([
      expect.objectContaining({ bucket_start: dayStart('2026-11-06'), bucket_end: dayStart('2026-11-07'), model: 'claude-haiku-4-5', input_tokens: 10, output_tokens: 5 }),
      expect.objectContaining({
        bucket_start: dayStart('2026-11-06'),
        model: 'claude-sonnet-4-5',
        input_tokens: 1200,
        cache_write_5m_tokens: 300,
        cache_write_1h_tokens: 4000,
        cache_read_tokens: 50_000,
        output_tokens: 800,
        requests: null,
        cost_nano: null,
      }),
      expect.objectContaining({ bucket_start: dayStart('2026-11-07'), model: 'claude-sonnet-4-5', input_tokens: 7, output_tokens: 3 }),
    ]);
    expect(outcome.stored.usageDays).toBe(32);
    expect(outcome.stored.costDays).toHaveLength(32);
    expect(outcome.message).toMatch(/^32 days of usage \(3 rows\), 32 days of cost \(\$11\.3\d+\)/);
  });

  it('parses cost amounts as decimal cents exactly: "123.45" is $1.2345, summed without floats', async () => {
    expectStored(await poll());
    // 123.45 + 0.1 + 0.2 cents = $1.2375.
    expect(costOf('2026-11-06', 'claude-sonnet-4-5')).toBe(1_237_500_000);
    // Results without a model (e.g. web search) are kept under ''.
    expect(costOf('2026-11-06', '')).toBe(10_000_000_000);
    expect(costOf('2026-11-05', 'claude-haiku-4-5')).toBe(10_000_000);
    expect(costOf('2026-11-07', 'claude-sonnet-4-5')).toBe(123_456_789);
    // A day the provider reported as empty is stored as $0, not left out.
    expect(costOf('2026-10-20', '')).toBe(0);
    expect(costOf('2026-10-06', '')).toBeUndefined();
  });

  it('replaces a bucket still filling when it is polled again, never adds to it', async () => {
    expectStored(await poll());
    const before = storedRows(ledger.db, 'anthropic').length;
    data.cost.set('2026-11-07', [anthropicCost('claude-sonnet-4-5', '250'), anthropicCost('claude-opus-4-1', '100')]);
    data.usage.set('2026-11-07', [anthropicUsage('claude-sonnet-4-5', { uncached_input_tokens: 70, output_tokens: 30 })]);
    clock.advance(5 * 60_000);

    expectStored(await poll());
    expect(costOf('2026-11-07', 'claude-sonnet-4-5')).toBe(2_500_000_000);
    expect(costOf('2026-11-07', 'claude-opus-4-1')).toBe(1_000_000_000);
    const today = storedRows(ledger.db, 'anthropic').filter((r) => r.kind === 'usage' && r.bucket_start === dayStart('2026-11-07'));
    expect(today).toEqual([expect.objectContaining({ input_tokens: 70, output_tokens: 30, fetched_at: NOW + 5 * 60_000 })]);
    expect(storedRows(ledger.db, 'anthropic')).toHaveLength(before + 1);
  });

  it('stores exactly the same figures when the same range is polled twice', async () => {
    expectStored(await poll());
    const first = storedFigures(ledger.db);
    clock.advance(61_000);
    expectStored(await poll());
    expect(storedFigures(ledger.db)).toEqual(first);
    // The second poll reads from the day before the last success: late data lands there.
    expect(api.requests.at(-1)!.query.get('starting_at')).toBe('2026-11-06T00:00:00.000Z');
  });

  it('polls at most once a minute, even when asked again', async () => {
    expectStored(await poll());
    const calls = api.requests.length;
    clock.advance(30_000);
    const again = await poll();
    expect(again).toMatchObject({ status: 'skipped', nextAllowedAt: NOW + 60_000 });
    expect(again.message).toContain('at most once a minute');
    expect(api.requests).toHaveLength(calls);
  });

  it('says plainly when the stored key is not an admin key (401), and stores nothing', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_API_KEY);
    api.once(anthropicError(401, 'authentication_error', `invalid x-api-key ${ANTHROPIC_API_KEY}`));
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'unauthorized' });
    expect(outcome.message).toContain('the key is not an admin key');
    expect(outcome.message).toContain('individual accounts have no usage API — it needs an organization admin key');
    expect(outcome.message).not.toContain(ANTHROPIC_API_KEY);
    expect(storedRows(ledger.db)).toEqual([]);
    expect(readSyncState(ledger.db, 'anthropic')).toMatchObject({ lastError: outcome.message, failures: 1, lastSuccessAt: null, lastAttemptAt: NOW });
  });

  it('explains a 403 on an admin key as an account without the usage API', async () => {
    api.once(anthropicError(403, 'permission_error', 'not allowed'));
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'forbidden' });
    expect(outcome.message).toBe('the Admin key may not read usage reports: individual accounts have no usage API — it needs an organization admin key');
  });

  it('says how to add the key when none is stored', async () => {
    ledger.keys.remove('anthropic', 'admin');
    const outcome = await poll();
    expect(outcome.status).toBe('no-key');
    expect(outcome.message).toContain('tokentally keys set anthropic --admin');
    expect(api.requests).toHaveLength(0);
  });

  it('waits as long as retry-after asks on a 429, then carries on', async () => {
    api.once(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' }));
    const sleeps: number[] = [];
    expectStored(await poll(sleeps));
    expect(sleeps).toEqual([7000]);
    expect(api.requests[1]!.query.get('page')).toBeNull();
  });

  it('gives up on a long retry-after with the time to try again, keeping earlier data', async () => {
    expectStored(await poll());
    const before = storedFigures(ledger.db);
    clock.advance(2 * 60_000);
    // The usage report succeeds; the cost report is rate limited for 15 minutes.
    api.route(COST, () => anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '900' }));
    data.usage.set('2026-11-07', [anthropicUsage('claude-sonnet-4-5', { uncached_input_tokens: 999 })]);
    const sleeps: number[] = [];
    const outcome = await poll(sleeps);
    expect(outcome).toMatchObject({ status: 'failed', kind: 'rate-limited', retryAt: NOW + 2 * 60_000 + 900_000 });
    expect(outcome.message).toContain('rate limiting');
    expect(sleeps).toEqual([]);
    // The usage page read before the failure was not stored either: one poll, one transaction.
    expect(storedFigures(ledger.db)).toEqual(before);
  });

  it('retries a 5xx without retry-after after 2 s and 4 s, then reports it', async () => {
    api.route(USAGE, () => anthropicError(529, 'overloaded_error', 'Overloaded'));
    const sleeps: number[] = [];
    const outcome = await poll(sleeps);
    expect(sleeps).toEqual([2000, 4000]);
    expect(outcome).toMatchObject({ status: 'failed', kind: 'server', retryAt: NOW + 6000 + 8000 });
    expect(outcome.message).toContain('HTTP 529');
  });

  describe('a malformed answer is reported, stores nothing and loses nothing', () => {
    const cases: [string, (page: unknown) => unknown][] = [
      ['an amount that is not a decimal', (page) => withFirstResult(page, { amount: '12,5' })],
      ['data that is not a list', (page) => ({ ...(page as object), data: 'oops' })],
      ['has_more without a cursor', (page) => ({ ...(page as object), has_more: true, next_page: null })],
      ['a bucket without its times', (page) => withFirstBucket(page, { starting_at: 'yesterday' })],
      ['a cost in another currency', (page) => withFirstResult(page, { currency: 'EUR' })],
    ];
    for (const [name, spoil] of cases) {
      it(name, async () => {
        expectStored(await poll());
        const before = storedFigures(ledger.db);
        const state = readSyncState(ledger.db, 'anthropic');
        clock.advance(2 * 60_000);
        data.cost.set('2026-11-07', [anthropicCost('claude-sonnet-4-5', '500')]);
        const good = anthropicRoutes(data, clock.now, 10).cost;
        api.route(COST, (req) => {
          const reply = good(req);
          return { ...reply, body: spoil(reply.body) };
        });
        const outcome = await poll();
        expect(outcome).toMatchObject({ status: 'failed', kind: 'malformed' });
        expect(outcome.message).toMatch(/^Anthropic sent a cost report Tokentally cannot read \(.+\); nothing was stored$/);
        expect(storedFigures(ledger.db)).toEqual(before);
        expect(readSyncState(ledger.db, 'anthropic')).toMatchObject({ lastSuccessAt: state!.lastSuccessAt, lastError: outcome.message });
      });
    }
  });

  it('answers that are not JSON at all are malformed too', async () => {
    api.once({ status: 200, body: '<html>gateway</html>' });
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'malformed' });
    expect(outcome.message).toBe('Anthropic answered with something that is not JSON; nothing was stored');
  });

  it('reads the report windows in UTC days whatever the clock time', async () => {
    clock.set(Date.parse('2026-11-07T00:00:30Z'));
    expectStored(await poll());
    expect(api.requests[0]!.query.get('starting_at')).toBe(new Date(dayStart('2026-11-07') - 31 * DAY_MS).toISOString());
  });
});

function withFirstResult(page: unknown, patch: Record<string, unknown>): unknown {
  const p = page as { data: { results: Record<string, unknown>[] }[] };
  const bucket = p.data.find((b) => b.results.length > 0);
  if (bucket) bucket.results[0] = { ...bucket.results[0], ...patch };
  return page;
}

function withFirstBucket(page: unknown, patch: Record<string, unknown>): unknown {
  const p = page as { data: Record<string, unknown>[] };
  p.data[0] = { ...p.data[0], ...patch };
  return page;
}
