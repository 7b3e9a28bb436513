/**
 * Settings are stored one row per key, the value as JSON. Reading merges what is stored over the
 * defaults; a stored value that no longer parses or validates is skipped with a warning and left
 * in place (the user may have written it by hand, or a later version may read it).
 */
import type { Settings } from '../../../shared/api/contract.js';
import { defaultSettings, isSettingKey, promoteBuiltInCustomProviders, validateSetting, validateSettingsPatch } from '../../../shared/settings.js';
import { localTimeZone } from '../../../shared/time/zoned.js';
import type { Db } from './open-database.js';
import { cachedStatement } from './statement-cache.js';
import { errorMessage } from '../../../shared/error-message.js';

export interface SettingsRead {
  settings: Settings;
  /** One line per stored value that was ignored, for the log or the settings page. */
  warnings: string[];
}

/** The settings in effect: stored values over the defaults (time zone: this machine's). */
export function readSettings(db: Db): SettingsRead {
  const settings = defaultSettings(localTimeZone());
  const warnings: string[] = [];
  const rows = cachedStatement(db, 'SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
  for (const { key, value } of rows) {
    // Rows under other keys belong to other versions or features; they are not settings.
    if (!isSettingKey(key)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      warnings.push(`setting "${key}" is stored as unreadable JSON and was ignored; the default is used`);
      continue;
    }
    if (key === 'customProviders') {
      const promoted = promoteBuiltInCustomProviders(parsed);
      parsed = promoted.customProviders;
      settings.upstreams = { ...settings.upstreams, ...promoted.upstreams };
    }
    try {
      const valid = validateSetting(key, parsed);
      // Upstreams not named keep their default, so a stored map from an older version stays complete.
      (settings as unknown as Record<string, unknown>)[key] = key === 'upstreams' ? { ...settings.upstreams, ...(valid as Settings['upstreams']) } : valid;
    } catch (err) {
      warnings.push(`setting "${key}" has an unusable stored value and was ignored; the default is used (${errorMessage(err)})`);
    }
  }
  return { settings, warnings };
}

/**
 * Validate a change and store it in one transaction; returns the settings now in effect.
 * A key given replaces its stored value whole (upstreams included: providers left out fall back
 * to their default). Throws ApiError('bad_request') and stores nothing when any field is invalid.
 */
export function writeSettings(db: Db, patch: Partial<Settings>): Settings {
  const valid = validateSettingsPatch(patch);
  const upsert = cachedStatement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(valid)) upsert.run(key, JSON.stringify(value));
  })();
  return readSettings(db).settings;
}
