import type { ProviderProfile } from '../../../shared/providers/index.js';
import type { ResolvedProviders } from '../proxy/upstreams.js';
import { POLLERS } from './pollers.js';

/**
 * Where a provider's reports are read: the same base URL the proxy forwards to (the upstream
 * setting, TOKENTALLY_UPSTREAM_<NAME>, or the profile's default), moved where its poller says
 * the reports live.
 */
export function pollerBaseUrl(profile: ProviderProfile, providers: ResolvedProviders): URL | null {
  const raw = providers.upstreams.get(profile.id) ?? (profile.defaultUpstream === null ? null : new URL(profile.defaultUpstream));
  if (raw === null) return null;
  return POLLERS.get(profile.id)?.reportsBase?.(raw) ?? raw;
}
