import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { defaultSettings } from '../../shared/settings.js';
import { localTimeZone } from '../../shared/time/zoned.js';
import { readSettings, writeSettings } from '../../electron/core/ledger/index.js';
import { openDatabase, type Db } from '../../electron/core/ledger/open-database.js';
import { useLedgers } from './ledger-fixtures.js';

const ledgers = useLedgers();
const stored = (db: Db) => db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];

describe('settings in the ledger', () => {
  it('reads the defaults on a fresh ledger, in the machine zone', () => {
    const db = ledgers.open();
    try {
      const { settings, warnings } = readSettings(db);
      expect(warnings).toEqual([]);
      expect(settings).toEqual({
        timezone: localTimeZone(),
        proxyPort: 8787,
        upstreams: {
          anthropic: 'https://api.anthropic.com',
          openai: 'https://api.openai.com',
          openrouter: 'https://openrouter.ai/api',
          deepseek: 'https://api.deepseek.com',
          gemini: 'https://generativelanguage.googleapis.com',
        },
        customProviders: [],
        priceOverrides: [],
        proxyCors: false,
        storeBodiesForTags: [],
        allowWeakKeyStorage: false,
        subscriptions: [],
        windowAlerts: [50, 75, 90],
        windowAccounts: [],
        planEdits: [],
        priceDataDailyCheck: false,
        proxyLimits: { callMb: 128, batchMb: 300, uploadMb: 600, bodyIdleSeconds: 30 },
        guard: { enabled: true, multiplier: 10, floorUsdPerHour: 5, repeatCount: 8, repeatWindowSeconds: 600, autoPauseTags: [] },
      });
      expect(settings).toEqual(defaultSettings(localTimeZone()));
    } finally {
      db.close();
    }
  });

  it('writes a validated, normalised patch that survives a re-open, read over the defaults', () => {
    const dir = ledgers.dir();
    const db = openDatabase(dir);
    let after;
    try {
      after = writeSettings(db, {
        timezone: 'europe/berlin',
        proxyPort: 9000,
        upstreams: { anthropic: 'http://127.0.0.1:9999/gateway/' },
        customProviders: [{ name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1/' }],
      });
      expect(after.timezone).toBe('Europe/Berlin');
      expect(after.proxyPort).toBe(9000);
      // Providers left out of the stored map keep their defaults.
      expect(after.upstreams).toEqual({
        anthropic: 'http://127.0.0.1:9999/gateway',
        openai: 'https://api.openai.com',
        openrouter: 'https://openrouter.ai/api',
        deepseek: 'https://api.deepseek.com',
        gemini: 'https://generativelanguage.googleapis.com',
      });
      expect(after.customProviders).toEqual([{ name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' }]);
      expect(stored(db).map((r) => r.key)).toEqual(['customProviders', 'proxyPort', 'timezone', 'upstreams']);
    } finally {
      db.close();
    }
    const reopened = openDatabase(dir);
    try {
      expect(readSettings(reopened)).toEqual({ settings: after, warnings: [] });
    } finally {
      reopened.close();
    }
  });

  it('a custom provider stored under a name that is now built in becomes that provider\'s upstream, keeping the others', () => {
    const db = ledgers.open();
    try {
      // As an older version stored it, when DeepSeek was a custom provider.
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
        'customProviders',
        JSON.stringify([
          { name: 'deepseek', baseUrl: 'https://deepseek.gateway.example/v1' },
          { name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' },
        ]),
      );
      const { settings, warnings } = readSettings(db);
      expect(warnings).toEqual([]);
      expect(settings.upstreams.deepseek).toBe('https://deepseek.gateway.example/v1');
      expect(settings.customProviders).toEqual([{ name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' }]);
    } finally {
      db.close();
    }
  });

  it('stores nothing when any field of the patch is invalid', () => {
    const db = ledgers.open();
    try {
      let error: unknown;
      try {
        writeSettings(db, { proxyPort: 9000, timezone: 'Atlantis/Capital' });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('bad_request');
      expect((error as ApiError).message).toMatch(/timezone: unknown time zone "Atlantis\/Capital"/);
      expect(stored(db)).toEqual([]);
      expect(() => writeSettings(db, { colour: 'blue' } as never)).toThrow(/unknown setting "colour"/);
    } finally {
      db.close();
    }
  });

  it('ignores a malformed stored value with a warning, never crashes and never deletes it', () => {
    const db = ledgers.open();
    try {
      writeSettings(db, { proxyPort: 9100, proxyCors: true });
      const insert = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
      insert.run('timezone', '"Not/AZone"');
      insert.run('customProviders', '{not json');
      insert.run('upstreams', '{"anthropic": "ftp://example.com"}');
      insert.run('priceOverrides', '[{"model": "x", "inputPerMTok": -1, "outputPerMTok": 1}]');
      insert.run('someFutureSetting', '"kept"');

      const { settings, warnings } = readSettings(db);
      // Valid values still apply; broken ones fall back to the defaults.
      expect(settings.proxyPort).toBe(9100);
      expect(settings.proxyCors).toBe(true);
      expect(settings.timezone).toBe(localTimeZone());
      expect(settings.customProviders).toEqual([]);
      expect(settings.upstreams.anthropic).toBe('https://api.anthropic.com');
      expect(settings.priceOverrides).toEqual([]);
      expect(warnings).toHaveLength(4);
      expect(warnings.join('\n')).toMatch(/setting "customProviders" is stored as unreadable JSON/);
      expect(warnings.join('\n')).toMatch(/setting "timezone" has an unusable stored value .*unknown time zone/);
      expect(warnings.join('\n')).toMatch(/setting "upstreams" .*https:\/\/ or http:\/\//);
      expect(warnings.join('\n')).toMatch(/setting "priceOverrides" .*inputPerMTok/);
      // Nothing was deleted or rewritten by reading.
      expect(stored(db)).toContainEqual({ key: 'customProviders', value: '{not json' });
      expect(stored(db)).toContainEqual({ key: 'someFutureSetting', value: '"kept"' });
      expect(stored(db)).toHaveLength(7);

      // Writing a fresh value for a broken key replaces it and clears its warning.
      writeSettings(db, { timezone: 'Asia/Kathmandu' });
      const again = readSettings(db);
      expect(again.settings.timezone).toBe('Asia/Kathmandu');
      expect(again.warnings).toHaveLength(3);
    } finally {
      db.close();
    }
  });
});
