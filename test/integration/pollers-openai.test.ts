import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollProvider } from '../../electron/core/pollers/index.js';
import { dayStart, serveOpenAi, startFakeReportApi, type FakeReportApi, type OpenAiData } from '../support/fake-report-apis.js';
import { fakeClock, OPENAI_ADMIN_KEY, pollDeps, storedFigures, storedRows, usePollLedgers, type FakeClock, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');

let api: FakeReportApi;
let clock: FakeClock;
let ledger: PollLedger;
let data: OpenAiData;

beforeEach(async () => {
  api = await startFakeReportApi();
  clock = fakeClock(NOW);
  ledger = ledgers();
  ledger.setKey('openai', 'admin', OPENAI_ADMIN_KEY);
  data = {
    usage: new Map([
      [
        '2026-11-06',
        [
          { model: 'gpt-5-mini', input_tokens: 1000, input_cached_tokens: 800, output_tokens: 500, num_model_requests: 5 },
          { model: 'gpt-5', input_tokens: 40, input_cached_tokens: 0, output_tokens: 4, num_model_requests: 1 },
        ],
      ],
    ]),
    // 0.1 + 0.2 dollars: exactly $0.30 here, 0.30000000000000004 as floats.
    costs: new Map([
      ['2026-11-06', [0.1, 0.2]],
      ['2026-11-07', [0.06]],
    ]),
  };
  serveOpenAi(api, data, clock.now, 12);
});

afterEach(async () => {
  await api.close();
});

const poll = () => pollProvider(pollDeps(ledger, api, clock), 'openai');

describe('OpenAI organization usage and costs poller', () => {
  it('reads every page with the admin key, splitting cached input out of input_tokens', async () => {
    const outcome = await poll();
    expect(outcome.status).toBe('stored');
    const usageCalls = api.requests.filter((r) => r.path === '/v1/organization/usage/completions');
    // 32 daily buckets at 12 a page.
    expect(usageCalls).toHaveLength(3);
    expect(usageCalls[0]!.headers.authorization).toBe(`Bearer ${OPENAI_ADMIN_KEY}`);
    expect(usageCalls[0]!.query.get('start_time')).toBe(String((dayStart('2026-11-07') - 31 * 86_400_000) / 1000));
    expect(usageCalls[0]!.query.get('bucket_width')).toBe('1d');
    expect(usageCalls[0]!.query.get('group_by')).toBe('model');
    expect(api.requests.filter((r) => r.path === '/v1/organization/costs')).toHaveLength(3);

    expect(storedFigures(ledger.db).filter((r) => r.kind === 'usage')).toEqual([
      expect.objectContaining({ bucket_start: dayStart('2026-11-06'), model: 'gpt-5', input_tokens: 40, cache_read_tokens: 0, output_tokens: 4, requests: 1 }),
      expect.objectContaining({ bucket_start: dayStart('2026-11-06'), model: 'gpt-5-mini', input_tokens: 200, cache_read_tokens: 800, output_tokens: 500, requests: 5 }),
    ]);
  });

  it('sums amount.value dollars exactly, per day', async () => {
    await poll();
    const cost = (day: string) => storedRows(ledger.db).find((r) => r.kind === 'cost' && r.bucket_start === dayStart(day))?.cost_nano;
    expect(cost('2026-11-06')).toBe(300_000_000);
    expect(cost('2026-11-07')).toBe(60_000_000);
    expect(cost('2026-11-01')).toBe(0);
  });

  it('accepts a bucket list named "result" as well as "results"', async () => {
    data.costsListKey = 'result';
    expect((await poll()).status).toBe('stored');
    expect(storedRows(ledger.db).find((r) => r.kind === 'cost' && r.bucket_start === dayStart('2026-11-06'))?.cost_nano).toBe(300_000_000);
  });

  it('re-polling the same range changes nothing; a filling day is replaced', async () => {
    await poll();
    const first = storedFigures(ledger.db);
    clock.advance(61_000);
    await poll();
    expect(storedFigures(ledger.db)).toEqual(first);
    data.costs.set('2026-11-07', [0.06, 1.5]);
    clock.advance(61_000);
    await poll();
    expect(storedRows(ledger.db).filter((r) => r.kind === 'cost' && r.bucket_start === dayStart('2026-11-07')).map((r) => r.cost_nano)).toEqual([1_560_000_000]);
  });

  it('says plainly that an API key is not an admin key', async () => {
    ledger.setKey('openai', 'admin', 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789');
    api.once({ status: 401, body: { error: { message: 'Incorrect API key provided: sk-proj-***6789.', type: 'invalid_request_error' } } });
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'unauthorized' });
    expect(outcome.message).toContain('the key is not an admin key: OpenAI usage reports need an Admin key (sk-admin-…)');
    expect(storedRows(ledger.db)).toEqual([]);
  });

  it('rejects more cached than input tokens as malformed, storing nothing', async () => {
    data.usage.set('2026-11-07', [{ model: 'gpt-5', input_tokens: 1, input_cached_tokens: 2, output_tokens: 0, num_model_requests: 1 }]);
    const outcome = await poll();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'malformed' });
    expect(outcome.message).toContain('more cached input tokens than input tokens');
    expect(storedRows(ledger.db)).toEqual([]);
  });
});
