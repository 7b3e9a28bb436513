import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProviders } from '../../electron/core/proxy/upstreams.js';
import { createPollScheduler, keyStoreAccess, type PollScheduler } from '../../electron/core/pollers/index.js';
import { startFakeReportApi, type FakeReportApi } from '../support/fake-report-apis.js';
import { ANTHROPIC_ADMIN_KEY, ANTHROPIC_API_KEY, OPENROUTER_KEY, usePollLedgers } from './pollers-fixtures.js';

const ledgers = usePollLedgers();
let api: FakeReportApi;
let pollers: PollScheduler;

beforeEach(async () => {
  api = await startFakeReportApi();
  const ledger = ledgers();
  pollers = createPollScheduler({
    db: ledger.db,
    keys: keyStoreAccess(ledger.keys),
    providers: () => resolveProviders({ upstreams: {}, customProviders: [{ name: 'groq', baseUrl: `${api.url}/openai/v1` }] }, { TOKENTALLY_UPSTREAM_ANTHROPIC: api.url, TOKENTALLY_UPSTREAM_OPENROUTER: api.url }),
    sleep: async () => {},
  });
});

afterEach(async () => {
  await pollers.stop();
  await api.close();
});

describe('testing a key: one cheap request, plain words', () => {
  it('an Anthropic Admin key reads one usage bucket', async () => {
    api.route('/v1/organizations/usage_report/messages', () => ({ body: { data: [], has_more: false, next_page: null } }));
    expect(await pollers.testKey('anthropic', 'admin', ANTHROPIC_ADMIN_KEY)).toEqual({
      provider: 'anthropic',
      kind: 'admin',
      ok: true,
      message: "The Admin key works: it can read Anthropic's usage and cost reports.",
    });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.query.get('limit')).toBe('1');
    expect(api.requests[0]!.headers['x-api-key']).toBe(ANTHROPIC_ADMIN_KEY);
  });

  it('an API key given as an Admin key is named as such', async () => {
    api.route('/v1/organizations/usage_report/messages', () => ({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } }));
    const result = await pollers.testKey('anthropic', 'admin', ANTHROPIC_API_KEY);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^The key is not an admin key: Anthropic usage reports need an Admin key \(sk-ant-admin…\); individual accounts have no usage API/);
  });

  it('OpenRouter and custom providers are tested too; a key echoed in an error is cut out', async () => {
    api.route('/v1/key', () => ({ body: { data: { usage: 0, limit: null } } }));
    expect(await pollers.testKey('openrouter', 'api', OPENROUTER_KEY)).toMatchObject({ ok: true, message: 'The key works: its usage and limit can be read.' });
    api.route('/openai/v1/models', () => ({ status: 400, body: { error: { message: `Bad key ${OPENROUTER_KEY}, try again` } } }));
    const custom = await pollers.testKey('groq', 'api', OPENROUTER_KEY);
    expect(custom).toMatchObject({ ok: false });
    expect(custom.message).toBe('Groq answered HTTP 400 — groq said: "Bad key [key], try again"');
    expect(await pollers.testKey('nowhere', 'api', OPENROUTER_KEY)).toMatchObject({ ok: false, message: 'Tokentally knows no provider "nowhere": add it in Settings first' });
    // An address opening the sentence stays as written ("Http://…" was seen in Settings).
    api.route('/openai/v1/models', () => ({ status: 404, body: { error: { message: 'no such route' } } }));
    expect((await pollers.testKey('groq', 'api', OPENROUTER_KEY)).message).toMatch(/^http:\/\/127\.0\.0\.1:\d+ has no \/openai\/v1\/models \(HTTP 404\): check the groq base URL$/i);
  });

  it('an unreachable provider is said plainly', async () => {
    const closed = api.url;
    await api.close();
    api = await startFakeReportApi();
    const p = createPollScheduler({
      db: ledgers().db,
      keys: { get: () => null, has: () => false },
      providers: () => resolveProviders({ upstreams: {}, customProviders: [] }, { TOKENTALLY_UPSTREAM_DEEPSEEK: closed }),
    });
    const result = await p.testKey('deepseek', 'api', 'sk-0123456789abcdef');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): check the network and the DeepSeek base URL$/);
  });
});
