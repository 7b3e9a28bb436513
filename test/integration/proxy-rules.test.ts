/**
 * The proxy's pure rules, with tables of real and hostile inputs: loopback hosts, routes, call
 * kinds, headers, credentials, tags, include_usage, outcomes, estimates, results_url, and the
 * tee / batch reader on split and compressed bytes.
 */
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ZERO_TOKENS } from '../../shared/usage.js';
import type { TapResult } from '../../shared/usage-parse/index.js';
import { isLoopbackHost } from '../../electron/core/server/loopback-host.js';
import { createBatchResultsReader, type BatchResultUsage } from '../../electron/core/proxy/batch-results.js';
import { outcomeOf, type CallFacts } from '../../electron/core/proxy/call-record.js';
import { BufferRequestBody } from '../../electron/core/proxy/request-body.js';
import { anthropicProfile } from '../../shared/providers/anthropic.js';
import { classifyCompatible, estimateFromJson, type CallKind } from '../../shared/providers/index.js';
import { clientResponseHeaders, decodableAcceptEncoding, upstreamRequestHeaders } from '../../electron/core/proxy/forward-headers.js';
import { withIncludeUsage } from '../../electron/core/proxy/include-usage.js';
import { createRouteMatcher, matchProxyRoute } from '../../electron/core/proxy/proxy-route.js';
import { createResponseTee } from '../../electron/core/proxy/response-tee.js';
import { rewriteResultsUrls } from '../../electron/core/proxy/results-url.js';
import { resolveProviders, resolveUpstreams } from '../../electron/core/proxy/upstreams.js';
import { defaultSettings } from '../../shared/settings.js';
import { tagFromUserAgent } from '../../electron/core/proxy/user-agent-tag.js';
import { BATCH_RESULTS_JSONL, splitOddly } from '../support/fake-providers.js';

describe('isLoopbackHost', () => {
  test.each([
    'localhost',
    'LOCALHOST:8787',
    '127.0.0.1',
    '127.0.0.1:8787',
    '127.1.2.3:80',
    '[::1]',
    '[::1]:8787',
    '[0:0:0:0:0:0:0:1]:1',
    '[::ffff:127.0.0.1]:8787',
  ])('accepts %s', (host) => expect(isLoopbackHost(host)).toBe(true));

  test.each([
    undefined,
    '',
    'evil.example',
    'evil.example:8787',
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    'localhost@evil.example',
    'evil.example#localhost',
    'localhost evil',
    'sub.localhost',
    'localhost.',
    'localhost:',
    'localhost:0',
    'localhost:99999',
    'localhost:80:80',
    'localhost:0x50',
    '%6cocalhost',
    '0.0.0.0:8787',
    '2130706433',
    '0x7f.0.0.1',
    '127.1',
    '127.0.0.01',
    '127.0.0.256',
    '128.0.0.1',
    '::1',
    '[::1',
    '[::1]x',
    '[::2]',
    '[::ffff:10.0.0.1]',
    '192.168.1.10:8787',
  ])('refuses %s', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('tagFromUserAgent', () => {
  test.each([
    ['claude-cli/2.0.14 (external, cli)', 'claude-cli'],
    ['Anthropic/JS 0.57.0', 'Anthropic/JS'],
    ['Anthropic/Python 0.69.0', 'Anthropic/Python'],
    ['OpenAI/JS 6.3.0', 'OpenAI/JS'],
    ['OpenAI/Python 1.99.1', 'OpenAI/Python'],
    ['codex_cli_rs/0.46.0 (Mac OS 15.6.1; arm64) iTerm.app/3.6.2', 'codex_cli_rs'],
    ['curl/8.5.0', 'curl'],
    ['python-requests/2.32.3', 'python-requests'],
    ['Go-http-client/1.1', 'Go-http-client'],
    ['node', 'node'],
    ['aider/v0.86.1', 'aider'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36', 'browser'],
    ['  ', null],
    ['/1.0', null],
    [undefined, null],
  ])('%s → %s', (ua, tag) => expect(tagFromUserAgent(ua)).toBe(tag));
});

describe('createRouteMatcher', () => {
  test('answers as matchProxyRoute does, again for a new target or new providers', () => {
    // Settings read again give a new object: the matcher must not answer from the old one.
    const first = resolveProviders(defaultSettings('UTC'), {});
    const second = resolveProviders(defaultSettings('UTC'), {});
    const match = createRouteMatcher();
    const messages = match('/anthropic/v1/messages', first);
    expect(messages).toEqual(matchProxyRoute('/anthropic/v1/messages', first));
    expect(match('/anthropic/v1/messages', first)).toBe(messages);
    expect(match('/t/ci/anthropic/v1/messages', first)).toMatchObject({ kind: 'route', route: { pathTag: 'ci', path: '/v1/messages' } });
    expect(match('/p/deepseek/chat/completions', first)).toEqual(matchProxyRoute('/p/deepseek/chat/completions', first));
    expect(match('/p/deepseek/chat/completions', second)).toEqual(matchProxyRoute('/p/deepseek/chat/completions', second));
    expect(match('/anthropic/v1/messages', second)).not.toBe(messages);
    expect(match('/anthropic/v1/messages', second)).toEqual(messages);
  });
});

describe('matchProxyRoute', () => {
  const known = resolveProviders(defaultSettings('UTC'), {});
  test('routes, tags and raw paths', () => {
    expect(matchProxyRoute('/anthropic/v1/messages?beta=true', known)).toMatchObject({
      kind: 'route',
      route: { provider: 'anthropic', pathTag: null, path: '/v1/messages', query: '?beta=true', prefix: '/anthropic' },
    });
    // /p/<name> still reaches DeepSeek, a custom provider before it was built in.
    expect(matchProxyRoute('/t/my%20tag/p/DeepSeek/chat/completions', known)).toMatchObject({
      kind: 'route',
      route: { provider: 'deepseek', pathTag: 'my tag', path: '/chat/completions', query: '', prefix: '/t/my%20tag/p/DeepSeek' },
    });
    expect(matchProxyRoute('/openai', known)).toMatchObject({ kind: 'route', route: { path: '/' } });
    // Dot segments and encodings are forwarded as sent, never normalised here.
    expect(matchProxyRoute('/openai/v1/../v1/models', known)).toMatchObject({ route: { path: '/v1/../v1/models' } });
  });
  test('not proxy paths: left to other handlers', () => {
    for (const path of ['/', '/api/getSummary', '/anthropicx/v1', '/index.html', '//anthropic/v1']) expect(matchProxyRoute(path, known)).toBeNull();
  });
  test('proxy-looking paths that cannot be served say why', () => {
    expect(matchProxyRoute('/p/nobody/v1', known)).toMatchObject({ kind: 'unknown', message: expect.stringContaining('TOKENTALLY_UPSTREAM_NOBODY') });
    expect(matchProxyRoute('/t/%E0%A4%A/anthropic/v1', known)).toMatchObject({ kind: 'unknown' });
    expect(matchProxyRoute('/t/x/nothing/v1', known)).toMatchObject({ kind: 'unknown' });
    expect(matchProxyRoute('/t/x', known)).toMatchObject({ kind: 'unknown' });
    expect(matchProxyRoute(`/t/${'a'.repeat(65)}/openai/v1`, known)).toMatchObject({ kind: 'unknown' });
  });
});

/** A call kind as these tables write it: the parser by its format name. */
function kindOf(kind: CallKind): Record<string, unknown> {
  return kind.kind === 'usage' ? { kind: 'usage', format: kind.parser.format } : { ...kind };
}

describe('classifyCall', () => {
  test.each([
    ['POST', '/v1/messages', { kind: 'usage', format: 'anthropic-messages' }],
    ['POST', '/v1/messages/count_tokens', { kind: 'usage', format: 'anthropic-count-tokens' }],
    ['POST', '/v1/messages/batches', { kind: 'batch-create' }],
    ['POST', '/v1/messages/batches/msgbatch_1/cancel', { kind: 'batch-object' }],
    ['GET', '/v1/messages/batches/msgbatch_1', { kind: 'batch-object' }],
    ['GET', '/v1/messages/batches', { kind: 'batch-object' }],
    ['GET', '/v1/messages/batches/msgbatch_1/results', { kind: 'batch-results', batchId: 'msgbatch_1' }],
    ['POST', '/v1/chat/completions', { kind: 'usage', format: 'openai-chat' }],
    ['POST', '/v1beta/openai/chat/completions', { kind: 'usage', format: 'openai-chat' }],
    ['POST', '/v1/responses', { kind: 'usage', format: 'openai-responses' }],
    ['POST', '/v1/embeddings', { kind: 'usage', format: 'openai-embeddings' }],
    ['POST', '/v1/completions', { kind: 'usage', format: 'openai-completions' }],
    ['GET', '/v1/models', { kind: 'forward' }],
    ['GET', '/v1/chat/completions/abc', { kind: 'forward' }],
    ['POST', '/v1/responses/resp_1/cancel', { kind: 'forward' }],
    ['DELETE', '/v1/messages/batches/msgbatch_1', { kind: 'forward' }],
  ])('%s %s', (method, path, kind) => expect(kindOf(classifyCompatible(method, path, false))).toEqual(kind));
});

describe('resolveUpstreams', () => {
  const settings = {
    upstreams: { openai: 'https://gateway.corp.example/openai/' },
    customProviders: [
      { name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' },
      { name: 'bad', baseUrl: 'ftp://x' },
    ],
  };
  test('env beats settings beats defaults; env can add a route; bad values are reported, not fatal', () => {
    const warnings: string[] = [];
    const routes = resolveUpstreams(
      settings,
      { TOKENTALLY_UPSTREAM_ANTHROPIC: 'http://127.0.0.1:9999', TOKENTALLY_UPSTREAM_LM_STUDIO: 'http://localhost:1234/v1', TOKENTALLY_UPSTREAM_OPENROUTER: 'not a url' },
      (w) => warnings.push(w),
    );
    expect(Object.fromEntries([...routes].map(([k, v]) => [k, v.href]))).toEqual({
      anthropic: 'http://127.0.0.1:9999/',
      openai: 'https://gateway.corp.example/openai/',
      openrouter: 'https://openrouter.ai/api',
      deepseek: 'https://api.deepseek.com/',
      gemini: 'https://generativelanguage.googleapis.com/',
      groq: 'https://api.groq.com/openai/v1',
      'lm-studio': 'http://localhost:1234/v1',
    });
    expect(warnings.join('\n')).toMatch(/TOKENTALLY_UPSTREAM_OPENROUTER/);
    expect(warnings.join('\n')).toMatch(/the base URL of bad/);
  });
});

describe('headers', () => {
  const raw = [
    'Host', '127.0.0.1:8787',
    'Connection', 'keep-alive, X-Secret-Hop',
    'X-Secret-Hop', '1',
    'Keep-Alive', 'timeout=5',
    'Transfer-Encoding', 'chunked',
    'Content-Length', '999',
    'X-Tokentally-Tag', 'mine',
    'Accept-Encoding', 'gzip, br, zstd;q=0.9',
    'Expect', '100-continue',
    'anthropic-beta', 'a',
    'anthropic-beta', 'b',
    'Authorization', 'Bearer tokentally',
  ];
  test('upstream request: hop-by-hop out, host and length set, repeats kept, undecodable codings dropped, key injected', () => {
    const out = upstreamRequestHeaders(raw, {
      host: 'api.anthropic.com',
      contentLength: 12,
      injectKey: { name: 'x-api-key', value: 'stored' },
      drop: ['authorization'],
      acceptEncoding: 'pass',
    });
    expect(out).toEqual(['anthropic-beta', 'a', 'anthropic-beta', 'b', 'host', 'api.anthropic.com', 'content-length', '12', 'accept-encoding', 'gzip, br', 'x-api-key', 'stored']);
    const identity = upstreamRequestHeaders(raw, { host: 'h', contentLength: null, injectKey: null, acceptEncoding: 'identity' });
    expect(identity.slice(-2)).toEqual(['accept-encoding', 'identity']);
    expect(identity).not.toContain('content-length');
    // A key the client sent in the header the stored key goes in is replaced, whatever its casing.
    expect(upstreamRequestHeaders(['X-Api-Key', 'placeholder', 'accept', '*/*'], { host: 'h', contentLength: 0, injectKey: { name: 'x-api-key', value: 'stored' }, acceptEncoding: 'pass' })).toEqual([
      'accept', '*/*', 'host', 'h', 'content-length', '0', 'x-api-key', 'stored',
    ]);
  });
  test('accept-encoding', () => {
    expect(decodableAcceptEncoding(['accept-encoding', 'gzip, deflate'])).toBe('gzip, deflate');
    expect(decodableAcceptEncoding(['accept-encoding', 'zstd'])).toBe('identity');
    expect(decodableAcceptEncoding([])).toBeNull();
  });
  test('client response: hop-by-hop and CORS out unless CORS is on; length dropped when the body is rewritten', () => {
    const upstream = ['Content-Type', 'text/event-stream', 'Content-Length', '10', 'Transfer-Encoding', 'chunked', 'Connection', 'keep-alive', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Access-Control-Allow-Origin', '*', 'request-id', 'req_1'];
    expect(clientResponseHeaders(upstream, { bodyRewritten: true, cors: false })).toEqual(['Content-Type', 'text/event-stream', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'request-id', 'req_1']);
    expect(clientResponseHeaders(upstream, { bodyRewritten: false, cors: true })).toContain('Content-Length');
    expect(clientResponseHeaders(upstream, { bodyRewritten: false, cors: true })).toContain('access-control-allow-origin');
  });
});

describe('credentials', () => {
  test.each([
    [undefined, undefined, { hasOwnKey: false, placeholders: [], billing: 'api' }],
    ['sk-ant-api03-x', undefined, { hasOwnKey: true, placeholders: [], billing: 'api' }],
    [undefined, 'Bearer sk-ant-api03-x', { hasOwnKey: true, placeholders: [], billing: 'api' }],
    [undefined, 'Bearer sk-ant-oat01-x', { hasOwnKey: true, placeholders: [], billing: 'subscription' }],
    [undefined, 'bearer  sk-ant-oat01-x', { hasOwnKey: true, placeholders: [], billing: 'subscription' }],
    ['tokentally', 'Bearer TokenTally', { hasOwnKey: false, placeholders: ['x-api-key', 'authorization'], billing: 'api' }],
    ['', undefined, { hasOwnKey: false, placeholders: ['x-api-key'], billing: 'api' }],
  ] as const)('x-api-key %s, authorization %s', (apiKey, auth, expected) =>
    expect(anthropicProfile.credentials((name) => (name === 'x-api-key' ? apiKey : name === 'authorization' ? auth : undefined), null)).toMatchObject(expected));
});

describe('withIncludeUsage', () => {
  test('added by splicing when absent, merged when present, left alone otherwise', () => {
    expect(withIncludeUsage(Buffer.from('{"model":"x","stream":true}'))!.toString()).toBe('{"stream_options":{"include_usage":true},"model":"x","stream":true}');
    expect(JSON.parse(withIncludeUsage(Buffer.from('{"stream":true,"stream_options":{"include_obfuscation":false}}'))!.toString())).toEqual({
      stream: true,
      stream_options: { include_obfuscation: false, include_usage: true },
    });
    expect(withIncludeUsage(Buffer.from('{"stream":true,"stream_options":{"include_usage":true}}'))).toBeNull();
    expect(withIncludeUsage(Buffer.from('{"model":"x","stream":false}'))).toBeNull();
    expect(withIncludeUsage(Buffer.from('{"model":"x","messages":[{"content":"\\"stream\\": true"}]}'))).toBeNull();
    expect(withIncludeUsage(Buffer.from('not json "stream"'))).toBeNull();
    expect(withIncludeUsage(Buffer.from('[{"stream":true}]'))).toBeNull();
  });
});

describe('outcomeOf', () => {
  const tap = (partial: Partial<TapResult>): TapResult => ({
    model: 'm',
    tokens: { ...ZERO_TOKENS, inputTokens: 10, outputTokens: 5 },
    sawUsage: true,
    complete: true,
    providerCostUsd: null,
    error: null,
    responseId: null,
    ...partial,
  });
  const facts = (partial: Partial<CallFacts>) => ({ end: { kind: 'finished' } as CallFacts['end'], httpStatus: 200, tap: tap({}), requestBytes: 400, responseBytes: 1000, ...partial });
  test.each([
    ['whole answer', facts({}), 'ok', 10, 5],
    ['provider error', facts({ httpStatus: 429, tap: tap({ error: { type: 'rate_limit_error', message: 'slow down' }, sawUsage: false }) }), 'error', 0, 0],
    ['cut after usage', facts({ end: { kind: 'cut', reason: 'cut' }, tap: tap({ complete: false }) }), 'incomplete', 10, 5],
    ['cut before usage: estimated', facts({ end: { kind: 'cut', reason: 'cut' }, tap: tap({ complete: false, sawUsage: false, tokens: { ...ZERO_TOKENS } }) }), 'incomplete', 100, 10],
    ['cut before any byte', facts({ end: { kind: 'cut', reason: 'cut' }, responseBytes: 0, tap: tap({ complete: false, sawUsage: false, tokens: { ...ZERO_TOKENS } }) }), 'error', 0, 0],
    ['error event after 200 with usage', facts({ tap: tap({ complete: false, error: { type: 'overloaded_error', message: 'Overloaded' } }) }), 'incomplete', 10, 5],
    ['no response', facts({ end: { kind: 'no-response', httpStatus: 502, reason: 'down' }, httpStatus: 502, tap: null }), 'error', 0, 0],
    ['blocked', facts({ end: { kind: 'blocked', message: 'cap' }, tap: null }), 'blocked', 0, 0],
  ] as const)('%s', (_name, f, status, input, output) => {
    const o = outcomeOf(f);
    expect([o.status, o.tokens.inputTokens, o.tokens.outputTokens]).toEqual([status, input, output]);
  });
});

describe('estimates', () => {
  test('max_tokens bounds the output; images count like images; the model is read', () => {
    const body = Buffer.from(
      JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 2048,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(4000) }, { type: 'image', source: { type: 'base64', data: 'A'.repeat(500_000) } }] }],
      }),
    );
    const facts = anthropicProfile.requestFacts('/v1/messages', new BufferRequestBody(body));
    expect(facts.model).toBe('claude-haiku-4-5');
    const e = facts.estimate();
    expect(e.outputTokens).toBe(2048);
    expect(e.inputTokens).toBeGreaterThan(1000 + 1600);
    expect(e.inputTokens).toBeLessThan(1000 + 1600 + 100);
    expect(estimateFromJson(new BufferRequestBody(Buffer.from('{"model":"gpt-4.1","max_completion_tokens":100}'))).outputTokens).toBe(100);
    expect(estimateFromJson(new BufferRequestBody(Buffer.from('{"model":"gpt-4.1"}'))).outputTokens).toBe(4096);
    expect(estimateFromJson(new BufferRequestBody(Buffer.from('{"generationConfig":{"maxOutputTokens":77}}'))).outputTokens).toBe(77);
  });
  test('the model and stream, read without parsing', () => {
    const peek = (text: string) => new BufferRequestBody(Buffer.from(text)).peekString('model');
    expect(peek('{ "model" : "claude-haiku-4-5", "x": 1}')).toBe('claude-haiku-4-5');
    expect(peek('{"model":"a\\"b"}')).toBe('a"b');
    expect(peek('{"messages":[]}')).toBeNull();
    expect(new BufferRequestBody(Buffer.from('{"stream" : true}')).peekTrue('stream')).toBe(true);
    expect(new BufferRequestBody(Buffer.from('{"stream":false}')).peekTrue('stream')).toBe(false);
  });
  test('the byte reader of model and stream answers as the pattern does, on every shape of value', () => {
    // The pattern the facts were always read with (the reader falls back to it for unusual values).
    const byPattern = (bytes: Buffer, name: string): string | null => {
      const at = bytes.indexOf(`"${name}"`);
      if (at < 0) return null;
      const m = new RegExp(`^"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,200})"`).exec(bytes.subarray(at, at + name.length + 300).toString('utf8'));
      if (!m) return null;
      try {
        return JSON.parse(`"${m[1]}"`) as string;
      } catch {
        return null;
      }
    };
    const trueByPattern = (bytes: Buffer, name: string) => {
      const at = bytes.indexOf(`"${name}"`);
      return at >= 0 && new RegExp(`^"${name}"\\s*:\\s*true`).test(bytes.subarray(at, at + name.length + 40).toString('latin1'));
    };
    const values = ['claude-haiku-4-5', '', 'a', 'x'.repeat(199), 'x'.repeat(200), 'x'.repeat(201), 'a\\"b', 'tab\there', 'caf\u00e9', 'modèle', 'a\u0001b', 'ends\\', '\\u0041'];
    const gaps = ['', ' ', '\n\t ', '\u000b', '\u00a0', ' '.repeat(290)];
    let compared = 0;
    for (const value of values) {
      for (const before of gaps) {
        for (const after of gaps) {
          const text = `{"max_tokens":5,"model"${before}:${after}"${value}","stream"${before}:${after}true}`;
          for (const body of [Buffer.from(text), Buffer.from(text, 'latin1')]) {
            const read = new BufferRequestBody(body);
            expect(read.peekString('model'), text).toBe(byPattern(body, 'model'));
            expect(read.peekTrue('stream'), text).toBe(trueByPattern(body, 'stream'));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(values.length * gaps.length * gaps.length * 2);
    // A body cut inside the value, and names that are absent or not followed by a value.
    for (const text of ['{"model":"claude', '{"model"', '{"model":', '{"stream":tru', '{"stream"', '{"model":5,"stream":"true"}']) {
      const body = Buffer.from(text);
      expect(new BufferRequestBody(body).peekString('model'), text).toBe(byPattern(body, 'model'));
      expect(new BufferRequestBody(body).peekTrue('stream'), text).toBe(trueByPattern(body, 'stream'));
    }
  });
});

describe('rewriteResultsUrls', () => {
  test('only results_url under the upstream base is pointed through the proxy', () => {
    const base = new URL('https://api.anthropic.com');
    const body = Buffer.from('{"id":"b1","results_url":"https:\\/\\/api.anthropic.com\\/v1\\/messages\\/batches\\/b1\\/results","note":"https://api.anthropic.com/x"}');
    expect(rewriteResultsUrls(body, base, 'http://127.0.0.1:8787/t/x/anthropic')!.toString()).toBe(
      '{"id":"b1","results_url":"http://127.0.0.1:8787/t/x/anthropic/v1/messages/batches/b1/results","note":"https://api.anthropic.com/x"}',
    );
    expect(rewriteResultsUrls(Buffer.from('{"results_url":null}'), base, 'http://x')).toBeNull();
    expect(rewriteResultsUrls(Buffer.from('{"results_url":"https://elsewhere.example/r"}'), base, 'http://x')).toBeNull();
  });
});

describe('response tee', () => {
  const text = 'event: ping\ndata: {"type":"ping"}\n\n'.repeat(50) + 'é🎉';
  const collect = () => {
    const parts: Buffer[] = [];
    return { sink: { push: (c: Uint8Array) => parts.push(Buffer.from(c)), end: () => {} }, text: () => Buffer.concat(parts).toString('utf8') };
  };
  test.each([
    ['identity', undefined, (b: Buffer) => b],
    ['gzip', 'gzip', (b: Buffer) => zlib.gzipSync(b)],
    ['deflate', 'deflate', (b: Buffer) => zlib.deflateSync(b)],
    ['br', 'br', (b: Buffer) => zlib.brotliCompressSync(b)],
  ] as const)('%s body split anywhere decodes to the same text', async (_n, encoding, encode) => {
    const c = collect();
    const tee = createResponseTee(c.sink, { contentEncoding: encoding, captureBytes: 100 });
    for (const piece of splitOddly(encode(Buffer.from(text)))) tee.push(piece);
    const result = await tee.finish();
    expect(result.failure).toBeNull();
    expect(c.text()).toBe(text);
    expect(result.captured!.length).toBe(100);
    expect(result.capturedTruncated).toBe(true);
    expect(result.decodedBytes).toBe(Buffer.byteLength(text));
  });
  test('a gzip body cut mid-way yields what decoded so far', async () => {
    const c = collect();
    const tee = createResponseTee(c.sink, { contentEncoding: 'gzip', captureBytes: 0 });
    const gz = zlib.gzipSync(Buffer.from(text));
    tee.push(gz.subarray(0, Math.floor(gz.length / 2)));
    const result = await tee.finish();
    expect(result.failure).toBeNull();
    expect(text.startsWith(c.text())).toBe(true);
  });
  test('an unknown encoding or a failing sink never throws', async () => {
    const unknown = createResponseTee({ push() {}, end() {} }, { contentEncoding: 'zstd', captureBytes: 0 });
    unknown.push(Buffer.from('x'));
    expect((await unknown.finish()).failure).toContain('zstd');
    const broken = createResponseTee({ push() { throw new Error('boom'); }, end() {} }, { contentEncoding: undefined, captureBytes: 0 });
    broken.push(Buffer.from('x'));
    broken.push(Buffer.from('y'));
    expect((await broken.finish()).failure).toContain('boom');
  });
});

describe('batch results reader', () => {
  test('succeeded lines only, whatever the chunking', () => {
    const seen: BatchResultUsage[] = [];
    const reader = createBatchResultsReader((u) => seen.push(u), () => {});
    for (const piece of splitOddly(BATCH_RESULTS_JSONL)) reader.push(piece);
    reader.end();
    expect(seen.map((u) => [u.customId, u.model, u.tokens.inputTokens, u.tokens.outputTokens])).toEqual([
      ['first', 'claude-haiku-4-5-20251001', 1000, 200],
      ['third', 'claude-haiku-4-5-20251001', 3000, 400],
    ]);
  });
  test('a last line without newline is read; junk lines are skipped and reported', () => {
    const seen: string[] = [];
    const skipped: string[] = [];
    const reader = createBatchResultsReader((u) => seen.push(u.customId), (r) => skipped.push(r));
    reader.push(Buffer.from('not json\n' + BATCH_RESULTS_JSONL.trimEnd()));
    reader.end();
    expect(seen).toEqual(['first', 'third']);
    expect(skipped).toEqual(['a results line is not JSON']);
  });
});
