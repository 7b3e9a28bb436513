import type { Settings } from '../../../shared/api/contract.js';
import { DEFAULT_UPSTREAMS } from '../../../shared/settings.js';

/** The built-in routes, each going to DEFAULT_UPSTREAMS unless the settings or the environment say otherwise. */
export const BUILT_IN_ROUTES: readonly string[] = Object.keys(DEFAULT_UPSTREAMS);

const ENV_PREFIX = 'TOKENTALLY_UPSTREAM_';
/** Route names as they appear in /p/<name>/: provider names (shared/keys/provider-name.ts), so they map one-to-one to env names. */
export const ROUTE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

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
): Map<string, URL> {
  const routes = new Map<string, URL>();
  const add = (route: string, raw: string | undefined, origin: string): boolean => {
    if (raw === undefined || raw.trim() === '') return false;
    const url = parseBaseUrl(raw.trim());
    if (!url) {
      onWarning(`ignored ${origin}: "${raw}" is not an http(s) URL`);
      return false;
    }
    routes.set(route, url);
    return true;
  };

  for (const route of BUILT_IN_ROUTES) {
    add(route, env[upstreamEnvName(route)], upstreamEnvName(route)) ||
      add(route, settings.upstreams?.[route], `the ${route} upstream setting`) ||
      add(route, DEFAULT_UPSTREAMS[route], 'default');
  }
  for (const custom of settings.customProviders ?? []) {
    const name = custom.name?.toLowerCase();
    if (!name || !ROUTE_NAME.test(name) || BUILT_IN_ROUTES.includes(name)) {
      onWarning(`ignored custom provider "${custom.name}": a name is lower-case letters, digits and dashes, and not a built-in one`);
      continue;
    }
    add(name, env[upstreamEnvName(name)], upstreamEnvName(name)) || add(name, custom.baseUrl, `the base URL of ${name}`);
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX)) continue;
    const name = key.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, '-');
    if (routes.has(name)) continue;
    if (!ROUTE_NAME.test(name)) {
      onWarning(`ignored ${key}: not a usable route name`);
      continue;
    }
    add(name, value, key);
  }
  return routes;
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
