/**
 * Who may use the proxy from a browser: a table of what browsers (and non-browsers) send.
 */
import { describe, expect, it } from 'vitest';
import { judgeBrowserRequest } from '../../electron/core/proxy/browser-request.js';

type Row = [string, { site?: string; mode?: string; origin?: string; referer?: string }, { cors: 'refused' | 'passes'; plain: 'refused' | 'passes' }, boolean];

// [what, headers, outcome with CORS on / off, looks like a browser]
const TABLE: Row[] = [
  ['an SDK on Node (fetch sends Sec-Fetch-Mode: cors and nothing else)', { mode: 'cors' }, { cors: 'passes', plain: 'passes' }, false],
  ['curl, Claude Code, the Python SDKs', {}, { cors: 'passes', plain: 'passes' }, false],
  ['<img> from another site', { site: 'cross-site', mode: 'no-cors', referer: 'https://evil.example/page?secret=1' }, { cors: 'refused', plain: 'refused' }, true],
  ['<script> from another port of 127.0.0.1 (same-site)', { site: 'same-site', mode: 'no-cors', referer: 'http://127.0.0.1:3000/' }, { cors: 'refused', plain: 'refused' }, true],
  ['<img> from localhost, proxy on 127.0.0.1', { site: 'cross-site', mode: 'no-cors', referer: 'http://localhost:5173/' }, { cors: 'refused', plain: 'refused' }, true],
  ['SITE header in odd case', { site: 'Cross-Site', mode: 'no-cors' }, { cors: 'refused', plain: 'refused' }, true],
  ['an empty Sec-Fetch-Site', { site: '', mode: 'no-cors' }, { cors: 'refused', plain: 'refused' }, true],
  ['fetch() from another site, CORS mode', { site: 'cross-site', mode: 'cors', origin: 'https://app.example' }, { cors: 'passes', plain: 'refused' }, true],
  ['a form POST from another site', { site: 'cross-site', mode: 'navigate', origin: 'https://evil.example' }, { cors: 'refused', plain: 'refused' }, true],
  ['no-cors fetch from another site (Origin sent on POST)', { site: 'cross-site', mode: 'no-cors', origin: 'https://evil.example' }, { cors: 'refused', plain: 'refused' }, true],
  ['a sandboxed iframe (Origin: null)', { site: 'cross-site', mode: 'cors', origin: 'null' }, { cors: 'passes', plain: 'refused' }, true],
  ['the user typed the URL', { site: 'none', mode: 'navigate' }, { cors: 'passes', plain: 'passes' }, true],
  ["a page of the proxy's own origin", { site: 'same-origin', mode: 'no-cors', referer: 'http://127.0.0.1:8787/' }, { cors: 'passes', plain: 'passes' }, true],
  ['an old browser: <img> with a Referer from another site', { referer: 'https://evil.example/x' }, { cors: 'refused', plain: 'refused' }, true],
  ['an old browser: a Referer that does not parse', { referer: 'not a url' }, { cors: 'refused', plain: 'refused' }, true],
  ['an old browser: a Referer on a look-alike host', { referer: 'http://127.0.0.1.evil.example/' }, { cors: 'refused', plain: 'refused' }, true],
  ['an old browser: a page on localhost', { referer: 'http://localhost:3000/app' }, { cors: 'passes', plain: 'passes' }, true],
  ['an old browser: CORS fetch from another site', { origin: 'https://app.example', referer: 'https://app.example/' }, { cors: 'passes', plain: 'refused' }, true],
];

describe('judgeBrowserRequest', () => {
  for (const [what, h, outcome, browser] of TABLE) {
    it(what, () => {
      for (const cors of [true, false]) {
        const verdict = judgeBrowserRequest(h.site, h.mode, h.origin, h.referer, cors);
        expect(verdict.refusal === null ? 'passes' : 'refused', `CORS ${cors ? 'on' : 'off'}`).toBe(cors ? outcome.cors : outcome.plain);
        expect(verdict.browser).toBe(browser);
      }
    });
  }

  it('a refusal names the referring site, never its path or query', () => {
    const verdict = judgeBrowserRequest(undefined, undefined, undefined, 'https://evil.example/page?token=secret', false);
    expect(verdict.refusal).toContain('https://evil.example');
    expect(verdict.refusal).not.toContain('secret');
  });
});
