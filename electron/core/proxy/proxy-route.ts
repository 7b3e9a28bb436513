/**
 * Which provider a proxy path goes to: /<route>/<rest> for each profile in the registry
 * (/anthropic, /openai, /gemini, …) and /p/<name>/<rest> for the user's own providers, each
 * optionally behind /t/<tag>/ for tools that cannot set an X-Tokentally-Tag header.
 * Works on the raw request target (no dot-segment or percent normalisation), so the upstream gets
 * exactly the path and query the client sent.
 */
import type { ProviderProfile } from '../../../shared/providers/index.js';
import { upstreamEnvName, type ResolvedProviders } from './upstreams.js';

export interface ProxyRoute {
  profile: ProviderProfile;
  /** The profile's id: 'anthropic', 'openai', … or a custom name. */
  provider: string;
  /** The /t/<tag>/ prefix, decoded; null without one. */
  pathTag: string | null;
  /** Raw path after the route prefix, starting with '/' (e.g. /v1/messages). */
  path: string;
  /** Raw query including '?', or ''. */
  query: string;
  /** What the client used before `path`, to build URLs that point back through the proxy. */
  prefix: string;
}

export type RouteMatch =
  | { kind: 'route'; route: ProxyRoute }
  /** Looks like a proxy path but names a provider that is not configured, or a malformed tag. */
  | { kind: 'unknown'; message: string }
  | null;

const MAX_TAG_LENGTH = 64;

export function matchProxyRoute(target: string, providers: ResolvedProviders): RouteMatch {
  const q = target.indexOf('?');
  let path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  let prefix = '';
  let pathTag: string | null = null;

  if (path.startsWith('/t/')) {
    const end = path.indexOf('/', 3);
    if (end < 0) return { kind: 'unknown', message: 'a tag prefix is /t/<tag>/ followed by a provider route' };
    pathTag = cleanTag(safeDecode(path.slice(3, end)));
    if (pathTag === null) return { kind: 'unknown', message: `"${path.slice(3, end)}" is not a usable tag` };
    prefix = path.slice(0, end);
    path = path.slice(end);
  }

  let profile: ProviderProfile | undefined;
  let headLength: number;
  const first = segmentAt(path, 1);
  if (first === null) return pathTag === null ? null : { kind: 'unknown', message: 'a tag prefix must be followed by a provider route' };
  if (first === 'p') {
    const name = segmentAt(path, 3);
    if (name === null) return { kind: 'unknown', message: 'custom provider routes are /p/<name>/...' };
    const id = name.toLowerCase();
    headLength = 3 + name.length;
    // /p/<built-in id>/ still reaches the built-in provider (DeepSeek was a custom provider once).
    profile = providers.registry.get(id);
    if (!profile || !providers.upstreams.has(id)) {
      return { kind: 'unknown', message: `no provider named "${name}" is configured (add it in Settings, or set ${upstreamEnvName(id)})` };
    }
  } else {
    profile = providers.registry.atRoute(first);
    if (!profile) return pathTag === null ? null : { kind: 'unknown', message: `"${first}" is not a provider route` };
    headLength = 1 + first.length;
    if (!providers.upstreams.has(profile.id)) return { kind: 'unknown', message: `the ${profile.id} upstream is not configured` };
  }
  const rest = path.slice(headLength);
  if (rest !== '' && !rest.startsWith('/')) return null;
  return {
    kind: 'route',
    route: { profile, provider: profile.id, pathTag, path: rest === '' ? '/' : rest, query, prefix: prefix + path.slice(0, headLength) },
  };
}

/**
 * matchProxyRoute, remembering its last answer: a client calls the same target again and again
 * (/anthropic/v1/messages), and the answer depends only on the target and the providers in force
 * (a new object whenever settings change). Saves the path's slicing and lookups on every call.
 */
export function createRouteMatcher(): (target: string, providers: ResolvedProviders) => RouteMatch {
  let lastTarget: string | null = null;
  let lastProviders: ResolvedProviders | null = null;
  let lastMatch: RouteMatch = null;
  return (target, providers) => {
    if (target !== lastTarget || providers !== lastProviders) {
      lastMatch = matchProxyRoute(target, providers);
      lastTarget = target;
      lastProviders = providers;
    }
    return lastMatch;
  };
}

/** A tag as stored: trimmed, printable, at most MAX_TAG_LENGTH characters; null when unusable. */
export function cleanTag(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const tag = raw.trim();
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(tag)) return null;
  return tag;
}

/** The segment starting at index `from` (just after a '/'), or null when empty / absent. */
function segmentAt(path: string, from: number): string | null {
  if (path.length <= from || path[from - 1] !== '/') return null;
  const end = path.indexOf('/', from);
  const seg = end < 0 ? path.slice(from) : path.slice(from, end);
  return seg === '' ? null : seg;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
