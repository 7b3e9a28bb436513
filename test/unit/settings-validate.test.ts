import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { validateSettingsPatch } from '../../shared/settings.js';
import { errorMessage } from '../../shared/error-message.js';

function refusal(patch: unknown): string {
  try {
    validateSettingsPatch(patch);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad_request');
    return errorMessage(err);
  }
  throw new Error(`accepted: ${JSON.stringify(patch)}`);
}

describe('validateSettingsPatch', () => {
  it('accepts and normalises a full valid patch', () => {
    expect(
      validateSettingsPatch({
        timezone: 'utc',
        proxyPort: 8787,
        upstreams: { OpenAI: 'https://gateway.example.com/v1/' },
        customProviders: [{ name: 'groq', baseUrl: 'https://api.groq.com/openai' }],
        priceOverrides: [
          { provider: null, model: 'my-finetune', inputPerMTok: 1.5, outputPerMTok: 6 },
          { provider: 'OpenRouter', model: ' my-finetune ', inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0.1, cacheWritePerMTok: 2 },
        ],
        proxyCors: true,
        storeBodiesForTags: ['debug', 'debug', ' eval '],
        allowWeakKeyStorage: false,
      }),
    ).toEqual({
      timezone: 'UTC',
      proxyPort: 8787,
      upstreams: { openai: 'https://gateway.example.com/v1' },
      customProviders: [{ name: 'groq', baseUrl: 'https://api.groq.com/openai' }],
      priceOverrides: [
        { provider: null, model: 'my-finetune', inputPerMTok: 1.5, outputPerMTok: 6 },
        { provider: 'openrouter', model: 'my-finetune', inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0.1, cacheWritePerMTok: 2 },
      ],
      proxyCors: true,
      storeBodiesForTags: ['debug', 'eval'],
      allowWeakKeyStorage: false,
    });
    expect(validateSettingsPatch({})).toEqual({});
  });

  it.each([
    [null, /the settings change must be an object/],
    [[], /must be an object/],
    [{ theme: 'dark' }, /unknown setting "theme"/],
    [{ timezone: 'Mars/Olympus' }, /timezone: unknown time zone "Mars\/Olympus"/],
    [{ timezone: 5 }, /timezone: unknown time zone 5/],
    [{ proxyPort: 0 }, /proxyPort must be a whole number from 1 to 65535/],
    [{ proxyPort: 65536 }, /proxyPort/],
    [{ proxyPort: 80.5 }, /proxyPort/],
    [{ proxyPort: '8787' }, /proxyPort/],
    [{ upstreams: { anthropic: 'api.anthropic.com' } }, /upstreams.anthropic is not a URL/],
    [{ upstreams: { anthropic: 'ftp://api.anthropic.com' } }, /must start with https:\/\/ or http:\/\//],
    [{ upstreams: { anthropic: 'https://user:pw@api.anthropic.com' } }, /must not contain a user name or password/],
    [{ upstreams: { anthropic: 'https://api.anthropic.com/?key=1' } }, /must not contain a query/],
    [{ upstreams: { groq: 'https://api.groq.com/openai/v1' } }, /"groq" is not a built-in provider/],
    [{ upstreams: [] }, /upstreams must be an object/],
    [{ customProviders: {} }, /customProviders must be a list/],
    [{ customProviders: [{ name: 'My Provider', baseUrl: 'https://x.example' }] }, /customProviders\[0\].name: a provider name is/],
    [{ customProviders: [{ name: '-x', baseUrl: 'https://x.example' }] }, /customProviders\[0\].name/],
    [{ customProviders: [{ name: 'openai', baseUrl: 'https://x.example' }] }, /"openai" is built in/],
    [{ customProviders: [{ name: 'x', baseUrl: 'https://a.example' }, { name: 'X', baseUrl: 'https://b.example' }] }, /"x" is listed twice/],
    [{ customProviders: [{ name: 'x', baseUrl: 'https://a.example', key: 'sk' }] }, /unknown field "key"/],
    [{ customProviders: [{ name: 'x' }] }, /customProviders\[0\].baseUrl must be a URL/],
    [{ priceOverrides: [{ model: 'm', inputPerMTok: -1, outputPerMTok: 1 }] }, /priceOverrides\[0\].inputPerMTok must be a number of dollars per million tokens/],
    [{ priceOverrides: [{ model: 'm', inputPerMTok: 1, outputPerMTok: Number.NaN }] }, /outputPerMTok/],
    [{ priceOverrides: [{ model: '', inputPerMTok: 1, outputPerMTok: 1 }] }, /priceOverrides\[0\].model must be non-empty text/],
    [
      { priceOverrides: [{ model: 'm', inputPerMTok: 1, outputPerMTok: 1 }, { provider: null, model: 'm', inputPerMTok: 2, outputPerMTok: 2 }] },
      /any provider \/ m is listed twice/,
    ],
    [{ proxyCors: 'yes' }, /proxyCors must be true or false/],
    [{ allowWeakKeyStorage: 1 }, /allowWeakKeyStorage must be true or false/],
    [{ storeBodiesForTags: 'debug' }, /storeBodiesForTags must be a list/],
    [{ storeBodiesForTags: [''] }, /storeBodiesForTags\[0\] must be non-empty text/],
  ])('refuses %j', (patch, message) => {
    expect(refusal(patch)).toMatch(message);
  });

  it('does not echo something that looks like an API key pasted as a provider name', () => {
    const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz';
    expect(refusal({ customProviders: [{ name: key, baseUrl: 'https://x.example' }] })).not.toContain(key);
  });
});
