import { createRequire } from 'node:module';

// package.json sits two folders up both in the checkout (electron/core) and in out/ (out/electron/core → out/.. ).
const require = createRequire(import.meta.url);
function readVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(rel) as { name?: string; version?: string };
      if (pkg.name === 'tokentally' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const APP_VERSION = readVersion();
