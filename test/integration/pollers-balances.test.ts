import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBalances, pollProvider } from '../../electron/core/pollers/index.js';
import { startFakeReportApi, type FakeReportApi, type Reply, type SeenRequest } from '../support/fake-report-apis.js';
import { DEEPSEEK_KEY, fakeClock, OPENROUTER_KEY, pollDeps, storedRows, usePollLedgers, type FakeClock, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');
const MANAGEMENT_KEY = `sk-or-v1-${'f'.repeat(64)}`;

let api: FakeReportApi;
let clock: FakeClock;
let ledger: PollLedger;

beforeEach(async () => {
  api = await startFakeReportApi();
  clock = fakeClock(NOW);
  ledger = ledgers();
});

afterEach(async () => {
  await api.close();
});

const bearer = (req: SeenRequest) => String(req.headers.authorization ?? '').replace(/^Bearer /, '');

function serveOpenRouter(): void {
  api.route('/v1/key', (req) =>
    bearer(req)
      ? {
          body: {
            data: {
              label: 'sk-or-v1-abc...xyz',
              usage: 25.5,
              usage_daily: 0.1,
              usage_weekly: 3,
              usage_monthly: 12.2,
              limit: 100,
              limit_remaining: 74.5,
              limit_reset: 'monthly',
              is_free_tier: false,
            },
          },
        }
      : { status: 401, body: { error: { message: 'No auth credentials found', code: 401 } } },
  );
  // Credits need a management key.
  api.route('/v1/credits', (req): Reply =>
    bearer(req) === MANAGEMENT_KEY
      ? { body: { data: { total_credits: 100.5, total_usage: 25.75 } } }
      : { status: 403, body: { error: { message: 'Only management keys can fetch credits', code: 403 } } },
  );
}

describe('OpenRouter poller', () => {
  it("stores the key's usage and limit; without a management key the credits are a note, not a failure", async () => {
    ledger.setKey('openrouter', 'api', OPENROUTER_KEY);
    serveOpenRouter();
    const outcome = await pollProvider(pollDeps(ledger, api, clock), 'openrouter');
    expect(outcome.status).toBe('stored');
    expect(outcome.message).toContain("the account's credits need an OpenRouter management key");
    expect(api.requests.map((r) => [r.path, bearer(r)])).toEqual([
      ['/v1/key', OPENROUTER_KEY],
      ['/v1/credits', OPENROUTER_KEY],
    ]);
    expect(listBalances(ledger.db)).toEqual([
      {
        provider: 'openrouter',
        currency: 'USD',
        // Without the account's credits, what is left of the key's limit.
        remainingNano: 74_500_000_000,
        creditsTotalNano: null,
        creditsUsedNano: null,
        grantedNano: null,
        toppedUpNano: null,
        keyLimitNano: 100_000_000_000,
        keyLimitRemainingNano: 74_500_000_000,
        keyUsageNano: 25_500_000_000,
        keyUsageDailyNano: 100_000_000,
        keyUsageMonthlyNano: 12_200_000_000,
        available: null,
        fetchedAt: NOW,
      },
    ]);
    // A balance, not a cost report: one key's spend is not the account's.
    expect(storedRows(ledger.db)).toEqual([]);
  });

  it("reads the account's credits with a management key: credits left = bought − used, exactly", async () => {
    ledger.setKey('openrouter', 'api', OPENROUTER_KEY);
    ledger.setKey('openrouter', 'admin', MANAGEMENT_KEY);
    serveOpenRouter();
    expect((await pollProvider(pollDeps(ledger, api, clock), 'openrouter')).status).toBe('stored');
    expect(bearer(api.requests[1]!)).toBe(MANAGEMENT_KEY);
    expect(listBalances(ledger.db)[0]).toMatchObject({ remainingNano: 74_750_000_000, creditsTotalNano: 100_500_000_000, creditsUsedNano: 25_750_000_000 });
  });

  it('an unlimited key has no limit, and a refused key says so', async () => {
    ledger.setKey('openrouter', 'api', OPENROUTER_KEY);
    api.route('/v1/key', () => ({ body: { data: { usage: 1, usage_daily: 0, usage_monthly: 1, limit: null, limit_remaining: null } } }));
    api.route('/v1/credits', () => ({ status: 403, body: { error: { message: 'management key required' } } }));
    await pollProvider(pollDeps(ledger, api, clock), 'openrouter');
    expect(listBalances(ledger.db)[0]).toMatchObject({ remainingNano: null, keyLimitNano: null, keyLimitRemainingNano: null, keyUsageNano: 1_000_000_000 });

    clock.advance(61_000);
    api.route('/v1/key', () => ({ status: 401, body: { error: { message: 'User not found.', code: 401 } } }));
    const refused = await pollProvider(pollDeps(ledger, api, clock), 'openrouter');
    expect(refused).toMatchObject({ status: 'failed', kind: 'unauthorized' });
    expect(refused.message).toContain('OpenRouter refused the key: it was revoked or mistyped');
    // The balance from before is kept.
    expect(listBalances(ledger.db)[0]).toMatchObject({ keyUsageNano: 1_000_000_000, fetchedAt: NOW });
  });
});

describe('DeepSeek poller', () => {
  it('stores the balance of each currency, exactly, and replaces them on the next poll', async () => {
    ledger.setKey('deepseek', 'api', DEEPSEEK_KEY);
    let infos = [
      { currency: 'CNY', total_balance: '110.00', granted_balance: '10.00', topped_up_balance: '100.00' },
      { currency: 'USD', total_balance: '0.30', granted_balance: '0.10', topped_up_balance: '0.20' },
    ];
    api.route('/user/balance', (req) => (bearer(req) === DEEPSEEK_KEY ? { body: { is_available: true, balance_infos: infos } } : { status: 401, body: {} }));
    const outcome = await pollProvider(pollDeps(ledger, api, clock), 'deepseek');
    expect(outcome.status).toBe('stored');
    expect(outcome.message).toBe('balance 110.00 CNY, balance $0.30');
    expect(listBalances(ledger.db).map((b) => [b.currency, b.remainingNano, b.grantedNano, b.toppedUpNano, b.available])).toEqual([
      ['CNY', 110_000_000_000, 10_000_000_000, 100_000_000_000, true],
      ['USD', 300_000_000, 100_000_000, 200_000_000, true],
    ]);

    infos = [{ currency: 'USD', total_balance: '0.25', granted_balance: '0.05', topped_up_balance: '0.20' }];
    clock.advance(61_000);
    await pollProvider(pollDeps(ledger, api, clock), 'deepseek');
    expect(listBalances(ledger.db).map((b) => [b.currency, b.remainingNano])).toEqual([['USD', 250_000_000]]);
  });

  it('a malformed balance stores nothing and keeps the last one', async () => {
    ledger.setKey('deepseek', 'api', DEEPSEEK_KEY);
    api.route('/user/balance', () => ({ body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '5.00' }] } }));
    await pollProvider(pollDeps(ledger, api, clock), 'deepseek');
    clock.advance(61_000);
    api.route('/user/balance', () => ({ body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: 'lots' }] } }));
    const outcome = await pollProvider(pollDeps(ledger, api, clock), 'deepseek');
    expect(outcome).toMatchObject({ status: 'failed', kind: 'malformed' });
    expect(outcome.message).toContain('balance_infos[0].total_balance');
    expect(listBalances(ledger.db).map((b) => b.remainingNano)).toEqual([5_000_000_000]);
  });
});
