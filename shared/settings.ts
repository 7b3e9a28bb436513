/**
 * Settings: their defaults and the validation every change goes through (UI, HTTP, CLI alike).
 * Validation returns a normalised copy (canonical zone name, URLs without a trailing slash) and
 * throws ApiError('bad_request') naming the offending field; unknown keys are refused.
 */
import { ApiError, type CustomProvider, type PriceOverride, type Settings } from './api/contract.js';
import { normalizeProviderName } from './keys/provider-name.js';
import { BUILT_IN_PROFILES } from './providers/registry.js';
import { validateSubscriptions } from './plans/validate-subscriptions.js';
import { validatePlanEdits } from './plans/plan-edits.js';
import { DEFAULT_WINDOW_ALERTS } from './windows/window-alerts.js';
import { validateWindowAccounts, validateWindowAlerts } from './windows/window-settings.js';
import { canonicalTimeZone, isValidTimeZone } from './time/zoned.js';
import { DEFAULT_PROXY_LIMITS, validateProxyLimits } from './proxy-limits.js';
import { DEFAULT_GUARD_SETTINGS, validateGuardSettings } from './guard/guard-settings.js';
import { errorMessage } from './error-message.js';

const DEFAULT_PROXY_PORT = 8787;

/** Each built-in provider's upstream unless the user changes it (from the provider profiles). */
const DEFAULT_UPSTREAMS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(BUILT_IN_PROFILES.filter((p) => p.defaultUpstream !== null).map((p) => [p.id, p.defaultUpstream!])),
);

const BUILT_IN_PROVIDERS = BUILT_IN_PROFILES.map((p) => p.id);
const MAX_LIST = 200;
const MAX_TEXT = 200;

export function defaultSettings(timezone: string): Settings {
  return {
    timezone,
    proxyPort: DEFAULT_PROXY_PORT,
    upstreams: { ...DEFAULT_UPSTREAMS },
    customProviders: [],
    priceOverrides: [],
    proxyCors: false,
    storeBodiesForTags: [],
    allowWeakKeyStorage: false,
    subscriptions: [],
    windowAlerts: [...DEFAULT_WINDOW_ALERTS],
    windowAccounts: [],
    planEdits: [],
    priceDataDailyCheck: false,
    proxyLimits: { ...DEFAULT_PROXY_LIMITS },
    guard: { ...DEFAULT_GUARD_SETTINGS, autoPauseTags: [] },
  };
}

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function plainObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`${what} must be an object`);
  return v as Record<string, unknown>;
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) bad(`${what}: unknown field "${key}" (expected ${allowed.join(', ')})`);
  }
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') bad(`${what} must be non-empty text`);
  if (v.length > MAX_TEXT) bad(`${what} is longer than ${MAX_TEXT} characters`);
  return v.trim();
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) bad(`${what} must be a list`);
  if (v.length > MAX_LIST) bad(`${what} has more than ${MAX_LIST} entries`);
  return v;
}

function providerName(v: unknown, what: string): string {
  if (typeof v !== 'string') bad(`${what} must be a provider name`);
  try {
    return normalizeProviderName(v);
  } catch (err) {
    return bad(`${what}: ${errorMessage(err)}`);
  }
}

/** An http(s) base URL without credentials, query or fragment; returned without a trailing slash. */
function validateBaseUrl(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') bad(`${what} must be a URL such as https://api.example.com`);
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    return bad(`${what} is not a URL: "${v}" (e.g. https://api.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') bad(`${what} must start with https:// or http://`);
  if (url.username || url.password) bad(`${what} must not contain a user name or password (keys are stored separately)`);
  if (url.search || url.hash) bad(`${what} must not contain a query (?...) or fragment (#...)`);
  return url.href.replace(/\/+$/, '');
}

function nonNegative(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`${what} must be a number of dollars per million tokens, 0 or more`);
  return v;
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') bad(`${what} must be true or false`);
  return v;
}

function customProviders(v: unknown): CustomProvider[] {
  const seen = new Set<string>();
  return list(v, 'customProviders').map((entry, i) => {
    const what = `customProviders[${i}]`;
    const o = plainObject(entry, what);
    onlyKeys(o, ['name', 'baseUrl'], what);
    const name = providerName(o.name, `${what}.name`);
    if (BUILT_IN_PROVIDERS.includes(name)) bad(`${what}.name: "${name}" is built in; change its upstream instead`);
    if (seen.has(name)) bad(`${what}.name: "${name}" is listed twice`);
    seen.add(name);
    return { name, baseUrl: validateBaseUrl(o.baseUrl, `${what}.baseUrl`) };
  });
}

const OVERRIDE_FIELDS = ['provider', 'model', 'inputPerMTok', 'outputPerMTok', 'cacheReadPerMTok', 'cacheWritePerMTok'] as const;

function priceOverrides(v: unknown): PriceOverride[] {
  const seen = new Set<string>();
  return list(v, 'priceOverrides').map((entry, i) => {
    const what = `priceOverrides[${i}]`;
    const o = plainObject(entry, what);
    onlyKeys(o, OVERRIDE_FIELDS, what);
    const provider = o.provider === null || o.provider === undefined || o.provider === '' ? null : providerName(o.provider, `${what}.provider`);
    const model = text(o.model, `${what}.model`);
    const id = `${provider ?? '*'}\u0000${model}`;
    if (seen.has(id)) bad(`${what}: ${provider ?? 'any provider'} / ${model} is listed twice`);
    seen.add(id);
    const out: PriceOverride = {
      provider,
      model,
      inputPerMTok: nonNegative(o.inputPerMTok, `${what}.inputPerMTok`),
      outputPerMTok: nonNegative(o.outputPerMTok, `${what}.outputPerMTok`),
    };
    if (o.cacheReadPerMTok !== undefined) out.cacheReadPerMTok = nonNegative(o.cacheReadPerMTok, `${what}.cacheReadPerMTok`);
    if (o.cacheWritePerMTok !== undefined) out.cacheWritePerMTok = nonNegative(o.cacheWritePerMTok, `${what}.cacheWritePerMTok`);
    return out;
  });
}

/**
 * Custom providers stored under a name that has since become a built-in provider (DeepSeek and
 * Gemini were custom providers once): their base URL becomes that provider's upstream, so an
 * upgrade keeps where the user's calls went. Entries that are not such are returned untouched.
 */
export function promoteBuiltInCustomProviders(stored: unknown): { customProviders: unknown; upstreams: Record<string, string> } {
  if (!Array.isArray(stored)) return { customProviders: stored, upstreams: {} };
  const upstreams: Record<string, string> = {};
  const kept = stored.filter((entry) => {
    const o = entry as { name?: unknown; baseUrl?: unknown } | null;
    const name = typeof o?.name === 'string' ? o.name.trim().toLowerCase() : null;
    if (name === null || !BUILT_IN_PROVIDERS.includes(name)) return true;
    try {
      upstreams[name] = validateBaseUrl(o?.baseUrl, `customProviders.${name}.baseUrl`);
    } catch {
      // An unusable URL: the built-in default stands.
    }
    return false;
  });
  return { customProviders: kept, upstreams };
}

function upstreams(v: unknown): Record<string, string> {
  const o = plainObject(v, 'upstreams');
  const out: Record<string, string> = {};
  for (const [name, url] of Object.entries(o)) {
    const key = providerName(name, 'upstreams: a provider name');
    if (!BUILT_IN_PROVIDERS.includes(key)) {
      bad(`upstreams: "${key}" is not a built-in provider (${BUILT_IN_PROVIDERS.join(', ')}); add other providers as custom providers`);
    }
    out[key] = validateBaseUrl(url, `upstreams.${key}`);
  }
  return out;
}

function tags(v: unknown): string[] {
  return [...new Set(list(v, 'storeBodiesForTags').map((t, i) => text(t, `storeBodiesForTags[${i}]`)))];
}

type Validators = { [K in keyof Settings]: (v: unknown) => Settings[K] };

const VALIDATORS: Validators = {
  timezone: (v) => {
    if (!isValidTimeZone(v)) bad(`timezone: unknown time zone ${JSON.stringify(v)} (use an IANA name such as Europe/Berlin)`);
    return canonicalTimeZone(v);
  },
  proxyPort: (v) => {
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 65535) bad(`proxyPort must be a whole number from 1 to 65535, got ${JSON.stringify(v)}`);
    return v as number;
  },
  upstreams,
  customProviders,
  priceOverrides,
  proxyCors: (v) => bool(v, 'proxyCors'),
  storeBodiesForTags: tags,
  allowWeakKeyStorage: (v) => bool(v, 'allowWeakKeyStorage'),
  subscriptions: validateSubscriptions,
  windowAlerts: validateWindowAlerts,
  windowAccounts: validateWindowAccounts,
  planEdits: validatePlanEdits,
  priceDataDailyCheck: (v) => bool(v, 'priceDataDailyCheck'),
  proxyLimits: validateProxyLimits,
  guard: validateGuardSettings,
};

const SETTING_KEYS = Object.keys(VALIDATORS) as (keyof Settings)[];

export function isSettingKey(key: string): key is keyof Settings {
  return Object.prototype.hasOwnProperty.call(VALIDATORS, key);
}

/** Validate and normalise one setting's value; throws ApiError('bad_request'). */
export function validateSetting<K extends keyof Settings>(key: K, value: unknown): Settings[K] {
  return VALIDATORS[key](value) as Settings[K];
}

/** Validate a change to the settings; returns the normalised patch. */
export function validateSettingsPatch(patch: unknown): Partial<Settings> {
  const o = plainObject(patch, 'the settings change');
  const out: Partial<Settings> = {};
  for (const [key, value] of Object.entries(o)) {
    if (!isSettingKey(key)) bad(`unknown setting "${key}" (known: ${SETTING_KEYS.join(', ')})`);
    if (value === undefined) continue;
    (out as Record<string, unknown>)[key] = validateSetting(key, value);
  }
  return out;
}
