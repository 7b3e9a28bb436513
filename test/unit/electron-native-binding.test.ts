import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath, nativeBuildDirName, packagedNativeBindingPath } from '../../electron/main/native-binding-path.js';

describe('Electron-ABI better-sqlite3 location', () => {
  it('lives in its own folder per Electron version, OS and CPU, apart from the Node build', () => {
    const file = electronNativeBindingPath('/src/tokentally', { electron: '39.5.0' }, 'linux', 'x64');
    expect(file).toBe(path.join('/src/tokentally', '.native', 'electron-39.5.0-linux-x64', 'better_sqlite3.node'));
    expect(file).not.toContain('node_modules');
  });

  it('differs per Electron version and architecture, so upgrades never load a stale ABI', () => {
    const a = electronNativeBindingPath('/r', { electron: '39.5.0' }, 'darwin', 'arm64');
    expect(a).not.toBe(electronNativeBindingPath('/r', { electron: '40.0.0' }, 'darwin', 'arm64'));
    expect(a).not.toBe(electronNativeBindingPath('/r', { electron: '39.5.0' }, 'darwin', 'x64'));
  });

  it('sits under resources/native in a packaged app (electron-builder extraResources)', () => {
    expect(packagedNativeBindingPath('/Applications/Tokentally.app/Contents/Resources', { electron: '39.5.0' }, 'darwin', 'arm64')).toBe(
      path.join('/Applications/Tokentally.app/Contents/Resources', 'native', 'electron-39.5.0-darwin-arm64', 'better_sqlite3.node'),
    );
  });

  it('refuses to guess outside Electron', () => {
    expect(() => electronNativeBindingPath('/r', {}, 'linux', 'x64')).toThrow(/process.versions.electron/);
  });

  it('names folders the way the build script does', async () => {
    const script = (await import('../../scripts/ensure-electron.mjs' as string)) as {
      nativeBuildDirName(v: string, p: string, a: string): string;
      nativeAddonPath(root: string, v: string, p: string, a: string): string;
    };
    for (const [v, p, a] of [
      ['39.5.0', 'linux', 'x64'],
      ['39.5.0', 'win32', 'arm64'],
      ['40.1.2', 'darwin', 'arm64'],
    ] as const) {
      expect(script.nativeBuildDirName(v, p, a)).toBe(nativeBuildDirName(v, p, a));
      expect(script.nativeAddonPath('/r', v, p, a)).toBe(electronNativeBindingPath('/r', { electron: v }, p, a));
    }
  });
});
