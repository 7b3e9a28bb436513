import type { Settings } from '../../../shared/api/contract.js';
import { BUILT_IN_PROFILES, ProviderRegistry, type ProviderProfile } from '../../../shared/providers/index.js';

const ENV_PREFIX = 'TOKENTALLY_UPSTREAM_';
/** Route names as they appear in /p/<name>/: provider names (shared/keys/provider-name.ts), so they map one-to-one to env names. */
const ROUTE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** TOKENTALLY_UPSTREAM_<NAME> for a route: upper-cased, '-' becomes '_'. */
export function upstreamEnvName(route: string): string {
  return ENV_PREFIX + route.toUpperCase().replace(/-/g, '_');
}

/**
 * Route name → upstream base URL (no trailing slash in its path). For each built-in provider: TOKENTALLY_UPSTREAM_<NAME>, else the
 * settings' upstreams entry, else the default. Custom providers come from settings.customProviders
 * (the environment overrides their URL too), and an environment variable naming a route that does
 * not exist yet adds it, so a gateway or a test double can stand in without touching the settings.
 * A malformed value is skipped (never fatal) and reported through onWarning.
 */
export function resolveUpstreams(
  settings: Pick<Settings, 'upstreams' | 'customProviders'>,
  env: Record<string, string | undefined>,
  onWarning: (message: string) => void = () => {},
  builtIns: readonly ProviderProfile[] = BUILT_IN_PROFILES,
): Map<string, URL> {
  return resolveUpstreamsWithOrigins(settings, env, onWarning, builtIns).routes;
}

/** Where an upstream in force came from: the environment overrides the settings, which override the default. */
type UpstreamOrigin = 'environment' | 'settings' | 'default';

function resolveUpstreamsWithOrigins(
  settings: Pick<Settings, 'upstreams' | 'customProviders'>,
  env: Record<string, string | undefined>,
  onWarning: (message: string) => void,
  builtIns: readonly ProviderProfile[],
): { routes: Map<string, URL>; origins: Map<string, UpstreamOrigin> } {
  const routes = new Map<string, URL>();
  const origins = new Map<string, UpstreamOrigin>();
  const builtInIds = builtIns.map((p) => p.id);
  const add = (route: string, raw: string | undefined, what: string, origin: UpstreamOrigin): boolean => {
    if (raw === undefined || raw.trim() === '') return false;
    const url = parseBaseUrl(raw.trim());
    if (!url) {
      onWarning(`ignored ${what}: "${raw}" is not an http(s) URL`);
      return false;
    }
    routes.set(route, url);
    origins.set(route, origin);
    return true;
  };

  for (const profile of builtIns) {
    const route = profile.id;
    if (add(route, env[upstreamEnvName(route)], upstreamEnvName(route), 'environment')) continue;
    // A stored value equal to the profile's default (settings hold every built-in's) is the default.
    if (add(route, settings.upstreams?.[route], `the ${route} upstream setting`, sameUrl(settings.upstreams?.[route], profile.defaultUpstream) ? 'default' : 'settings')) continue;
    add(route, profile.defaultUpstream ?? undefined, 'default', 'default');
  }
  for (const custom of settings.customProviders ?? []) {
    const name = custom.name?.toLowerCase();
    if (!name || !ROUTE_NAME.test(name) || builtInIds.includes(name)) {
      onWarning(`ignored custom provider "${custom.name}": a name is lower-case letters, digits and dashes, and not a built-in one`);
      continue;
    }
    if (!add(name, env[upstreamEnvName(name)], upstreamEnvName(name), 'environment')) add(name, custom.baseUrl, `the base URL of ${name}`, 'settings');
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX)) continue;
    const name = key.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, '-');
    if (routes.has(name)) continue;
    if (!ROUTE_NAME.test(name)) {
      onWarning(`ignored ${key}: not a usable route name`);
      continue;
    }
    add(name, value, key, 'environment');
  }
  return { routes, origins };
}

/**
 * The providers in force: the registry (built-in profiles, the user's custom providers, and any
 * route an environment variable added) and where each goes. The proxy, the pollers and the key
 * test read this one object, rebuilt when the settings change.
 */
export interface ResolvedProviders {
  registry: ProviderRegistry;
  /** Provider id → upstream base URL, for every provider that can be reached. */
  upstreams: ReadonlyMap<string, URL>;
  /** Provider id → where its upstream in force came from (an environment variable names itself: upstreamEnvName). */
  origins: ReadonlyMap<string, UpstreamOrigin>;
}

export function resolveProviders(
  settings: Pick<Settings, 'upstreams' | 'customProviders'>,
  env: Record<string, string | undefined>,
  onWarning: (message: string) => void = () => {},
  builtIns: readonly ProviderProfile[] = BUILT_IN_PROFILES,
): ResolvedProviders {
  const { routes: upstreams, origins } = resolveUpstreamsWithOrigins(settings, env, onWarning, builtIns);
  const builtInIds = new Set(builtIns.map((p) => p.id));
  // Custom providers, and routes only an environment variable names (a gateway, a test double).
  const custom = [...upstreams.keys()].filter((id) => !builtInIds.has(id)).map((name) => ({ name }));
  return { registry: new ProviderRegistry(builtIns, custom), upstreams, origins };
}

function sameUrl(a: string | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = parseBaseUrl(a.trim());
  const y = parseBaseUrl(b);
  return x !== null && y !== null && x.href.replace(/\/$/, '') === y.href.replace(/\/$/, '');
}

/** A base URL's path without its trailing slash ('' for a bare origin, whose pathname is always '/'). */
export function basePath(url: URL): string {
  return url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
}

function parseBaseUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.search = '';
  url.hash = '';
  return url;
}
