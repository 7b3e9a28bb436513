import type { Settings } from '../../../shared/api/contract.js';
import { DEFAULT_UPSTREAMS } from '../../../shared/settings.js';
import { resolveUpstreams } from '../proxy/upstreams.js';
import type { PolledProvider } from './poll-types.js';

/** DeepSeek is not a built-in proxy route; its reports live at the API's root. */
export const DEEPSEEK_DEFAULT_URL = 'https://api.deepseek.com';

/**
 * Where a provider's reports are read: the same base URL the proxy forwards to (the upstream
 * setting, or TOKENTALLY_UPSTREAM_<NAME>, or a custom provider of that name), else the default.
 */
export function pollerBaseUrl(
  provider: PolledProvider,
  settings: Pick<Settings, 'upstreams' | 'customProviders'>,
  env: Record<string, string | undefined>,
): URL {
  const url = resolveUpstreams(settings, env).get(provider) ?? new URL(DEFAULT_UPSTREAMS[provider] ?? DEEPSEEK_DEFAULT_URL);
  // An OpenAI-compatible base URL often ends in /v1 (https://api.deepseek.com/v1); /user/balance is not under it.
  if (provider === 'deepseek' && /\/v1\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/v1\/?$/, '/');
  return url;
}
