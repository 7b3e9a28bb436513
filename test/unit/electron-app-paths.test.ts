import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, chooseDataDir, parseDataDirFlag, rendererUrl, routeOfRendererUrl } from '../../electron/main/app-paths.js';
import { contentSecurityPolicy } from '../../electron/main/csp.js';
import { isTrustedRendererUrl } from '../../electron/main/trusted-sender.js';

describe('appPaths', () => {
  it('finds the built renderer, the compiled preload and the icons under the app root', () => {
    const paths = appPaths('/opt/Tokentally/resources/app.asar');
    expect(paths.rendererIndex).toBe(path.join('/opt/Tokentally/resources/app.asar', 'out', 'renderer', 'index.html'));
    expect(paths.preload).toBe(path.join('/opt/Tokentally/resources/app.asar', 'out', 'electron', 'preload', 'index.cjs'));
    expect(paths.assetsDir).toBe(path.join('/opt/Tokentally/resources/app.asar', 'electron', 'main', 'assets'));
  });
});

describe('rendererUrl', () => {
  const index = '/opt/Tokentally/out/renderer/index.html';
  it('loads hash routes of the built index.html', () => {
    expect(rendererUrl('/glance', index, null)).toBe('file:///opt/Tokentally/out/renderer/index.html#/glance');
    expect(rendererUrl('/overview', index, null)).toBe('file:///opt/Tokentally/out/renderer/index.html#/overview');
  });
  it('escapes unusual folder names', () => {
    expect(rendererUrl('/glance', '/Users/Jo Doe/#stuff/out/renderer/index.html', null)).toBe('file:///Users/Jo%20Doe/%23stuff/out/renderer/index.html#/glance');
  });
  it('uses the dev server root when one is set', () => {
    expect(rendererUrl('/glance', index, new URL('http://127.0.0.1:5173/some/path'))).toBe('http://127.0.0.1:5173/#/glance');
  });
  it('produces URLs the sender check trusts', () => {
    const rendererDir = path.dirname(index);
    expect(isTrustedRendererUrl(rendererUrl('/glance', index, null), { rendererDir, devUrl: null })).toBe(true);
    const devUrl = new URL('http://127.0.0.1:5173');
    expect(isTrustedRendererUrl(rendererUrl('/overview', index, devUrl), { rendererDir, devUrl })).toBe(true);
  });
  it.each(['glance', '/../../etc', '/a?b', '/x#y', ''])('refuses a malformed route %j', (route) => {
    expect(() => rendererUrl(route, index, null)).toThrow(/not a renderer route/);
  });
});

describe('routeOfRendererUrl', () => {
  it.each([
    ['file:///app/out/renderer/index.html#/requests', '/requests'],
    ['file:///app/out/renderer/index.html#/settings/keys', '/settings/keys'],
    ['file:///app/out/renderer/index.html', null],
    ['file:///app/out/renderer/index.html#/<script>', null],
    ['nonsense', null],
  ])('%s gives %s', (url, route) => {
    expect(routeOfRendererUrl(url)).toBe(route);
  });
});

describe('data directory', () => {
  it.each([
    [['electron', '.', '--data-dir', '/tmp/tt'], '/tmp/tt'],
    [['electron', '.', '--data-dir=/tmp/tt2'], '/tmp/tt2'],
    [['electron', '.', '--data-dir=/a', '--data-dir', '/b'], '/b'],
    [['electron', '.'], undefined],
  ])('parses %j', (argv, dir) => {
    expect(parseDataDirFlag(argv)).toBe(dir);
  });
  it.each([[['x', '--data-dir']], [['x', '--data-dir', '--inspect']], [['x', '--data-dir=']]])('refuses a flag without a folder: %j', (argv) => {
    expect(() => parseDataDirFlag(argv)).toThrow(/--data-dir needs a folder/);
  });
  it('prefers the flag, then TOKENTALLY_DATA_DIR, then Electron userData', () => {
    const userData = '/home/me/.config/Tokentally';
    expect(chooseDataDir(['e', '--data-dir', '/flag'], { TOKENTALLY_DATA_DIR: '/env' }, userData)).toBe('/flag');
    expect(chooseDataDir(['e'], { TOKENTALLY_DATA_DIR: '/env' }, userData)).toBe('/env');
    expect(chooseDataDir(['e'], {}, userData)).toBe(userData);
    expect(chooseDataDir(['e', '--data-dir', 'relative/dir'], {}, userData)).toBe(path.resolve('relative/dir'));
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only our own files in the built app', () => {
    const csp = contentSecurityPolicy(null);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('http:');
  });
  it('lets the dev server in, with its HMR websocket, only in dev mode', () => {
    const csp = contentSecurityPolicy(new URL('http://127.0.0.1:5173/'));
    expect(csp).toContain("script-src 'self' 'unsafe-inline' http://127.0.0.1:5173");
    expect(csp).toContain('connect-src');
    expect(csp).toContain('ws://127.0.0.1:5173');
  });
});
