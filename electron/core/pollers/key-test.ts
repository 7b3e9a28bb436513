/**
 * "Test key": one cheap, read-only request with a key (stored, or typed in and not yet stored),
 * answered in plain words. Nothing is stored and the key is never echoed.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import type { KeyTestResult } from '../../../shared/api/contract-providers.js';
import { ANTHROPIC_VERSION, USAGE_PATH } from './anthropic-poller.js';
import { BALANCE_PATH } from './deepseek-poller.js';
import { explainFailure, PROVIDER_NAMES } from './explain-failure.js';
import { getJson } from './http-json.js';
import { COSTS_PATH } from './openai-poller.js';
import { CREDITS_PATH, KEY_PATH } from './openrouter-poller.js';
import { PollError } from './poll-error.js';
import { isPolledProvider, type PolledProvider, type PollerContext } from './poll-types.js';
import { utcMidnight } from './poll-window.js';
import { reportUrl } from './report-url.js';

export interface KeyTestDeps {
  fetch: typeof fetch;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** The provider's base URL, or null when Tokentally knows no route of that name. */
  baseUrl(provider: string): URL | null;
}

interface Probe {
  path: string;
  query?: Record<string, string>;
  headers(key: string): Record<string, string>;
  works: string;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function probeFor(provider: string, kind: KeyKind, today: number): Probe {
  const day = new Date(today).toISOString();
  const anthropicHeaders = (key: string) => ({ 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION });
  switch (`${provider}/${kind}`) {
    case 'anthropic/admin':
      return { path: USAGE_PATH, query: { starting_at: day, bucket_width: '1d', limit: '1' }, headers: anthropicHeaders, works: "The Admin key works: it can read Anthropic's usage and cost reports." };
    case 'anthropic/api':
      return { path: '/v1/models', query: { limit: '1' }, headers: anthropicHeaders, works: 'The API key works (usage reports need an Admin key).' };
    case 'openai/admin':
      return { path: COSTS_PATH, query: { start_time: String(today / 1000), limit: '1' }, headers: bearer, works: "The Admin key works: it can read OpenAI's usage and costs." };
    case 'openrouter/api':
      return { path: KEY_PATH, headers: bearer, works: "The key works: its usage and limit can be read." };
    case 'openrouter/admin':
      return { path: CREDITS_PATH, headers: bearer, works: "The management key works: the account's credits can be read." };
    case 'deepseek/api':
    case 'deepseek/admin':
      return { path: BALANCE_PATH, headers: bearer, works: 'The key works: the account balance can be read.' };
    default:
      // OpenAI API keys and custom OpenAI-compatible providers: listing models is free.
      return { path: provider === 'openai' ? '/v1/models' : '/models', headers: bearer, works: 'The key works.' };
  }
}

export async function testKey(deps: KeyTestDeps, provider: string, kind: KeyKind, key: string): Promise<KeyTestResult> {
  const base = deps.baseUrl(provider);
  if (!base) return { provider, kind, ok: false, message: `Tokentally knows no provider "${provider}": add it in Settings first` };
  const probe = probeFor(provider, kind, utcMidnight(deps.now()));
  const ctx: PollerContext = { baseUrl: base, key: () => key, fetch: deps.fetch, now: deps.now, sleep: deps.sleep, since: 0 };
  const name = isPolledProvider(provider) ? PROVIDER_NAMES[provider] : provider;
  try {
    await getJson(ctx, { url: reportUrl(base, probe.path, probe.query ?? {}), headers: probe.headers(key), providerName: name, key });
    return { provider, kind, ok: true, message: probe.works };
  } catch (err) {
    if (!(err instanceof PollError)) throw err;
    const message = isPolledProvider(provider) ? explainFailure(provider as PolledProvider, err, key, kind) : err.message;
    return { provider, kind, ok: false, message: capitalize(message) };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
