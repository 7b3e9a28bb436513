/**
 * Plan windows end to end: Claude Code's kind of call (the real @anthropic-ai/sdk with an OAuth
 * bearer token) through the proxy the core runs, to a fake Anthropic that answers subscription
 * calls with the unified rate-limit headers. Once the call has returned, the glance summary,
 * `tokentally windows --json` and the tray's text must show the window; a 429 of a used-up window
 * ranks it first and notifies once. API-key calls carry no such headers and change nothing.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { WindowsReport } from '../../shared/api/contract-windows.js';
import { trayText } from '../../shared/glance/tray-text.js';
import { formatResetClock } from '../../shared/windows/format-window.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { ANTHROPIC_MESSAGE_BODY, ANTHROPIC_RATE_LIMIT_BODY } from '../fixtures/wire/anthropic.js';
import { ORG_A } from '../fixtures/wire/anthropic-unified.js';
import { startFakeProvider, type FakeProvider, type SeenRequest } from '../support/fake-providers.js';
import { RESET_CLOCK } from '../support/reset-clock-pattern.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const OAUTH_TOKEN = 'sk-ant-oat01-subscriber-token-0123456789';
const API_KEY = 'sk-ant-api03-client-key-0123456789';
const MIN = 60_000;
const ask = { model: 'claude-haiku-4-5', max_tokens: 600, messages: [{ role: 'user' as const, content: 'Bonjour' }] };

let core: Core | null = null;
let fake: FakeProvider | null = null;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  core = fake = null;
});

/** The windows the fake account is at: what the unified headers say. */
interface AccountState {
  fiveHour: number;
  weekly: number;
  /** Epoch seconds. */
  fiveHourReset: number;
  weeklyReset: number;
  rejected: boolean;
}

const isOAuth = (req: SeenRequest) => /^bearer sk-ant-oat/i.test(String(req.headers.authorization ?? ''));

function unifiedHeaders(s: AccountState): Record<string, string> {
  return {
    'anthropic-organization-id': ORG_A,
    'anthropic-ratelimit-unified-status': s.rejected ? 'rejected' : 'allowed',
    'anthropic-ratelimit-unified-5h-status': s.rejected ? 'rejected' : 'allowed',
    'anthropic-ratelimit-unified-5h-utilization': String(s.fiveHour),
    'anthropic-ratelimit-unified-5h-reset': String(s.fiveHourReset),
    'anthropic-ratelimit-unified-7d-status': 'allowed',
    'anthropic-ratelimit-unified-7d-utilization': String(s.weekly),
    'anthropic-ratelimit-unified-7d-reset': String(s.weeklyReset),
    'anthropic-ratelimit-unified-representative-claim': 'five_hour',
    'anthropic-ratelimit-unified-reset': String(s.fiveHourReset),
  };
}

/** A fake Anthropic whose subscription answers carry the account's windows. */
async function fakeAnthropic(state: AccountState): Promise<FakeProvider> {
  const f = await startFakeProvider('anthropic');
  let n = 0;
  f.script((req) => {
    n++;
    const base = { 'content-type': 'application/json', 'request-id': `req_windows_${n}` };
    if (!isOAuth(req)) return { headers: base, body: ANTHROPIC_MESSAGE_BODY };
    if (state.rejected) return { status: 429, headers: { ...base, 'x-should-retry': 'false', 'retry-after': '3600', ...unifiedHeaders(state) }, body: ANTHROPIC_RATE_LIMIT_BODY };
    return { headers: { ...base, ...unifiedHeaders(state) }, body: ANTHROPIC_MESSAGE_BODY };
  });
  return f;
}

async function startWithFake(state: AccountState): Promise<{ core: Core; dataDir: string; events: ApiEvent[] }> {
  fake = await fakeAnthropic(state);
  const dataDir = tempDir();
  core = await startCore({ dataDir, mode: 'headless', port: 0, env: { TOKENTALLY_UPSTREAM_ANTHROPIC: fake.url, TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' } });
  await core.api.updateSettings({ timezone: 'UTC' });
  await core.api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 100_000_000_000, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 80, 100] });
  const events: ApiEvent[] = [];
  core.onEvent((e) => events.push(e));
  return { core, dataDir, events };
}

const subscriber = (c: Core) => new Anthropic({ baseURL: `${c.urls.proxy}/anthropic`, apiKey: null, authToken: OAUTH_TOKEN, maxRetries: 0 });

/** The proxied call has returned; its window snapshot is stored off the response path within a few ms. */
async function windowsStored(events: ApiEvent[], count: number): Promise<void> {
  await expect.poll(() => events.filter((e) => e.type === 'windows-changed').length, { timeout: 2_000 }).toBeGreaterThanOrEqual(count);
}

async function windowsJson(dataDir: string): Promise<WindowsReport> {
  const run = await runCliCaptured(['windows', '--json', '--data-dir', dataDir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as WindowsReport;
}

describe('plan windows from the proxy', () => {
  it('a subscription call: the glance summary, `windows --json` and the tray show the 5-hour window as the tightest constraint', async () => {
    const t0 = Date.now();
    // Window opened 2 h 20 min ago, resets in 2 h 40 min; 84% used: at this pace used up before it resets.
    const state: AccountState = { fiveHour: 0.84, weekly: 0.3, fiveHourReset: Math.floor((t0 + 160 * MIN) / 1000), weeklyReset: Math.floor((t0 + 3 * 1440 * MIN) / 1000), rejected: false };
    const { core: c, dataDir, events } = await startWithFake(state);

    const { response } = await subscriber(c).messages.create(ask).withResponse();
    // Passed through untouched.
    expect(response.headers.get('anthropic-ratelimit-unified-5h-utilization')).toBe('0.84');
    await windowsStored(events, 1);

    const summary = await c.api.getSummary();
    const five = summary.windows!.find((w) => w.window === '5h')!;
    expect(five).toMatchObject({
      provider: 'anthropic',
      account: ORG_A,
      accountLabel: 'Claude',
      label: '5-hour',
      source: 'proxy',
      used: 0.84,
      resetsAt: new Date(state.fiveHourReset * 1000).toISOString(),
      windowMinutes: 300,
      status: 'allowed',
      overallStatus: 'allowed',
      binding: true,
      stale: false,
      blocked: false,
    });
    expect(five.ageMs).toBeLessThan(10_000);
    expect(five.projection.runsOutBeforeReset).toBe(true);
    // Opened at reset − 5 h; 84% in the time since: used up at open + elapsed / 0.84.
    const opened = state.fiveHourReset * 1000 - 300 * MIN;
    const observed = Date.parse(five.observedAt);
    expect(Date.parse(five.projection.exhaustsAt!)).toBeCloseTo(opened + (observed - opened) / 0.84, -1);
    expect(summary.windows!.find((w) => w.window === '7d')).toMatchObject({ used: 0.3, binding: false, projection: { runsOutBeforeReset: false } });

    expect(summary.runway!.map((r) => r.key)).toEqual([`window:anthropic:${ORG_A}:5h`, `window:anthropic:${ORG_A}:7d`, 'budget:overall']);
    const title = `5h 84% · resets ${formatResetClock(state.fiveHourReset * 1000, summary.now, 'UTC')}`;
    expect(summary.runway![0]!.short).toBe(title);

    const tray = trayText(summary);
    expect(tray.title).toBe(title);
    expect(tray.state).toBe('warn');
    expect(tray.tooltip.split('\n').slice(0, 3)).toEqual(['Tokentally', `Claude 5-hour 84% · resets ${formatResetClock(state.fiveHourReset * 1000, summary.now, 'UTC')} (just now)`, expect.stringMatching(/^Claude Weekly 30% · resets \w{3} \d\d:\d\d \(just now\)$/)]);

    const report = await windowsJson(dataDir);
    expect(report.windows.map((w) => [w.window, w.source, w.account, w.used, w.resetsAt, w.status, w.stale, w.projection.runsOutBeforeReset])).toEqual([
      ['5h', 'proxy', ORG_A, 0.84, new Date(state.fiveHourReset * 1000).toISOString(), 'allowed', false, true],
      ['7d', 'proxy', ORG_A, 0.3, new Date(state.weeklyReset * 1000).toISOString(), 'allowed', false, false],
    ]);
    expect(report.runway[0]).toMatchObject({ kind: 'window', short: title, runsOutBeforeReset: true, blocked: false });

    // 84% crossed the 50% and 75% thresholds: one notification, for the higher.
    const alerts = events.filter((e): e is Extract<ApiEvent, { type: 'window-alert' }> => e.type === 'window-alert');
    expect(alerts.map((a) => a.message)).toEqual([`Claude 5-hour window 84% used (75% alert) · resets ${formatResetClock(state.fiveHourReset * 1000, Date.now(), 'UTC')}`]);

    // The ledger row of the call is subscription usage, as before.
    await expect.poll(async () => (await c.api.listUsage({})).records.map((r) => [r.billing, r.source]), { timeout: 2_000 }).toEqual([['subscription', 'proxy']]);
  });

  it('a 429 of a used-up window: blocked, first on the runway, notified once', async () => {
    const t0 = Date.now();
    const state: AccountState = { fiveHour: 0.6, weekly: 0.95, fiveHourReset: Math.floor((t0 + 60 * MIN) / 1000), weeklyReset: Math.floor((t0 + 2 * 1440 * MIN) / 1000), rejected: false };
    const { core: c, dataDir, events } = await startWithFake(state);
    await subscriber(c).messages.create(ask);
    await windowsStored(events, 1);

    state.fiveHour = 1;
    state.rejected = true;
    await expect(subscriber(c).messages.create(ask)).rejects.toMatchObject({ status: 429 });
    await windowsStored(events, 2);
    await expect(subscriber(c).messages.create(ask)).rejects.toMatchObject({ status: 429 });
    await windowsStored(events, 3);

    const summary = await c.api.getSummary();
    expect(summary.runway![0]).toMatchObject({ key: `window:anthropic:${ORG_A}:5h`, blocked: true, used: 1 });
    const tray = trayText(summary);
    expect(tray.title).toBe(`5h used up · resets ${formatResetClock(state.fiveHourReset * 1000, summary.now, 'UTC')}`);
    expect(tray.state).toBe('over');
    expect((await windowsJson(dataDir)).windows.find((w) => w.window === '5h')).toMatchObject({ blocked: true, status: 'rejected', stale: false });

    const messages = () => events.flatMap((e) => (e.type === 'window-alert' ? [e.message] : []));
    // 60%: the 50% alert; the weekly at 95%: its 90% alert; the refusal: once, however many 429s
    // (the check runs at most once a second).
    await expect.poll(() => messages().length, { timeout: 3_000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(messages()).toEqual([
      expect.stringMatching(/^Claude (5-hour window 60% used \(50% alert\)|Weekly window 95% used \(90% alert\))/),
      expect.stringMatching(/^Claude (5-hour window 60% used \(50% alert\)|Weekly window 95% used \(90% alert\))/),
      expect.stringMatching(new RegExp(`^Claude 5-hour limit reached: calls are refused until it resets · resets ${RESET_CLOCK}$`)),
    ]);
  });

  it('API-key calls carry no window headers: nothing is stored, the tray speaks dollars', async () => {
    const state: AccountState = { fiveHour: 0.5, weekly: 0.5, fiveHourReset: Math.floor(Date.now() / 1000) + 3600, weeklyReset: Math.floor(Date.now() / 1000) + 86_400, rejected: false };
    const { core: c, dataDir } = await startWithFake(state);
    const client = new Anthropic({ baseURL: `${c.urls.proxy}/anthropic`, apiKey: API_KEY, maxRetries: 0 });
    await client.messages.create(ask);
    await expect.poll(async () => (await c.api.listUsage({})).total, { timeout: 2_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    const summary = await c.api.getSummary();
    expect(summary.windows).toEqual([]);
    expect(summary.runway!.map((r) => r.key)).toEqual(['budget:overall']);
    expect(trayText(summary).title).toMatch(/^\$[\d.]+ left · \$[\d.]+ today$/);
    expect((await windowsJson(dataDir)).windows).toEqual([]);
    const text = await runCliCaptured(['windows', '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/^No plan windows seen yet/);
  });
});
