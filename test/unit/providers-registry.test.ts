import { describe, expect, test } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { BUILT_IN_PROFILES, ProviderRegistry, providerInfo } from '../../shared/providers/index.js';
import { errorMessage } from '../../shared/error-message.js';

describe('the provider registry', () => {
  test('ids and routes are unique; custom providers come after the built-in ones at /p/<name>', () => {
    const registry = new ProviderRegistry(BUILT_IN_PROFILES, [{ name: 'groq' }, { name: 'deepseek' }]);
    expect(registry.ids()).toEqual(['anthropic', 'openai', 'openrouter', 'deepseek', 'gemini', 'groq']);
    expect(registry.atRoute('p/groq')?.id).toBe('groq');
    expect(registry.atRoute('gemini')?.id).toBe('gemini');
    // A custom name equal to a built-in id is the built-in provider.
    expect(registry.get('deepseek')?.builtIn).toBe(true);
    expect(() => new ProviderRegistry([...BUILT_IN_PROFILES, BUILT_IN_PROFILES[0]!])).toThrow(/two provider profiles have the id "anthropic"/);
  });

  test('an unknown name is refused with the list of known ones', () => {
    const registry = new ProviderRegistry(BUILT_IN_PROFILES, [{ name: 'groq' }]);
    expect(registry.require(' OpenAI ').id).toBe('openai');
    let error: unknown;
    try {
      registry.require('anthropicc');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(errorMessage(error)).toBe(
      'unknown provider "anthropicc": known providers are anthropic, openai, openrouter, deepseek, gemini, groq (add your own OpenAI-compatible provider in Settings)',
    );
  });

  test.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))('%s: a sound profile', (_id, p) => {
    expect(p.defaultUpstream === null || /^https:\/\//.test(p.defaultUpstream)).toBe(true);
    expect(p.keyAuth.clientHeaders).toContain(p.keyAuth.header);
    for (const env of p.clientEnv) expect(env.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    if (p.reports?.keyKind === 'admin') expect(p.adminKey).not.toBeNull();
    // Listing models is never logged; the profile's error shape answers every failure as JSON.
    expect(p.classify('GET', p.keyCheckPath).kind).toBe('forward');
    const answer = p.errors('/').answer('blocked', 'over the cap');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(answer.body)).toBeTruthy();
    expect(answer.body).toContain('Tokentally: over the cap');
    const info = providerInfo(p);
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
  });
});

describe('classification per profile', () => {
  const kindOf = (id: string, method: string, path: string) => {
    const k = BUILT_IN_PROFILES.find((p) => p.id === id)!.classify(method, path);
    return k.kind === 'usage' ? `usage:${k.parser.format}${k.addIncludeUsage ? '+usage' : ''}${k.free ? ' (free)' : ''}` : k.kind;
  };
  test.each([
    ['anthropic', 'POST', '/v1/messages', 'usage:anthropic-messages'],
    ['anthropic', 'POST', '/v1/messages/count_tokens', 'usage:anthropic-count-tokens (free)'],
    ['anthropic', 'POST', '/v1/chat/completions', 'forward'],
    ['openai', 'POST', '/v1/chat/completions', 'usage:openai-chat+usage'],
    ['openai', 'POST', '/v1/responses', 'usage:openai-responses'],
    ['deepseek', 'POST', '/anthropic/v1/messages', 'usage:anthropic-messages'],
    ['gemini', 'POST', '/v1beta/models/gemini-2.5-flash:generateContent', 'usage:gemini-generate'],
    ['gemini', 'POST', '/v1beta/models/gemini-2.5-flash:streamGenerateContent', 'usage:gemini-generate'],
    ['gemini', 'POST', '/v1beta/models/gemini-2.5-flash:countTokens', 'forward'],
    ['gemini', 'POST', '/v1beta/openai/chat/completions', 'usage:openai-chat+usage'],
    ['gemini', 'GET', '/v1beta/models/gemini-2.5-flash', 'forward'],
  ])('%s %s %s → %s', (id, method, path, expected) => expect(kindOf(id, method, path)).toBe(expected));

  test('Gemini reads the model and the stream from the URL', () => {
    const gemini = BUILT_IN_PROFILES.find((p) => p.id === 'gemini')!;
    const body = { length: 2, peekString: () => null, peekTrue: () => false, json: () => ({}) };
    expect(gemini.requestFacts('/v1beta/models/gemini-2.5-pro:streamGenerateContent', body)).toMatchObject({ model: 'gemini-2.5-pro', stream: true });
    expect(gemini.requestFacts('/v1beta/models/gemini%2D2.5-pro:generateContent', body)).toMatchObject({ model: 'gemini-2.5-pro', stream: false });
  });
});

describe('credentials per profile', () => {
  const read = (id: string, headers: Record<string, string>, queryKey: string | null = null) =>
    BUILT_IN_PROFILES.find((p) => p.id === id)!.credentials((name) => headers[name], queryKey);
  test('Anthropic: an OAuth bearer alone is the subscription; beside a real x-api-key it is treated as API spend', () => {
    expect(read('anthropic', { authorization: 'Bearer sk-ant-oat01-abc' })).toMatchObject({ billing: 'subscription', billedKey: null });
    expect(read('anthropic', { authorization: 'Bearer sk-ant-oat01-abc', 'x-api-key': 'sk-ant-api03-real' })).toMatchObject({ billing: 'api', billedKey: 'sk-ant-api03-real' });
    expect(read('anthropic', { authorization: 'Bearer sk-ant-oat01-abc', 'x-api-key': 'tokentally' })).toMatchObject({ billing: 'subscription' });
  });
  test('Gemini: a key in the query counts as the client\'s own; a placeholder there is dropped', () => {
    expect(read('gemini', {}, 'AIzaReal')).toMatchObject({ hasOwnKey: true, billedKey: 'AIzaReal', dropQueryKey: false });
    expect(read('gemini', {}, 'tokentally')).toMatchObject({ hasOwnKey: false, dropQueryKey: true });
    expect(read('gemini', { 'x-goog-api-key': 'tokentally' })).toMatchObject({ hasOwnKey: false, placeholders: ['x-goog-api-key'] });
  });
});
