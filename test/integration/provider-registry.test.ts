/**
 * Every profile in the registry, end to end through the proxy with its provider's official SDK
 * against a fake of the provider: the route reaches the provider, a call without a key of its
 * own gets the stored key in the header the profile names, usage is logged under the profile's
 * id, and a hard cap refuses in the profile's error shape, which the SDK reads as the provider's
 * own error (and does not retry). A built-in profile without a driver here fails the first test.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { POLLERS } from '../../electron/core/pollers/pollers.js';
import { BUILT_IN_PROFILES, BUILT_IN_REGISTRY, type ProviderProfile } from '../../shared/providers/index.js';
import type { FakeProvider } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

interface Driver {
  fake(h: Harness): FakeProvider;
  /** One spending call with the placeholder key, through the proxy; resolves when it is consumed. */
  call(h: Harness): Promise<unknown>;
  /** The path the call takes below the route (for the profile's error shape). */
  path: string;
}

const openAiCall = (route: string) => (h: Harness) =>
  new OpenAI({ baseURL: `${h.url}/${route}/v1`, apiKey: 'tokentally', maxRetries: 2 }).chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] });

const DRIVERS: Record<string, Driver> = {
  anthropic: {
    fake: (h) => h.anthropic,
    path: '/v1/messages',
    call: (h) => new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'tokentally', maxRetries: 2 }).messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
  },
  openai: { fake: (h) => h.openai, path: '/v1/chat/completions', call: openAiCall('openai') },
  openrouter: { fake: (h) => h.openrouter, path: '/v1/chat/completions', call: openAiCall('openrouter') },
  deepseek: { fake: (h) => h.deepseek, path: '/v1/chat/completions', call: openAiCall('deepseek') },
  gemini: {
    fake: (h) => h.gemini,
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    call: (h) =>
      new GoogleGenAI({ apiKey: 'tokentally', httpOptions: { baseUrl: `${h.url}/gemini`, retryOptions: { attempts: 3 } } }).models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }),
  },
};

const STORED = 'stored-key-0123456789abcdefghijklmnop';

test('every built-in profile has a driver here, and every profile with reports has a poller', () => {
  expect(Object.keys(DRIVERS).sort()).toEqual(BUILT_IN_PROFILES.map((p) => p.id).sort());
  expect([...POLLERS.keys()].sort()).toEqual(BUILT_IN_REGISTRY.polled().map((p) => p.id).sort());
});

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))('%s', (id, profile: ProviderProfile) => {
  const driver = DRIVERS[id]!;

  test('route, stored key in the profile\'s header, usage under its id', async () => {
    await h.setKey(id, STORED);
    await driver.call(h);
    const seen = driver.fake(h).requests[0]!;
    const expected = profile.keyAuth.scheme === null ? STORED : `${profile.keyAuth.scheme} ${STORED}`;
    expect(seen.headers[profile.keyAuth.header]).toBe(expected);
    const [row] = await h.rows();
    expect(row).toMatchObject({ provider: id, status: 'ok', source: 'proxy' });
    expect(row!.inputTokens + row!.cacheReadTokens + row!.outputTokens).toBeGreaterThan(0);
    expect(row!.keyRef).toMatch(/^key:[0-9a-f]{16}$/);
  });

  test('a hard cap refuses in the profile\'s error shape, unretried, never reaching the provider', async () => {
    await h.setKey(id, STORED);
    await h.setBudget({ scope: 'provider', scopeValue: id, monthlyNano: 0, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });
    const error = (await driver.call(h).then(
      () => null,
      (err: unknown) => err,
    )) as { status?: number } | null;
    const shape = profile.errors(driver.path).answer('blocked', 'x');
    expect(error?.status).toBe(shape.status);
    expect(driver.fake(h).requests).toHaveLength(0);
    // One refusal logged: the SDK did not retry it.
    const rows = await h.rows();
    expect(rows.map((r) => r.status)).toEqual(['blocked']);
  });
});
