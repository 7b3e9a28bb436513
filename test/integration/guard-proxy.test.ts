/**
 * The runaway-loop guard through the proxy the core runs (startCore, as the app and `serve` do), with
 * the official SDKs against fake providers. A tag with auto-pause on that sends the same request
 * again and again is paused: its next calls are refused in the provider's error shape with a 403
 * marked not to be retried, saying why and how to resume. Each SDK's HTTP attempts are counted
 * (its own `fetch`), with the requests reaching the fake upstream and the refused calls in the
 * ledger: one attempt per call, none retried. Other tags pass; the pause survives a restart;
 * `tokentally guard resume` (another process's write to the ledger) and the API let it through
 * again. A tag spending above the floor is paused the same way (OpenAI's shape), unless its past
 * week in the ledger shows it usually spends that much (the baselines the core reads at start).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import { quietCoreOptions } from '../support/quiet-core.js';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { GuardStatus } from '../../shared/api/contract-guard.js';
import { DEFAULT_GUARD_SETTINGS } from '../../shared/guard/guard-settings.js';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { pricedRecord } from '../support/seed.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
const fakes: FakeProvider[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const f of fakes.splice(0)) await f.close();
});

async function fakeUpstreams() {
  const anthropic = await startFakeProvider('anthropic');
  const openai = await startFakeProvider('openai');
  fakes.push(anthropic, openai);
  return { anthropic, openai };
}

async function startOn(dataDir: string, up: Awaited<ReturnType<typeof fakeUpstreams>>) {
  const core = await startCore(quietCoreOptions(dataDir, { env: { TOKENTALLY_UPSTREAM_ANTHROPIC: up.anthropic.url, TOKENTALLY_UPSTREAM_OPENAI: up.openai.url } }));
  cores.push(core);
  const events: ApiEvent[] = [];
  core.onEvent((e) => events.push(e));
  return { core, events, proxy: core.urls.proxy! };
}

async function rig() {
  const up = await fakeUpstreams();
  const dataDir = tempDir();
  return { ...up, dataDir, ...(await startOn(dataDir, up)) };
}

/** A fetch that counts the SDK's HTTP attempts (a retry would be a second one). */
function countingFetch() {
  const counter = { attempts: 0, fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
    counter.attempts++;
    return fetch(input, init);
  }) as typeof fetch };
  return counter;
}

/** The refusal's message, read from the error body the SDK raised. */
async function refusedWith(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
  return ((err as InstanceType<typeof Anthropic.PermissionDeniedError>).error as { error: { message: string } }).error.message;
}

const ask = (content: string) => ({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user' as const, content }] });

async function blockedRows(c: Core, tag: string): Promise<number> {
  // The writer flushes every few milliseconds.
  await new Promise((r) => setTimeout(r, 150));
  return (await c.api.listUsage({ tag, status: 'blocked', limit: 100 })).records.length;
}

const cliStatus = async (dataDir: string) => JSON.parse((await runCliCaptured(['guard', 'status', '--json', '--data-dir', dataDir])).stdout) as GuardStatus;

describe('the loop guard through the proxy', () => {
  it('pauses a repeating tag: a 403 the Anthropic SDK does not retry, why and how to resume; other tags pass; kept over a restart; resumed from the CLI and the API', async () => {
    const r = await rig();
    await r.core.api.updateSettings({ guard: { ...DEFAULT_GUARD_SETTINGS, repeatCount: 4, autoPauseTags: ['looper'] } });
    const counter = countingFetch();
    const client = (proxy: string, tag: string) =>
      new Anthropic({ baseURL: `${proxy}/anthropic`, apiKey: 'sk-ant-api03-loop', defaultHeaders: { 'x-tokentally-tag': tag }, fetch: counter.fetch, maxRetries: 2 });
    const looper = client(r.proxy, 'looper');

    for (let i = 0; i < 3; i++) await looper.messages.create(ask('the same question'));
    expect(r.anthropic.requests).toHaveLength(3);
    const err = await looper.messages.create(ask('the same question')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const denied = err as InstanceType<typeof Anthropic.PermissionDeniedError>;
    expect(denied.status).toBe(403);
    expect(denied.headers?.get('x-should-retry')).toBe('false');
    const body = denied.error as { type: string; error: { type: string; message: string } };
    expect(body.error.type).toBe('permission_error');
    expect(body.error.message).toBe(
      'Tokentally: the loop guard paused "looper": "looper" sent the same request 4 times in 1 minute. Its calls are refused until you resume it: ' +
        '`tokentally guard resume looper`, "Resume" in the tray menu, or Resume on the Savings page of Tokentally\'s window.',
    );
    // Four calls, four attempts (maxRetries 2 would have made it six), three reached the provider, one refusal in the ledger.
    expect(counter.attempts).toBe(4);
    expect(r.anthropic.requests).toHaveLength(3);
    expect(await blockedRows(r.core, 'looper')).toBe(1);

    // Paused: a different request of the same tag is refused too; another tag passes.
    expect(await refusedWith(looper.messages.create(ask('something else')))).toContain('the loop guard paused "looper"');
    await client(r.proxy, 'calm').messages.create(ask('the same question'));
    expect(counter.attempts).toBe(6);
    expect(r.anthropic.requests).toHaveLength(4);
    expect(await blockedRows(r.core, 'looper')).toBe(2);

    await expect.poll(() => r.events.find((e) => e.type === 'guard-alert')).toMatchObject({ type: 'guard-alert', tag: 'looper', paused: true });
    const status = await r.core.api.guardStatus();
    expect(status.paused).toMatchObject([{ tag: 'looper', reason: '"looper" sent the same request 4 times in 1 minute' }]);
    expect(status.alarms).toMatchObject([{ tag: 'looper', signal: 'repeat', paused: true }]);
    expect((await r.core.api.getSummary()).guardPaused?.map((p) => p.tag)).toEqual(['looper']);
    expect((await cliStatus(r.dataDir)).paused.map((p) => p.tag)).toEqual(['looper']);

    // A restart keeps it paused.
    await r.core.close();
    const again = await startOn(r.dataDir, r);
    const looper2 = client(again.proxy, 'looper');
    expect(await refusedWith(looper2.messages.create(ask('after the restart')))).toContain('the loop guard paused "looper"');
    expect(r.anthropic.requests).toHaveLength(4);

    // Resumed from the CLI (its own connection to the ledger): the running proxy lets the tag through within a second.
    const resumed = await runCliCaptured(['guard', 'resume', 'looper', '--data-dir', r.dataDir]);
    expect(resumed).toMatchObject({ code: 0, stdout: expect.stringContaining('Resumed "looper"') });
    await expect.poll(() => again.events.some((e) => e.type === 'guard-changed'), { timeout: 3_000 }).toBe(true);
    const before = r.anthropic.requests.length;
    for (let i = 0; i < 3; i++) await looper2.messages.create(ask('the same question'));
    expect(r.anthropic.requests).toHaveLength(before + 3);

    // The same loop again: paused at its 4th request; resumed from the API this time.
    expect(await refusedWith(looper2.messages.create(ask('the same question')))).toContain('the loop guard paused "looper"');
    const after = await again.core.api.resumeGuard({ tag: 'looper' });
    expect(after.paused).toEqual([]);
    await looper2.messages.create(ask('the same question'));
    expect(r.anthropic.requests).toHaveLength(before + 4);
    expect((await runCliCaptured(['guard', 'resume', 'looper', '--data-dir', r.dataDir])).code).toBe(1);
    // Two cores, a restart and three CLI runs: about 6 s alone, several times that while the
    // whole suite runs on two shared cores.
  }, 120_000);

  it('without auto-pause for the tag, alarms and lets the calls through', async () => {
    const r = await rig();
    await r.core.api.updateSettings({ guard: { ...DEFAULT_GUARD_SETTINGS, repeatCount: 3 } });
    const client = new Anthropic({ baseURL: `${r.proxy}/t/agent/anthropic`, apiKey: 'sk-ant-api03-x' });
    for (let i = 0; i < 5; i++) await client.messages.create(ask('again'));
    expect(r.anthropic.requests).toHaveLength(5);
    await expect.poll(() => r.events.find((e) => e.type === 'guard-alert')).toMatchObject({ tag: 'agent', paused: false });
    expect((await r.core.api.guardStatus()).alarms).toMatchObject([{ tag: 'agent', signal: 'repeat', paused: false }]);
    expect((await r.core.api.guardStatus()).paused).toEqual([]);
    // The glance says it (its latest alarm of the day), with nothing paused.
    const summary = await r.core.api.getSummary();
    expect(summary.guardAlarm).toMatchObject({ tag: 'agent', signal: 'repeat', paused: false, message: '"agent" sent the same request 3 times in 1 minute' });
    expect(summary.guardPaused).toEqual([]);
  });

  it('pauses a tag spending above the floor: a 403 the OpenAI SDK does not retry; not a tag whose past week shows it usually spends that much', async () => {
    const up = await fakeUpstreams();
    const dataDir = tempDir();
    // "steady" spent $1 in each of the last 20 hours: its usual busy hour is $1, 10× that is $10 an hour.
    const db = openDatabase(dataDir);
    const HOUR = 3_600_000;
    const hourStart = Math.floor(Date.now() / HOUR) * HOUR;
    insertUsage(
      db,
      Array.from({ length: 20 }, (_, i) => ({ ...pricedRecord({ time: hourStart - (i + 1) * HOUR + 60_000, model: 'gpt-4.1', provider: 'openai', tag: 'steady' }), costNano: 1_000_000_000 })),
    );
    db.close();
    const r = { ...up, dataDir, ...(await startOn(dataDir, up)) };
    // A floor of a cent an hour, and a call of 100K input tokens on gpt-4.1 ($0.20): its first call passes the floor.
    await r.core.api.updateSettings({ guard: { ...DEFAULT_GUARD_SETTINGS, floorUsdPerHour: 0.01, autoPauseTags: ['*'] } });
    r.openai.script(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'chatcmpl-guard',
        object: 'chat.completion',
        created: 1_765_000_000,
        model: 'gpt-4.1',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100_000, completion_tokens: 10, total_tokens: 100_010 },
      }),
    }));
    const counter = countingFetch();
    const client = new OpenAI({ baseURL: `${r.proxy}/t/spender/openai/v1`, apiKey: 'sk-x', fetch: counter.fetch, maxRetries: 2 });
    await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
    await expect.poll(async () => (await r.core.api.guardStatus()).paused.length).toBe(1);
    const err = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi again' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const denied = err as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(denied.code).toBe('tokentally_loop_guard_paused');
    expect(denied.type).toBe('permission_error');
    expect(denied.message).toMatch(/the loop guard paused "spender": "spender" spent \$0\.20\d* in the last 15 minutes \(\$0\.8\d+ an hour\), above your floor of \$0\.01 an hour/);
    expect(denied.message).toContain('`tokentally guard resume spender`');
    expect(counter.attempts).toBe(2);
    expect(r.openai.requests).toHaveLength(1);
    expect(await blockedRows(r.core, 'spender')).toBe(1);

    // The same calls on "steady": $0.80 an hour is far below 10× its usual $1.
    const steady = new OpenAI({ baseURL: `${r.proxy}/t/steady/openai/v1`, apiKey: 'sk-x' });
    for (let i = 0; i < 3; i++) await steady.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: `steady ${i}` }] });
    expect(r.openai.requests).toHaveLength(4);
    await r.core.settle();
    expect((await r.core.api.guardStatus()).alarms.map((a) => a.tag)).toEqual(['spender']);
  });
});
