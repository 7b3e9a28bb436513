import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, parseDevServerUrl } from '../../electron/main/trusted-sender.js';

const rendererDir = '/opt/tokentally/out/renderer';
const built = { rendererDir, devUrl: null };
const dev = { rendererDir, devUrl: new URL('http://127.0.0.1:5173/') };

describe('isTrustedRendererUrl', () => {
  it.each([
    'file:///opt/tokentally/out/renderer/index.html',
    'file:///opt/tokentally/out/renderer/index.html#/glance',
    'file:///opt/tokentally/out/renderer/index.html?x=1#/overview',
    'file:///opt/tokentally/out/renderer/assets/chart.js',
    'file:///opt/tokentally/out/renderer/sub/../index.html',
  ])('trusts our built renderer: %s', (url) => {
    expect(isTrustedRendererUrl(url, built)).toBe(true);
  });

  it.each([
    ['a remote page', 'http://evil.example/'],
    ['a remote page over https', 'https://evil.example/index.html'],
    ['another local file', 'file:///etc/passwd'],
    ['a sibling folder with a common prefix', 'file:///opt/tokentally/out/renderer-evil/index.html'],
    ['the renderer folder itself', 'file:///opt/tokentally/out/renderer'],
    ['path traversal', 'file:///opt/tokentally/out/renderer/../main/index.js'],
    ['encoded path traversal', 'file:///opt/tokentally/out/renderer/%2e%2e/secrets.html'],
    ['mixed encoded traversal', 'file:///opt/tokentally/out/renderer/%2e%2e%2f..%2fsecret'],
    ['an encoded slash', 'file:///opt/tokentally/out/renderer%2f..%2f..%2fetc/passwd'],
    ['a file URL on another host (UNC share)', 'file://attacker/opt/tokentally/out/renderer/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['devtools:', 'devtools://devtools/bundled/inspector.html'],
    ['about:blank', 'about:blank'],
    ['chrome:', 'chrome://gpu'],
    ['blob:', 'blob:file:///1234-5678'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
    ['null', null],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedRendererUrl(url, built)).toBe(false);
    expect(isTrustedRendererUrl(url, dev)).toBe(false);
  });

  it('trusts the dev server origin only when it is configured', () => {
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/#/glance', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', built)).toBe(false);
  });

  it.each([
    'http://127.0.0.1:5174/',
    'https://127.0.0.1:5173/',
    'http://localhost:5173/',
    'http://127.0.0.1:5173.evil.example/',
    'http://127.0.0.1.evil.example:5173/',
    'http://evil.example/?http://127.0.0.1:5173/',
    'http://user:pass@127.0.0.1:5173/',
    'ws://127.0.0.1:5173/',
  ])('refuses look-alikes of the dev server: %s', (url) => {
    expect(isTrustedRendererUrl(url, dev)).toBe(false);
  });
});

describe('parseDevServerUrl', () => {
  it('is null when unset', () => {
    expect(parseDevServerUrl(undefined)).toBeNull();
    expect(parseDevServerUrl('')).toBeNull();
  });

  it.each(['http://127.0.0.1:5173', 'http://localhost:5173/', 'http://[::1]:5173/'])('accepts loopback %s', (value) => {
    expect(parseDevServerUrl(value)?.protocol).toBe('http:');
  });

  it.each(['http://192.168.1.10:5173', 'https://example.com', 'file:///tmp/index.html', 'javascript:alert(1)', '127.0.0.1:5173'])(
    'refuses %s with a message naming the variable',
    (value) => {
      expect(() => parseDevServerUrl(value)).toThrow(/TOKENTALLY_DEV_URL/);
    },
  );
});
