import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProviders } from '../../electron/core/proxy/upstreams.js';
import { ApiError } from '../../shared/api/contract.js';
import { ACTIVE_INTERVAL_MS, createPollScheduler, IDLE_INTERVAL_MS, keyStoreAccess, type PollScheduler, type Timers } from '../../electron/core/pollers/index.js';
import { readSyncState } from '../../electron/core/pollers/sync-state.js';
import { anthropicCost, anthropicError, serveAnthropic, startFakeReportApi, type AnthropicData, type FakeReportApi } from '../support/fake-report-apis.js';
import { ANTHROPIC_ADMIN_KEY, fakeClock, storedRows, usePollLedgers, type FakeClock, type PollLedger } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
const NOW = Date.parse('2026-11-07T15:30:00Z');

interface FakeTimer {
  fn: () => void;
  ms: number;
}

function fakeTimers(): Timers & { armed(): FakeTimer | null } {
  let current: FakeTimer | null = null;
  return {
    set(fn, ms) {
      current = { fn, ms };
      return current;
    },
    clear(handle) {
      if (handle === current) current = null;
    },
    armed: () => current,
  };
}

let api: FakeReportApi;
let clock: FakeClock;
let ledger: PollLedger;
let timers: ReturnType<typeof fakeTimers>;
let changes: number;
let sleeps: number[];
let scheduler: PollScheduler;
let data: AnthropicData;

beforeEach(async () => {
  api = await startFakeReportApi();
  clock = fakeClock(NOW);
  ledger = ledgers();
  timers = fakeTimers();
  changes = 0;
  sleeps = [];
  data = { usage: new Map(), cost: new Map([['2026-11-07', [anthropicCost('claude-sonnet-4-5', '100')]]]) };
  serveAnthropic(api, data, clock.now);
  scheduler = createPollScheduler({
    db: ledger.db,
    keys: keyStoreAccess(ledger.keys),
    providers: () => resolveProviders({ upstreams: {}, customProviders: [] }, { TOKENTALLY_UPSTREAM_ANTHROPIC: api.url }),
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    timers,
    onChange: () => changes++,
  });
});

afterEach(async () => {
  await scheduler.stop();
  await api.close();
});

describe('poll scheduler', () => {
  it('polls nothing without keys, and says how to add them', async () => {
    scheduler.start();
    expect(timers.armed()).toBeNull();
    expect(await scheduler.runDue()).toEqual([]);
    expect(api.requests).toHaveLength(0);
    const anthropic = scheduler.statuses().find((s) => s.provider === 'anthropic')!;
    expect(anthropic).toMatchObject({ hasKey: false, state: 'no-key', keyKind: 'admin', nextSyncAt: null, lastError: null });
    expect(anthropic.note).toContain('tokentally keys set anthropic --admin');
    expect(scheduler.statuses().map((s) => s.provider)).toEqual(['anthropic', 'openai', 'openrouter', 'deepseek']);
  });

  it('polls a provider with a key at once, then every 5 minutes, every minute while a window is open', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    scheduler.start();
    expect(timers.armed()!.ms).toBe(0);
    const [outcome] = await scheduler.runDue();
    expect(outcome).toMatchObject({ provider: 'anthropic', status: 'stored' });
    expect(changes).toBe(1);
    expect(timers.armed()!.ms).toBe(IDLE_INTERVAL_MS);
    expect(scheduler.statuses()[0]).toMatchObject({ state: 'ok', lastSuccessAt: NOW, nextSyncAt: NOW + IDLE_INTERVAL_MS, lastError: null });
    expect(scheduler.statuses()[0]!.lastStored).toContain('32 days of cost ($1.00)');

    scheduler.setActive(true);
    expect(timers.armed()!.ms).toBe(ACTIVE_INTERVAL_MS);
    clock.advance(30_000);
    expect(await scheduler.runDue()).toEqual([]);
    clock.advance(30_000);
    expect(await scheduler.runDue()).toHaveLength(1);

    scheduler.setActive(false);
    expect(timers.armed()!.ms).toBe(IDLE_INTERVAL_MS);
  });

  it('backs off after a 429 for as long as retry-after says, not a poll sooner', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    scheduler.setActive(true);
    scheduler.start();
    api.once(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '900' }));
    const [outcome] = await scheduler.runDue();
    expect(outcome).toMatchObject({ status: 'failed', kind: 'rate-limited', retryAt: NOW + 900_000 });
    expect(sleeps).toEqual([]);
    expect(timers.armed()!.ms).toBe(600_000);
    expect(scheduler.statuses()[0]).toMatchObject({ state: 'error', nextSyncAt: NOW + 900_000 });
    expect(scheduler.statuses()[0]!.lastError).toContain('rate limiting');

    const calls = api.requests.length;
    clock.advance(ACTIVE_INTERVAL_MS);
    expect(await scheduler.runDue()).toEqual([]);
    clock.advance(899_000 - ACTIVE_INTERVAL_MS);
    expect(await scheduler.runDue()).toEqual([]);
    expect(api.requests).toHaveLength(calls);
    clock.advance(1_000);
    expect(await scheduler.runDue()).toMatchObject([{ status: 'stored' }]);
    expect(readSyncState(ledger.db, 'anthropic')).toMatchObject({ failures: 0, lastError: null });
  });

  it('doubles the wait after repeated failures, up to an hour', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    scheduler.start();
    api.route('/v1/organizations/usage_report/messages', () => anthropicError(500, 'api_error', 'internal', { 'retry-after': '0' }));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await scheduler.runDue();
      const wait = scheduler.statuses()[0]!.nextSyncAt! - clock.now();
      waits.push(wait);
      // The timer wakes at least every 10 minutes and re-plans.
      expect(timers.armed()!.ms).toBe(Math.min(wait, 600_000));
      clock.advance(wait);
    }
    expect(waits).toEqual([5, 10, 20, 40, 60, 60].map((m) => m * 60_000));
    // Each poll retried twice at once (retry-after: 0) before giving up.
    expect(sleeps).toEqual(Array(12).fill(0));
  });

  it('waits an hour after a refused key, unless the keys change', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    scheduler.start();
    api.once(anthropicError(401, 'authentication_error', 'invalid x-api-key'));
    await scheduler.runDue();
    expect(scheduler.statuses()[0]!.nextSyncAt).toBe(NOW + 3600_000);
    scheduler.keysChanged();
    expect(scheduler.statuses()[0]!.nextSyncAt).toBe(NOW + 60_000);
    expect(timers.armed()!.ms).toBe(60_000);
  });

  it('polls now on request, at most once a minute per provider', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    expect(await scheduler.pollNow()).toMatchObject([{ provider: 'anthropic', status: 'stored' }]);
    const calls = api.requests.length;
    clock.advance(10_000);
    expect(await scheduler.pollNow('anthropic')).toMatchObject([{ status: 'skipped' }]);
    expect(api.requests).toHaveLength(calls);
    // Not started: nothing is scheduled.
    expect(scheduler.statuses()[0]!.nextSyncAt).toBeNull();
    await expect(scheduler.pollNow('groq')).rejects.toBeInstanceOf(ApiError);
  });

  it('stop() aborts a poll waiting on retry-after, storing nothing', async () => {
    ledger.setKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY);
    const real = createPollScheduler({
      db: ledger.db,
      keys: keyStoreAccess(ledger.keys),
      providers: () => resolveProviders({ upstreams: {}, customProviders: [] }, { TOKENTALLY_UPSTREAM_ANTHROPIC: api.url }),
      timers,
    });
    api.once(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '25' }));
    const polling = real.pollNow('anthropic');
    while (api.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await real.stop();
    expect(await polling).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(storedRows(ledger.db)).toEqual([]);
  });
});
