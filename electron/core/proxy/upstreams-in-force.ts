import type { UpstreamInForce } from '../../../shared/api/contract-providers.js';
import { upstreamEnvName, type ResolvedProviders } from './upstreams.js';

/** Each provider's upstream as the proxy uses it now, with where it came from, in the registry's order. */
export function upstreamsInForce(resolved: ResolvedProviders): UpstreamInForce[] {
  const out: UpstreamInForce[] = [];
  for (const profile of resolved.registry.all()) {
    const url = resolved.upstreams.get(profile.id);
    if (!url) continue;
    out.push({ provider: profile.id, url: url.href.replace(/\/$/, ''), origin: resolved.origins.get(profile.id) ?? 'default', envName: upstreamEnvName(profile.id) });
  }
  return out;
}
