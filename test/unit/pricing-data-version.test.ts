import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { GENAI_PRICES_VERSION, PRICE_DATA_VERSION } from '../../shared/pricing/index.js';

describe('price data version', () => {
  it('is the installed @pydantic/genai-prices version (update price-data-version.ts with the package)', () => {
    // The package's exports map hides package.json, so find it next to its resolved entry point.
    const entry = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
    const pkgPath = entry.replace(/dist[\\/]index\.c?js$/, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name: string; version: string };
    expect(pkg.name).toBe('@pydantic/genai-prices');
    expect(GENAI_PRICES_VERSION).toBe(pkg.version);
    expect(PRICE_DATA_VERSION).toBe(`genai-prices@${pkg.version}`);
  });
});
