import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface EnsureElectron {
  addonAbis(bytes: Buffer): string[];
  failureReason(output: string | undefined): string;
  electronPlatformPath(platform: string): string | null;
  isElectronInstalled(dir: string, version: string, platform: string, env?: NodeJS.ProcessEnv): boolean;
}
const repo = fileURLToPath(new URL('../..', import.meta.url));
const scriptPath = path.join(repo, 'scripts', 'ensure-electron.mjs');
const script = (await import(scriptPath)) as EnsureElectron;

describe('ensure-electron pure parts', () => {
  it('reads the ABI an addon registers for', () => {
    expect(script.addonAbis(Buffer.from('\0\0node_register_module_v140\0junk'))).toEqual(['140']);
    expect(script.addonAbis(Buffer.from('napi_register_module_v1 only'))).toEqual([]);
  });

  it('finds the Node build of better-sqlite3 to be for this Node, not for Electron', () => {
    const nodeBuild = fs.readFileSync(path.join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(script.addonAbis(nodeBuild)).toEqual([process.versions.modules]);
    const electronAbi = fs.readFileSync(path.join(repo, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
    expect(script.addonAbis(nodeBuild)).not.toContain(electronAbi);
  });

  it.each([
    ['RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest...', 'getaddrinfo ENOTFOUND github.com'],
    ['prebuild-install warn install connect ECONNREFUSED 127.0.0.1:9', 'connect ECONNREFUSED 127.0.0.1:9'],
    ['Error: read ECONNRESET', 'read ECONNRESET'],
    ['HTTPError: Response code 404 (Not Found) for https://github.com/electron/...', 'HTTP 404'],
    ['RequestError: self-signed certificate in certificate chain', 'TLS: self-signed certificate in certificate chain'],
    [
      'gyp http GET https://electronjs.org/headers/v39.5.0/node-v39.5.0-headers.tar.gz\ngyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and\ngyp ERR! stack is related to network connectivity.',
      'network unreachable fetching from https://electronjs.org',
    ],
    ['gyp ERR! stack Error: `make` failed with exit code: 2\ngyp ERR! not ok', '`make` failed with exit code: 2'],
    ['', 'no output'],
    [undefined, 'no output'],
  ])('says why in a few words: %j', (output, reason) => {
    expect(script.failureReason(output)).toBe(reason);
  });

  it('knows where Electron keeps its executable, as its installer does', () => {
    expect(script.electronPlatformPath('linux')).toBe('electron');
    expect(script.electronPlatformPath('win32')).toBe('electron.exe');
    expect(script.electronPlatformPath('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(script.electronPlatformPath('aix')).toBeNull();
  });

  it('checks an installed Electron by version, path.txt and executable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-electron-'));
    try {
      expect(script.isElectronInstalled(dir, '39.5.0', 'linux')).toBe(false);
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'dist', 'version'), 'v39.5.0');
      fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
      expect(script.isElectronInstalled(dir, '39.5.0', 'linux')).toBe(false);
      fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
      expect(script.isElectronInstalled(dir, '39.5.0', 'linux')).toBe(true);
      expect(script.isElectronInstalled(dir, '40.0.0', 'linux')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The script run for real, in a throw-away project root (its node_modules linked to ours), with
 * every download pointed at a closed port on 127.0.0.1: it must fail with one clear line, exit 1,
 * and leave no half-built addon behind.
 */
describe('ensure-electron without a network', () => {
  let root: string;
  let closedPort: number;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-ensure-'));
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(scriptPath, path.join(root, 'scripts', 'ensure-electron.mjs'));
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'junction');
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"tokentally-ensure-test","private":true}');
    closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  function runScript(args: string[]) {
    const offline = `http://127.0.0.1:${closedPort}`;
    return spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-electron.mjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        ELECTRON_MIRROR: `${offline}/`,
        electron_config_cache: path.join(root, 'electron-cache'),
        npm_config_download: `${offline}/better-sqlite3.tar.gz`,
        TOKENTALLY_ELECTRON_HEADERS_URL: offline,
        npm_config_devdir: path.join(root, 'gyp'),
        HTTPS_PROXY: '',
        HTTP_PROXY: '',
        https_proxy: '',
        http_proxy: '',
      },
    });
  }

  it('fails the Electron-ABI build with one line naming the cause', () => {
    const result = runScript(['--native']);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const last = lines[lines.length - 1]!;
    expect(last).toMatch(/^ensure-electron: could not get better-sqlite3 for Electron \d+\.\d+\.\d+ \(\w+-\w+\): no prebuilt binary \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    expect(last).toMatch(/building from source failed \(connect ECONNREFUSED/);
    expect(last).toContain('HTTPS_PROXY');
    // How to retry, and how to use Tokentally meanwhile.
    expect(last).toContain('retry: npm run dist');
    expect(last).toContain('npm run cli -- serve --ui');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(root, '.native'))).toBe(false);
  }, 120_000);

  const electronPresent = script.isElectronInstalled(path.join(repo, 'node_modules', 'electron'), '39.5.0', process.platform);
  it.skipIf(electronPresent)('fails the Electron download with one line naming the cause', () => {
    const result = runScript([]);
    expect(result.status).toBe(1);
    const last = result.stderr.trim().split('\n').pop()!;
    expect(last).toMatch(/^ensure-electron: could not download Electron 39\.5\.0 for \w+-\w+ \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\. No network, or a proxy in the way\?/);
    expect(last).toContain('retry: npm start');
    expect(last).toContain('the same dashboard in your browser: npm run cli -- serve --ui');
  }, 120_000);

  it('rejects unknown arguments with usage, exit 2', () => {
    const result = runScript(['--nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node scripts/ensure-electron.mjs [--native] [--verbose]');
  });
});
