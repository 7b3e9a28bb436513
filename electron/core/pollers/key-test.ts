/**
 * "Test key": one cheap, read-only request with a key (stored, or typed in and not yet stored),
 * answered in plain words. Nothing is stored and the key is never echoed. The request is the
 * poller's probe for that kind of key, else the profile's free models list.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import type { KeyTestResult } from '../../../shared/api/contract-providers.js';
import { keyHeader, type ProviderProfile } from '../../../shared/providers/index.js';
import { explainFailure } from './explain-failure.js';
import { getJson } from './http-json.js';
import { PollError } from './poll-error.js';
import type { KeyProbe, PollerContext } from './poll-types.js';
import { POLLERS } from './pollers.js';
import { utcMidnight } from './poll-window.js';
import { reportUrl } from './report-url.js';

export interface KeyTestDeps {
  fetch: typeof fetch;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** The provider's profile and where its reports or API are, or null when Tokentally knows no provider of that name. */
  resolve(provider: string): { profile: ProviderProfile; baseUrl: URL } | null;
}

function probeFor(profile: ProviderProfile, kind: KeyKind, today: number): KeyProbe {
  const probe = POLLERS.get(profile.id)?.probe(kind, today);
  if (probe) return probe;
  // Listing models is free and proves an API key; where reports need the other key, say so.
  const needsAdmin = kind === 'api' && profile.reports?.keyKind === 'admin';
  return { path: profile.keyCheckPath, works: needsAdmin ? `The API key works (usage reports need an ${profile.adminKey?.label ?? 'Admin key'}).` : 'The key works.' };
}

export async function testKey(deps: KeyTestDeps, provider: string, kind: KeyKind, key: string): Promise<KeyTestResult> {
  const resolved = deps.resolve(provider);
  if (!resolved) return { provider, kind, ok: false, message: `Tokentally knows no provider "${provider}": add it in Settings first` };
  const { profile, baseUrl } = resolved;
  const probe = probeFor(profile, kind, utcMidnight(deps.now()));
  const ctx: PollerContext = { baseUrl, key: () => key, fetch: deps.fetch, now: deps.now, sleep: deps.sleep, since: 0 };
  const auth = keyHeader(profile.keyAuth, key);
  const headers = { ...profile.ownRequestHeaders, [auth.name]: auth.value };
  try {
    await getJson(ctx, { url: reportUrl(baseUrl, probe.path, probe.query ?? {}), headers, providerName: profile.label, key });
    return { provider, kind, ok: true, message: probe.works };
  } catch (err) {
    if (!(err instanceof PollError)) throw err;
    const message = profile.reports ? explainFailure(profile, err, key, kind) : err.message;
    return { provider, kind, ok: false, message: capitalize(message) };
  }
}

/** A sentence's first letter up, unless it starts with an address ("http://127.0.0.1:… has no /v1/models"). */
function capitalize(text: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
