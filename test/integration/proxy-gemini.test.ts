/**
 * Google's Gemini API through the proxy at /gemini/…, driven by the official @google/genai SDK
 * (and raw fetch for the JSON-array stream the SDK never asks for) against a fake Gemini API.
 *
 * Expected costs are computed by hand from Google's price list (ai.google.dev/gemini-api/docs/pricing,
 * checked 2026-12-07), not by the project's code:
 *   gemini-2.5-flash: input $0.30, cached input $0.03, output (thinking included) $2.50 per 1M tokens;
 *   gemini-2.5-pro:   prompts over 200K tokens: input $2.50, output $15.00 per 1M tokens.
 */
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Budget } from '../../shared/api/contract.js';
import { GEMINI_MODEL, GEMINI_STREAM_CHUNKS, GEMINI_SSE, geminiError } from '../fixtures/wire/gemini.js';
import { geminiKey, splitOddly } from '../support/fake-providers.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

const STORED_KEY = 'AIzaSyStoredKey0123456789abcdefghijklm';
const CLIENT_KEY = 'AIzaSyClientKey9876543210zyxwvutsrqpon';

// 200 uncached × $0.30/M + 1,000 cached × $0.03/M + (300 + 400) × $2.50/M = $0.00006 + $0.00003 + $0.00175
const FLASH_COST_NANO = 60_000 + 30_000 + 1_750_000;
const FLASH_TOKENS = { inputTokens: 200, cacheReadTokens: 1000, outputTokens: 300, reasoningTokens: 400, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0 };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.setKey('gemini', STORED_KEY);
});
afterEach(async () => {
  await h.close();
});

function sdk(apiKey = 'tokentally'): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: `${h.url}/gemini` } });
}

describe('Gemini generateContent and streamGenerateContent', () => {
  test('a plain call with no key of its own gets the stored key; tokens and cost are exact', async () => {
    const answer = await sdk().models.generateContent({ model: GEMINI_MODEL, contents: 'Say hi' });
    expect(answer.text).toBe('Hello there — ünïcode.');
    expect(h.gemini.requests[0]!.headers['x-goog-api-key']).toBe(STORED_KEY);
    const [row] = await h.rows();
    expect(row).toMatchObject({
      provider: 'gemini',
      model: GEMINI_MODEL,
      status: 'ok',
      stream: false,
      endpoint: `/v1beta/models/${GEMINI_MODEL}:generateContent`,
      priced: true,
      ...FLASH_TOKENS,
      costNano: FLASH_COST_NANO,
    });
    expect(row!.keyRef).toMatch(/^key:[0-9a-f]{16}$/);
  });

  test('a streamed call (SSE, alt=sse) passes through chunk by chunk and is logged once, exactly', async () => {
    const texts: string[] = [];
    for await (const chunk of await sdk(CLIENT_KEY).models.generateContentStream({ model: GEMINI_MODEL, contents: 'Say hi' })) texts.push(chunk.text ?? '');
    expect(texts.join('')).toBe('Hello there — ünïcode.');
    expect(h.gemini.requests[0]!.url).toContain(':streamGenerateContent?alt=sse');
    // The client's own key goes through untouched.
    expect(h.gemini.requests[0]!.headers['x-goog-api-key']).toBe(CLIENT_KEY);
    const rows = await h.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'ok', stream: true, model: GEMINI_MODEL, ...FLASH_TOKENS, costNano: FLASH_COST_NANO });
  });

  test('the JSON-array stream (no alt=sse) is read element by element', async () => {
    const res = await fetch(`${h.url}/gemini/v1beta/models/${GEMINI_MODEL}:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': CLIENT_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say hi' }] }] }),
    });
    const body = await res.text();
    expect(JSON.parse(body)).toEqual(GEMINI_STREAM_CHUNKS);
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'ok', stream: true, ...FLASH_TOKENS, costNano: FLASH_COST_NANO });
  });

  test('a stream cut after two chunks keeps the usage delivered so far, marked incomplete', async () => {
    const events = GEMINI_SSE.split('\r\n\r\n').filter(Boolean);
    h.gemini.script(() => ({ headers: { 'content-type': 'text/event-stream' }, chunks: splitOddly(events.slice(0, 2).map((e) => `${e}\r\n\r\n`).join('')), cut: true, compress: false }));
    const consume = async () => {
      for await (const chunk of await sdk().models.generateContentStream({ model: GEMINI_MODEL, contents: 'Say hi' })) void chunk;
    };
    await consume().catch(() => {});
    const [row] = await h.rows();
    // The second chunk's usage: 150 answer tokens so far.
    expect(row).toMatchObject({ status: 'incomplete', inputTokens: 200, cacheReadTokens: 1000, outputTokens: 150, reasoningTokens: 400 });
  });

  test('the long-context price applies to a prompt over 200K tokens (gemini-2.5-pro)', async () => {
    h.gemini.script(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        candidates: [{ content: { parts: [{ text: 'ok' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 300_000, candidatesTokenCount: 1000, totalTokenCount: 301_000 },
        modelVersion: 'gemini-2.5-pro',
      }),
    }));
    await sdk().models.generateContent({ model: 'gemini-2.5-pro', contents: 'long' });
    const [row] = await h.rows();
    // 300,000 × $2.50/M + 1,000 × $15/M = $0.75 + $0.015
    expect(row).toMatchObject({ model: 'gemini-2.5-pro', inputTokens: 300_000, outputTokens: 1000, costNano: 765_000_000 });
  });

  test('countTokens is forwarded and not logged', async () => {
    const counted = await sdk().models.countTokens({ model: GEMINI_MODEL, contents: 'Say hi' });
    expect(counted.totalTokens).toBe(1200);
    expect(h.gemini.requests).toHaveLength(1);
    expect(await h.rows()).toEqual([]);
  });

  test('a provider error is logged as an error in its own words', async () => {
    h.gemini.script(() => ({ status: 429, headers: { 'content-type': 'application/json' }, body: geminiError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.') }));
    await expect(sdk().models.generateContent({ model: GEMINI_MODEL, contents: 'x' })).rejects.toMatchObject({ status: 429 });
    const [row] = await h.rows();
    expect(row).toMatchObject({ status: 'error', costNano: 0, errorMessage: 'RESOURCE_EXHAUSTED: Quota exceeded.' });
  });
});

describe('keys in the query string', () => {
  test('?key= is forwarded as sent, and never stored or logged', async () => {
    const res = await fetch(`${h.url}/gemini/v1beta/models/${GEMINI_MODEL}:generateContent?key=${CLIENT_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(200);
    expect(geminiKey(h.gemini.requests[0]!)).toBe(CLIENT_KEY);
    expect(h.gemini.requests[0]!.headers['x-goog-api-key']).toBeUndefined();
    const [row] = await h.rows();
    expect(row!.endpoint).toBe(`/v1beta/models/${GEMINI_MODEL}:generateContent`);
    const everything = JSON.stringify(h.db.prepare('SELECT * FROM usage').all()) + h.logs.join('\n');
    expect(everything).not.toContain(CLIENT_KEY);
    expect(everything).not.toContain(CLIENT_KEY.slice(10, 30));
  });

  test('a placeholder ?key=tokentally is removed and the stored key goes in its header', async () => {
    const res = await fetch(`${h.url}/gemini/v1beta/models/${GEMINI_MODEL}:generateContent?alt=json&key=tokentally`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(200);
    expect(h.gemini.requests[0]!.url).toBe(`/v1beta/models/${GEMINI_MODEL}:generateContent?alt=json`);
    expect(h.gemini.requests[0]!.headers['x-goog-api-key']).toBe(STORED_KEY);
  });
});

describe('the hard cap', () => {
  test('refuses in Google\'s error shape, before the provider is called, and the SDK does not retry', async () => {
    const cap: Budget = { scope: 'provider', scopeValue: 'gemini', monthlyNano: 1_000_000, hard: true, resetDay: 1, tz: 'UTC', alerts: [] };
    await h.setBudget(cap);
    // The model comes from the URL: the worst case is priced for it (200K max output at $2.50/M is far past $0.001).
    const error = await sdk()
      .models.generateContent({ model: GEMINI_MODEL, contents: 'Say hi', config: { maxOutputTokens: 200_000 } })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    const body = JSON.parse((error as ApiError).message) as { error: { code: number; status: string; message: string } };
    expect(body.error).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION' });
    expect(body.error.message).toContain('hard monthly budget for gemini of $0.00');
    expect(h.gemini.requests).toHaveLength(0);
    const [row] = await h.rows();
    expect(row).toMatchObject({ provider: 'gemini', model: GEMINI_MODEL, status: 'blocked', costNano: 0 });
  });
});
