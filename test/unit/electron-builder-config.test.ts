import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeBuildDirName, PACKAGED_NATIVE_DIR } from '../../electron/main/native-binding-path.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
// Both come with electron-builder; validateConfiguration is the check electron-builder runs itself.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  npmRebuild: boolean;
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  mac: { icon: string; extendInfo: Record<string, unknown> };
  linux: { icon: string };
  win: { icon: string };
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('ships the Electron-ABI addon where the main process looks for it, and never rebuilds node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    const [native] = config.extraResources;
    expect(native!.from).toBe('.native');
    expect(native!.to).toBe(PACKAGED_NATIVE_DIR);
    const pattern = native!.filter[0]!.replace('${platform}', 'darwin').replace('${arch}', 'arm64');
    const expected = `${nativeBuildDirName('39.5.0', 'darwin', 'arm64')}/better_sqlite3.node`;
    expect(new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(expected)).toBe(true);
  });

  it('is a menu-bar app on macOS and points at icons that exist', () => {
    expect(config.appId).toBe('dev.tokentally.app');
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    for (const icon of [config.mac.icon, config.linux.icon, config.win.icon]) expect(fs.existsSync(path.join(root, icon))).toBe(true);
    expect(config.files).toContain('electron/main/assets/**/*');
  });
});
